package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer of a decoder together with its likelihood p(x | h): maps the last hidden
 * activation h to the distribution's parameters and scores data under them.
 * Call order per step: {@link #forward}, {@link #logProbability}, then optionally {@link #backward}.
 */
public interface LikelihoodLayer {

    /** Computes the distribution parameters for hidden activations {@code h} ([n, nIn]). */
    void forward(INDArray h);

    /**
     * log p(x | h) of the last forward, summed over all rows and columns (nats); remembers {@code x}
     * (which must not change until {@link #backward}).
     */
    double logProbability(INDArray x);

    /** Per-row log p(x | h) of the last {@link #logProbability} call, shape [n] (a fresh array). */
    INDArray logProbabilityRows();

    /**
     * {@link #logProbability} of {@code x.repeat(0, repeats)} (every row of x repeated for several samples, row i's
     * copies consecutive); layers may score it without building the repeated array.
     */
    default double logProbabilityRepeated(INDArray x, int repeats) {
        return logProbability(repeats == 1 ? x : x.repeat(0, repeats));
    }

    /**
     * Back-propagates {@code scale * logProbability(x)}: adds its gradient into the parameter gradients
     * and returns the gradient with respect to h (layer-owned) when asked, else null.
     */
    INDArray backward(double scale, boolean needInputGradient);

    /** E[x | h] of the last forward (a fresh array). */
    INDArray mean();

    /** Number of data columns. */
    int nOut();
}
