package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise activation functions applied in place. The backward pass needs only the
 * activation's <em>output</em> (every derivative here can be written in terms of it), so layers
 * keep one buffer per layer instead of pre-activation and activation copies.
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY,
    /** f(x) = max(x, 0). */
    RELU,
    /** f(x) = x for x &gt; 0, else 0.01 x. */
    LEAKY_RELU,
    /** f(x) = log(1 + e^x), computed stably as max(x, 0) + log1p(e^-|x|). */
    SOFTPLUS,
    /** f(x) = 1 / (1 + e^-x). */
    SIGMOID,
    /** f(x) = tanh(x). */
    TANH;

    /** Slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    /** Overwrites {@code a} with f(a); {@code scratch} (same shape) is clobbered by some activations. */
    public void applyInPlace(INDArray a, INDArray scratch) {
        switch (this) {
            case IDENTITY -> { }
            case RELU -> Transforms.relu(a, false);
            case LEAKY_RELU -> Transforms.leakyRelu(a, LEAKY_SLOPE, false);
            case SOFTPLUS -> softplusInPlace(a, scratch);
            case SIGMOID -> Transforms.sigmoid(a, false);
            case TANH -> Transforms.tanh(a, false);
            default -> throw new IllegalStateException(name());
        }
    }

    /**
     * Turns a gradient with respect to the activation's output into one with respect to its input:
     * {@code grad *= f'(x)}, with f'(x) computed from the output {@code out = f(x)}.
     *
     * @param out     the activation's output (unchanged)
     * @param grad    gradient with respect to {@code out}; overwritten in place
     * @param scratch buffer of the same shape, clobbered
     */
    public void backpropInPlace(INDArray out, INDArray grad, INDArray scratch) {
        switch (this) {
            case IDENTITY -> { }
            case RELU -> grad.muli(Nd4j.exec(new Step(out, scratch))); // scratch = (out > 0), one pass
            case LEAKY_RELU -> grad.muli(Transforms.leakyReluDerivative(scratch.assign(out), LEAKY_SLOPE, false));
            // softplus'(x) = sigmoid(x) = 1 - exp(-softplus(x))
            case SOFTPLUS -> grad.muli(Transforms.exp(scratch.assign(out).negi(), false).rsubi(1.0));
            case SIGMOID -> grad.muli(scratch.assign(out).rsubi(1.0).muli(out));
            case TANH -> grad.muli(scratch.assign(out).muli(out).rsubi(1.0));
            default -> throw new IllegalStateException(name());
        }
    }

    /** Stable softplus in place: a = max(a, 0) + log1p(exp(-|a|)). */
    public static INDArray softplusInPlace(INDArray a, INDArray scratch) {
        scratch.assign(a);
        Transforms.abs(scratch, false).negi();
        Transforms.exp(scratch, false);
        Transforms.log1p(scratch, false);
        Transforms.relu(a, false);
        return a.addi(scratch);
    }
}
