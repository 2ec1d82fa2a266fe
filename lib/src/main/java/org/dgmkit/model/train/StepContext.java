package org.dgmkit.model.train;

/**
 * What the trainer tells the model about the current step.
 *
 * @param epoch     0-based epoch
 * @param iteration 0-based optimiser step counted over the whole run
 * @param klWeight  warm-up weight beta in [0, 1] multiplying the KL terms (1 = the true ELBO)
 */
public record StepContext(int epoch, long iteration, double klWeight) {

    /** Context for evaluation: the full ELBO. */
    public static StepContext evaluation() {
        return new StepContext(0, 0, 1.0);
    }
}
