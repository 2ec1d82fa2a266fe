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

    /**
     * {@code samples} posterior samples of every row of {@code x}: the result has {@code n * samples} entries, row
     * i's samples consecutive (the order of {@code x.repeat(0, samples)}). The default tiles x and calls
     * {@link #sample}; a model whose inference network does not depend on the sample overrides it to run that
     * network once per row, which halves the cost of scoring with many samples.
     */
    default LatentSample sampleRepeated(INDArray x, int samples) {
        return sample(samples == 1 ? x : x.repeat(0, samples));
    }

    /** Parameters of q(z | x) for the (first) latent layer. */
    Gaussian encode(INDArray x);

    /** Mean of p(x | z) (Bernoulli probabilities or Gaussian mean) for latents {@code z} of the first layer. */
    INDArray decode(INDArray z);
}
