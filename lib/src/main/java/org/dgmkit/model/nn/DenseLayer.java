package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer y = f(x W + b) with W of shape [nIn, nOut] and b of shape [1, nOut], both views
 * into a {@link ParameterSpace}. Forward and backward reuse per-batch-size buffers; the arrays they
 * return are owned by the layer and overwritten by the next call.
 */
public final class DenseLayer {
    private final String name;
    private final int nIn;
    private final int nOut;
    private final Activation activation;
    private final ParameterSpace.Block weights;
    private final ParameterSpace.Block bias;
    private final RowBuffer out;
    private final RowBuffer scratch;
    private final RowBuffer gradIn;
    private final RowBuffer ones;
    private INDArray input;
    private INDArray output;

    /**
     * Reserves W (initialised with {@code init}) and b (zeros) in {@code params} under
     * {@code name + ".W"} and {@code name + ".b"}.
     */
    public DenseLayer(ParameterSpace params, String name, int nIn, int nOut, Activation activation, WeightInit init) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalArgumentException("dense layer '" + name + "' needs positive sizes, got nIn=" + nIn
                    + " nOut=" + nOut);
        }
        this.name = name;
        this.nIn = nIn;
        this.nOut = nOut;
        this.activation = activation;
        this.weights = params.reserve(name + ".W", new ParameterSpace.Weights(init, nIn, nOut), nIn, nOut);
        this.bias = params.reserve(name + ".b", new ParameterSpace.Constant(0.0), 1, nOut);
        this.out = new RowBuffer(params.dataType(), nOut);
        this.scratch = new RowBuffer(params.dataType(), nOut);
        this.gradIn = new RowBuffer(params.dataType(), nIn);
        this.ones = new RowBuffer(params.dataType(), 1, 1.0);
    }

    /** Layer name (prefix of its parameter blocks). */
    public String name() {
        return name;
    }

    /** Input width. */
    public int nIn() {
        return nIn;
    }

    /** Output width. */
    public int nOut() {
        return nOut;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** Weight block [nIn, nOut]. */
    public ParameterSpace.Block weights() {
        return weights;
    }

    /** Bias block [1, nOut]. */
    public ParameterSpace.Block bias() {
        return bias;
    }

    /**
     * Computes f(x W + b) into the layer's output buffer and remembers {@code x} for the backward pass
     * (so {@code x} must not change until then).
     */
    public INDArray forward(INDArray x) {
        if (x.columns() != nIn) {
            throw new IllegalArgumentException("layer '" + name + "' expects " + nIn + " input columns, got "
                    + x.columns());
        }
        long n = x.rows();
        INDArray y = out.get(n);
        Nd4j.gemm(x, weights.value(), y, false, false, 1.0, 0.0);
        y.addiRowVector(bias.value());
        activation.applyInPlace(y, scratch.get(n));
        input = x;
        output = y;
        return y;
    }

    /**
     * Back-propagates the gradient of the loss with respect to the last output: adds dL/dW and dL/db
     * into the parameter gradients and returns dL/dx (a layer-owned buffer) when asked, else null.
     *
     * @param gradOut dL/dy, shape [n, nOut]; OVERWRITTEN with dL/d(pre-activation)
     */
    public INDArray backward(INDArray gradOut, boolean needInputGradient) {
        if (output == null) {
            throw new IllegalStateException("layer '" + name + "': backward before forward");
        }
        long n = gradOut.rows();
        activation.backpropInPlace(output, gradOut, scratch.get(n));
        Nd4j.gemm(input, gradOut, weights.gradient(), true, false, 1.0, 1.0);
        Nd4j.gemm(ones.get(n), gradOut, bias.gradient(), true, false, 1.0, 1.0); // column sums, accumulated
        if (!needInputGradient) {
            return null;
        }
        INDArray gx = gradIn.get(n);
        Nd4j.gemm(gradOut, weights.value(), gx, false, true, 1.0, 0.0);
        return gx;
    }
}
