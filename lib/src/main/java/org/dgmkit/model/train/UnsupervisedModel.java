package org.dgmkit.model.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ModelBase} trained on inputs alone (the VAEs): a batch's loss is {@link #step} on its checked rows
 * {@code x}, and the last step leaves its two parts for the progress output.
 *
 * @param <C> the configuration record
 */
public abstract class UnsupervisedModel<C extends ModelConfig> extends ModelBase<C> {
    /** Mean log p(x | latents) per example of the last loss computation; set by {@link #step}. */
    protected double lastLogPx = Double.NaN;
    /** Mean latent cost (KL or its estimate) per example of the last loss computation; set by {@link #step}. */
    protected double lastKl = Double.NaN;

    /** See {@link ModelBase#ModelBase}. */
    protected UnsupervisedModel(String type, C config) {
        super(type, config);
    }

    @Override
    protected final double batchLoss(Batch batch, double klWeight, boolean withGradients) {
        return step(typed(batch.x()), klWeight, withGradients);
    }

    /** -ELBO of the rows of {@code x} averaged over them, latent terms weighted by {@code beta}; see {@link #batchLoss}. */
    protected abstract double step(INDArray x, double beta, boolean withGradients);

    /** Mean log p(x | latents) per example of the last loss computation (nats). */
    public double lastReconstruction() {
        return lastLogPx;
    }

    /** Mean latent cost E_q[log q - log p] (KL) per example of the last loss computation (nats). */
    public double lastKl() {
        return lastKl;
    }
}
