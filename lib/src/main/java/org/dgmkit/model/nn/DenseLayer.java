package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    private final RowBuffer gradIn;
    private final RowBuffer sharedProduct;
    private final RowBuffer sharedGradient;
    private INDArray input;
    private INDArray output;
    // shared-rows input (see forwardLinearShared): its distinct leading rows, their row map and the other columns
    private INDArray sharedInput;
    private int[] sharedRowOf;
    private double[] sharedSums;

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
        this.gradIn = new RowBuffer(params.dataType(), nIn);
        this.sharedProduct = new RowBuffer(params.dataType(), nOut);
        this.sharedGradient = new RowBuffer(params.dataType(), nOut);
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
        INDArray y = linear(x);
        Fused.biasActivation(out.elements(y.rows()), bias.valueElements(), activation);
        return y;
    }

    /** x W into the output buffer, remembering x and the output for backward. */
    private INDArray linear(INDArray x) {
        if (x.columns() != nIn) {
            throw new IllegalArgumentException("layer '" + name + "' expects " + nIn + " input columns, got "
                    + x.columns());
        }
        INDArray y = out.get(x.rows());
        Gemm.mm(x, weights.value(), y, false, false, 1.0, 0.0);
        input = x;
        output = y;
        sharedInput = null;
        return y;
    }

    /**
     * As {@link #forward} for the input [s[rowOf[i]] | rest[i]] of rows i: its first {@code s.columns()} columns repeat
     * across rows (ADGM's x, once per class and draw), so s W[first rows] is computed once per distinct row of
     * {@code s} and added to every row that copies it. The products do less work and sum in another order than the
     * whole input's would (values agree to rounding). Back with {@link #backward}; no input gradient.
     */
    public INDArray forwardShared(INDArray s, int[] rowOf, INDArray rest) {
        INDArray y = linearShared(s, rowOf, rest);
        Fused.biasActivation(out.elements(y.rows()), bias.valueElements(), activation);
        return y;
    }

    /** {@link #forwardShared} without bias and activation, for a {@link BatchNorm} (as {@link #forwardLinear}). */
    public INDArray forwardLinearShared(INDArray s, int[] rowOf, INDArray rest) {
        if (activation != Activation.IDENTITY) {
            throw new IllegalStateException("layer '" + name + "': forwardLinearShared needs the IDENTITY activation");
        }
        return linearShared(s, rowOf, rest);
    }

    private INDArray linearShared(INDArray s, int[] rowOf, INDArray rest) {
        long w = s.columns();
        if (w + rest.columns() != nIn || rowOf.length != rest.rows()) {
            throw new IllegalArgumentException("layer '" + name + "' expects " + nIn + " input columns over "
                    + rowOf.length + " rows, got " + w + " shared + " + rest.columns() + " over " + rest.rows()
                    + " rows");
        }
        INDArray y = out.get(rest.rows());
        Gemm.mm(rest, rowsOf(weights.value(), w, nIn), y, false, false, 1.0, 0.0);
        INDArray p = sharedProduct.get(s.rows());
        Gemm.mm(s, rowsOf(weights.value(), 0, w), p, false, false, 1.0, 0.0);
        Fused.addGatheredRows(sharedProduct.elements(s.rows()), rowOf, out.elements(rest.rows()));
        input = rest;
        output = y;
        sharedInput = s;
        sharedRowOf = rowOf;
        return y;
    }

    private static INDArray rowsOf(INDArray w, long from, long to) {
        return RowBlock.of(w, from, to); // w is a view of the parameter space: ND4J's get can fail here
    }

    /** dW += input^T g, for a shared-rows input in two parts: s^T (g summed over the rows copying each row of s). */
    private void addWeightGradient(INDArray g) {
        if (sharedInput == null) {
            Gemm.mm(input, g, weights.gradient(), true, false, 1.0, 1.0);
            return;
        }
        long w = sharedInput.columns();
        Gemm.mm(input, g, rowsOf(weights.gradient(), w, nIn), true, false, 1.0, 1.0);
        int distinct = (int) sharedInput.rows();
        if (sharedSums == null || sharedSums.length != distinct * nOut) {
            sharedSums = new double[distinct * nOut];
        }
        Fused.sumRowsInto(Elements.of(g), sharedRowOf, sharedSums, sharedGradient.elements(distinct));
        Gemm.mm(sharedInput, sharedGradient.get(distinct), rowsOf(weights.gradient(), 0, w), true, false, 1.0, 1.0);
    }

    /**
     * x W alone, without bias and activation, for a {@link BatchNorm} that adds this layer's bias in its own pass
     * ({@code BatchNorm.forward(y, bias(), f)}); only for layers built with IDENTITY. Back with
     * {@link #backwardLinear}.
     */
    public INDArray forwardLinear(INDArray x) {
        if (activation != Activation.IDENTITY) {
            throw new IllegalStateException("layer '" + name + "': forwardLinear needs the IDENTITY activation");
        }
        return linear(x);
    }

    /**
     * Backward of {@link #forwardLinear}: adds dL/dW (the bias gradient comes from the batch norm that added the
     * bias) and returns dL/dx (layer-owned) when asked, else null. {@code gradOut} is left unchanged.
     */
    public INDArray backwardLinear(INDArray gradOut, boolean needInputGradient) {
        if (output == null) {
            throw new IllegalStateException("layer '" + name + "': backward before forward");
        }
        addWeightGradient(gradOut);
        if (!needInputGradient) {
            return null;
        }
        requireWholeInput();
        INDArray gx = gradIn.get(gradOut.rows());
        Gemm.mm(gradOut, weights.value(), gx, false, true, 1.0, 0.0);
        return gx;
    }

    /** {@link Elements} of the last forward's output buffer. */
    public Elements outputElements() {
        if (output == null) {
            throw new IllegalStateException("layer '" + name + "': no forward yet");
        }
        return out.elements(output.rows());
    }

    /**
     * Back-propagates the gradient of the loss with respect to the last output: adds dL/dW and dL/db
     * into the parameter gradients and returns dL/dx (a layer-owned buffer) when asked, else null.
     *
     * @param gradOut dL/dy, shape [n, nOut]; OVERWRITTEN with dL/d(pre-activation)
     */
    public INDArray backward(INDArray gradOut, boolean needInputGradient) {
        return backward(gradOut, 1.0, needInputGradient);
    }

    /**
     * As {@link #backward(INDArray, boolean)} for the loss {@code scale * L}: {@code gradOut} holds dL/dy and is
     * overwritten with scale * dL/d(pre-activation) (the scale costs nothing: it rides on the activation pass).
     */
    public INDArray backward(INDArray gradOut, double scale, boolean needInputGradient) {
        return backward(gradOut, null, scale, needInputGradient);
    }

    /**
     * As {@link #backward(INDArray, double, boolean)} for the loss {@code scale * sum_r w_r L_r}: row r of
     * {@code gradOut} (dL_r/dy) is weighted by {@code rowWeights[r]} ([n, 1], or null for none) in the same pass.
     */
    public INDArray backward(INDArray gradOut, INDArray rowWeights, double scale, boolean needInputGradient) {
        INDArray g = preActivationGradient(gradOut, rowWeights, scale);
        if (!needInputGradient) {
            return null;
        }
        requireWholeInput();
        INDArray gx = gradIn.get(g.rows());
        Gemm.mm(g, weights.value(), gx, false, true, 1.0, 0.0);
        return gx;
    }

    /**
     * As {@link #backward(INDArray, boolean)}, but ADDS dL/dx into {@code gradInput} ([n, nIn]) instead of a
     * layer-owned buffer: two heads reading the same input share one input gradient without an extra pass.
     */
    public void backwardAccumulate(INDArray gradOut, INDArray gradInput) {
        INDArray g = preActivationGradient(gradOut, null, 1.0);
        requireWholeInput();
        Gemm.mm(g, weights.value(), gradInput, false, true, 1.0, 1.0);
    }

    private void requireWholeInput() {
        if (sharedInput != null) {
            throw new IllegalStateException("layer '" + name + "': no input gradient after forwardShared");
        }
    }

    private INDArray preActivationGradient(INDArray gradOut, INDArray rowWeights, double scale) {
        if (output == null) {
            throw new IllegalStateException("layer '" + name + "': backward before forward");
        }
        long n = gradOut.rows();
        if (n != output.rows() || gradOut.columns() != nOut) {
            throw new IllegalArgumentException("layer '" + name + "': gradient shape "
                    + java.util.Arrays.toString(gradOut.shape()) + " does not match the output [" + output.rows()
                    + ", " + nOut + "]");
        }
        Elements g = gradOut == output ? out.elements(n) : Elements.of(gradOut);
        Fused.activationBackward(activation == Activation.IDENTITY ? null : out.elements(n), g, activation,
                rowWeights == null ? null : Elements.of(rowWeights), scale, bias.gradientElements());
        addWeightGradient(gradOut);
        return gradOut;
    }
}
