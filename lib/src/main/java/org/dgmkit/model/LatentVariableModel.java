package org.dgmkit.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every generative model offers to the anomaly scores: draw latents from the model's
 * approximate posterior and report the log-densities that every score is built from.
 *
 * <p>Scores only combine the three columns of {@link LatentSample}: the reconstruction
 * log-likelihood is the mean of {@code logPxGivenZ}, the ELBO the mean of
 * {@code logPxGivenZ + logPz - logQz}, the importance-weighted bound their log-mean-exp.
 * Hierarchical and auxiliary models fold every latent layer (and the auxiliary variable)
 * into {@code logPz} and {@code logQz}.
 */
public interface LatentVariableModel {

    /** Number of input features (columns of x). */
    long inputSize();

    /**
     * Draws one sample of every latent variable per row of {@code x} from q(latents | x),
     * using ND4J's random generator, and returns the log-densities at that sample.
     *
     * @param x inputs, shape [n, inputSize()]
     */
    LatentSample sample(INDArray x);

    /** Parameters of q(z | x) for the (first) latent layer. */
    Gaussian encode(INDArray x);

    /** Mean of p(x | z) (Bernoulli probabilities or Gaussian mean) for latents {@code z} of the first layer. */
    INDArray decode(INDArray z);
}
