package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import org.dgmkit.model.nn.ParameterSpace;

/**
 * A model the {@link Trainer} can optimise: its parameters and gradients are the flat buffers of one
 * {@link ParameterSpace}, and one call computes the loss of a batch and its gradient.
 */
public interface TrainableModel {

    /** The model's parameters, gradients and non-trained state. */
    ParameterSpace parameters();

    /**
     * Loss of {@code batch} averaged over its examples (for VAEs: -ELBO with the KL terms weighted by
     * {@code ctx.klWeight()}); ADDS its gradient into {@code parameters().gradients()} (the trainer zeroes
     * them before the call).
     */
    double lossAndGradients(Batch batch, StepContext ctx);

    /** Loss of {@code batch} averaged over its examples with klWeight 1, no gradient (validation). */
    double loss(Batch batch);

    /** Switches modules with train/eval behaviour (batch norm); default: nothing to switch. */
    default void setTraining(boolean training) {
    }

    /** Short type name used in checkpoints to rebuild the model ({@link ModelRegistry}). */
    String modelType();

    /** The model's configuration as JSON; with {@link #modelType()} enough to rebuild an untrained copy. */
    JsonObject configJson();
}
