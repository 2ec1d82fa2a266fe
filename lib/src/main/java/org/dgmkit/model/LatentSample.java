package org.dgmkit.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Log-densities at one posterior sample, one entry per input row (each a vector of length n), in nats.
 *
 * @param logPxGivenZ log p(x | latents): the reconstruction log-likelihood
 * @param logPz       log p(latents) under the generative model (all layers, auxiliary terms included)
 * @param logQz       log q(latents | x) under the inference model
 */
public record LatentSample(INDArray logPxGivenZ, INDArray logPz, INDArray logQz) {

    /** log p(x, z) - log q(z | x): the single-sample ELBO and the log importance weight. */
    public INDArray logWeight() {
        return logPxGivenZ.add(logPz).subi(logQz);
    }
}
