package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense layer over several inputs without concatenating them: y = f(x_0 W_0 + ... + x_k W_k + b), one
 * weight block per input ({@code name.W0}, {@code name.W1}, ...) and one bias ({@code name.b}). This is what
 * models with several conditioning variables need, e.g. q(z | x, y, a) or p(x | z, y) in ADGM/SDGM.
 */
public final class MultiInputDenseLayer {
    private final String name;
    private final int[] nIns;
    private final int nOut;
    private final Activation activation;
    private final ParameterSpace.Block[] weights;
    private final ParameterSpace.Block bias;
    private final RowBuffer out;
    private final RowBuffer scratch;
    private final RowBuffer[] gradIn;
    private final RowBuffer ones;
    private INDArray[] inputs;
    private INDArray output;

    /** Reserves one weight block per input (initialised with fan-in = the sum of all input widths). */
    public MultiInputDenseLayer(ParameterSpace params, String name, int[] nIns, int nOut, Activation activation,
                                WeightInit init) {
        if (nIns == null || nIns.length == 0) {
            throw new IllegalArgumentException("multi-input layer '" + name + "' needs at least one input");
        }
        int fanIn = 0;
        for (int n : nIns) {
            if (n <= 0) {
                throw new IllegalArgumentException("multi-input layer '" + name + "' needs positive input sizes, got "
                        + java.util.Arrays.toString(nIns));
            }
            fanIn += n;
        }
        if (nOut <= 0) {
            throw new IllegalArgumentException("multi-input layer '" + name + "' needs a positive nOut, got " + nOut);
        }
        this.name = name;
        this.nIns = nIns.clone();
        this.nOut = nOut;
        this.activation = activation;
        this.weights = new ParameterSpace.Block[nIns.length];
        this.gradIn = new RowBuffer[nIns.length];
        for (int i = 0; i < nIns.length; i++) {
            weights[i] = params.reserve(name + ".W" + i, new ParameterSpace.Weights(init, fanIn, nOut), nIns[i], nOut);
            gradIn[i] = new RowBuffer(params.dataType(), nIns[i]);
        }
        this.bias = params.reserve(name + ".b", new ParameterSpace.Constant(0.0), 1, nOut);
        this.out = new RowBuffer(params.dataType(), nOut);
        this.scratch = new RowBuffer(params.dataType(), nOut);
        this.ones = new RowBuffer(params.dataType(), 1, 1.0);
    }

    /** Weight block of input {@code i}. */
    public ParameterSpace.Block weights(int i) {
        return weights[i];
    }

    /** Bias block. */
    public ParameterSpace.Block bias() {
        return bias;
    }

    /** Output width. */
    public int nOut() {
        return nOut;
    }

    /** f(sum_i x_i W_i + b) into a layer-owned buffer; the inputs must not change until backward. */
    public INDArray forward(INDArray... xs) {
        if (xs.length != nIns.length) {
            throw new IllegalArgumentException("layer '" + name + "' expects " + nIns.length + " inputs, got "
                    + xs.length);
        }
        long n = xs[0].rows();
        INDArray y = out.get(n);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i].columns() != nIns[i] || xs[i].rows() != n) {
                throw new IllegalArgumentException("layer '" + name + "' input " + i + " must be [" + n + ", "
                        + nIns[i] + "], got " + java.util.Arrays.toString(xs[i].shape()));
            }
            Nd4j.gemm(xs[i], weights[i].value(), y, false, false, 1.0, i == 0 ? 0.0 : 1.0);
        }
        y.addiRowVector(bias.value());
        activation.applyInPlace(y, scratch.get(n));
        inputs = xs.clone();
        output = y;
        return y;
    }

    /**
     * Back-propagates dL/dy (OVERWRITTEN): adds the parameter gradients and returns dL/dx_i (layer-owned) for
     * every input whose flag is set, null for the others.
     */
    public INDArray[] backward(INDArray gradOut, boolean... needInputGradient) {
        if (output == null) {
            throw new IllegalStateException("layer '" + name + "': backward before forward");
        }
        long n = gradOut.rows();
        activation.backpropInPlace(output, gradOut, scratch.get(n));
        Nd4j.gemm(ones.get(n), gradOut, bias.gradient(), true, false, 1.0, 1.0);
        INDArray[] gx = new INDArray[nIns.length];
        for (int i = 0; i < nIns.length; i++) {
            Nd4j.gemm(inputs[i], gradOut, weights[i].gradient(), true, false, 1.0, 1.0);
            if (i < needInputGradient.length && needInputGradient[i]) {
                gx[i] = gradIn[i].get(n);
                Nd4j.gemm(gradOut, weights[i].value(), gx[i], false, true, 1.0, 0.0);
            }
        }
        return gx;
    }
}
