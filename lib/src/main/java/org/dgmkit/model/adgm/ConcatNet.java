package org.dgmkit.model.adgm;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BatchNorm;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.Gemm;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.RowBlock;
import org.dgmkit.model.nn.RowBuffer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron whose input is the column-wise concatenation of several parts, e.g. [a, x, y]
 * for q(z | a, x, y). Every hidden layer is dense -> activation, or with batch norm dense -> batch norm
 * (learned scale and shift) -> activation, as the official ADGM code builds it. Forward copies the parts into
 * one reusable buffer; backward returns the gradient of every part as a column view of the first layer's input
 * gradient (valid until the next backward). Each instance may be used once per forward/backward pass (its
 * layers keep their inputs).
 */
final class ConcatNet {
    /** Lasagne's BatchNormLayer defaults, which the official code uses: running = 0.9 running + 0.1 batch. */
    static final double BN_DECAY = 0.9;
    static final double BN_EPSILON = 1e-4;
    private final String name;
    private final int[] partWidths;
    private final Activation activation;
    private final List<DenseLayer> layers = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final RowBuffer input;
    private final RowBuffer restInput; // the parts after the first, for forwardShared
    private final List<RowBuffer> partGradients = new ArrayList<>();

    /** Without batch norm: reserves {@code name + i + ".W/b"} for every hidden layer. */
    ConcatNet(ParameterSpace params, String name, int[] partWidths, List<Integer> hidden, Activation activation) {
        this(params, name, partWidths, hidden, activation, false);
    }

    /** Reserves {@code name + i + ".W/b"} (and {@code name + i + ".bn.*"} with batch norm) for every hidden layer. */
    ConcatNet(ParameterSpace params, String name, int[] partWidths, List<Integer> hidden, Activation activation,
              boolean batchNorm) {
        this.name = name;
        this.partWidths = partWidths.clone();
        this.activation = activation;
        int width = 0;
        for (int w : partWidths) {
            width += w;
        }
        this.input = new RowBuffer(params.dataType(), width);
        this.restInput = new RowBuffer(params.dataType(), Math.max(1, width - partWidths[0]));
        for (int w : partWidths) {
            partGradients.add(new RowBuffer(params.dataType(), w));
        }
        WeightInit init = activation == Activation.RELU || activation == Activation.LEAKY_RELU
                ? WeightInit.RELU : WeightInit.XAVIER;
        for (int i = 0; i < hidden.size(); i++) {
            int h = hidden.get(i);
            layers.add(new DenseLayer(params, name + i, width, h, batchNorm ? Activation.IDENTITY : activation, init));
            if (batchNorm) {
                norms.add(new BatchNorm(params, name + i + ".bn", h, true, BN_DECAY, BN_EPSILON));
            }
            width = h;
        }
    }

    /** Width of the last hidden layer. */
    int outputWidth() {
        return layers.get(layers.size() - 1).nOut();
    }

    /** The hidden layers. */
    List<DenseLayer> layers() {
        return List.copyOf(layers);
    }

    /** The batch-norm layers (empty without batch norm). */
    List<BatchNorm> batchNorms() {
        return List.copyOf(norms);
    }

    /** Batch statistics (true) or running averages (false) in the batch-norm layers. */
    void setTraining(boolean training) {
        norms.forEach(b -> b.setTraining(training));
    }

    /**
     * Re-draws the weights as the official code does: Glorot-normal with {@code gain} (sqrt(2) for ReLU), the
     * first layer's rows drawn per input part with that part's fan-in (the official code has one dense layer per
     * part and sums them), biases N(0, 1e-3). Uses ND4J's generator.
     */
    void initialiseOfficial(double gain) {
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer l = layers.get(i);
            INDArray w = l.weights().value();
            int[] parts = i == 0 ? partWidths : new int[] {l.nIn()};
            long row = 0;
            for (int p : parts) {
                double std = gain * Math.sqrt(2.0 / (p + l.nOut()));
                RowBlock.of(w, row, row + p) // w is a view of the parameter space: ND4J's get can fail here
                        .assign(Nd4j.randn(w.dataType(), p, l.nOut()).muli(std));
                row += p;
            }
            l.bias().value().assign(Nd4j.randn(w.dataType(), 1, l.nOut()).muli(1e-3));
        }
    }

    /** Last hidden activation for the concatenated parts (each [n, partWidth], same n). */
    INDArray forward(INDArray... parts) {
        if (parts.length != partWidths.length) {
            throw new IllegalArgumentException(name + ": expects " + partWidths.length + " inputs, got " + parts.length);
        }
        INDArray h = parts.length == 1 ? parts[0] : concatenate(parts, 0, input);
        return hidden(h, 0);
    }

    /**
     * As {@link #forward} with the first part given by its distinct rows: row i of the input is
     * [first[rowOf[i]], parts[0][i], parts[1][i], ...]. The first layer multiplies each distinct row once (ADGM's x
     * repeats once per class: 784 of q(z | x, y, a)'s 894 input columns), so values agree with {@link #forward} on
     * the tiled input to rounding. Back with {@link #backward(INDArray, int...)}, without the first part's gradient.
     */
    INDArray forwardShared(INDArray first, int[] rowOf, INDArray... parts) {
        if (parts.length + 1 != partWidths.length || first.columns() != partWidths[0]) {
            throw new IllegalArgumentException(name + ": expects a shared first part of " + partWidths[0]
                    + " columns and " + (partWidths.length - 1) + " more inputs");
        }
        INDArray rest = parts.length == 1 ? parts[0] : concatenate(parts, 1, restInput);
        DenseLayer l = layers.get(0);
        INDArray h = norms.isEmpty() ? l.forwardShared(first, rowOf, rest)
                : norms.get(0).forward(l.forwardLinearShared(first, rowOf, rest), l.bias(), activation);
        return hidden(h, 1);
    }

    /** The parts (widths from partWidths[firstWidth] on) side by side in {@code into}, by bulk row copies. */
    private INDArray concatenate(INDArray[] parts, int firstWidth, RowBuffer into) {
        long n = parts[0].rows();
        INDArray h = into.get(n);
        long col = 0;
        for (int i = 0; i < parts.length; i++) {
            int width = partWidths[firstWidth + i];
            if (parts[i].rows() != n || parts[i].columns() != width) {
                throw new IllegalArgumentException(name + ": input " + (firstWidth + i) + " has shape "
                        + java.util.Arrays.toString(parts[i].shape()) + ", expected [" + n + ", " + width + "]");
            }
            if (parts[i].dataType() == h.dataType() && parts[i].rank() == 2
                    && (parts[i].columns() == 1 || parts[i].stride(1) == 1)) {
                Fused.place(Elements.of(parts[i]), into.elements(n), 0, (int) col); // bulk row copies, no launch
            } else {
                h.get(NDArrayIndex.all(), NDArrayIndex.interval(col, col + width)).assign(parts[i]);
            }
            col += width;
        }
        return h;
    }

    /** Runs the hidden layers from layer {@code from} on (their input {@code h}). */
    private INDArray hidden(INDArray h, int from) {
        for (int j = from; j < layers.size(); j++) {
            if (norms.isEmpty()) {
                h = layers.get(j).forward(h);
            } else {
                // the batch norm adds the dense layer's bias in its own pass
                h = norms.get(j).forward(layers.get(j).forwardLinear(h), layers.get(j).bias(), activation);
            }
        }
        return h;
    }

    /**
     * Back-propagates dL/d(last hidden) ({@code grad} is overwritten) and returns dL/d(part) for the listed parts
     * only (entries of the others are null): the input gradient of a data part such as x (784 columns of
     * q(z | x, y, a)'s 894) is most of the first layer's backward products and nobody needs it.
     */
    INDArray[] backward(INDArray grad, int... parts) {
        INDArray g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            boolean inner = i > 0;
            if (norms.isEmpty()) {
                INDArray gi = layers.get(i).backward(g, inner);
                g = inner ? gi : g; // the first layer leaves dL/d(pre-activation) in g
            } else {
                INDArray pre = norms.get(i).backward(g, activation, true);
                INDArray gi = layers.get(i).backwardLinear(pre, inner);
                g = inner ? gi : pre;
            }
        }
        INDArray[] out = new INDArray[partWidths.length];
        DenseLayer first = layers.get(0);
        INDArray w = first.weights().value();
        long n = g.rows();
        for (int p : parts) {
            long col = 0;
            for (int j = 0; j < p; j++) {
                col += partWidths[j];
            }
            // dL/d(part p) = G W[rows of p]^T
            INDArray wp = RowBlock.of(w, col, col + partWidths[p]);
            out[p] = partGradients.get(p).get(n);
            Gemm.mm(g, wp, out[p], false, true, 1.0, 0.0);
        }
        return out;
    }

    /**
     * Back-propagates dL/d(last hidden) ({@code grad} is overwritten) and returns dL/d(part) for every part
     * when {@code needInputGradients}, else null.
     */
    INDArray[] backward(INDArray grad, boolean needInputGradients) {
        INDArray g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (norms.isEmpty()) {
                g = layers.get(i).backward(g, i > 0 || needInputGradients);
            } else {
                g = layers.get(i).backwardLinear(norms.get(i).backward(g, activation, true), i > 0 || needInputGradients);
            }
        }
        if (!needInputGradients) {
            return null;
        }
        INDArray[] out = new INDArray[partWidths.length];
        long col = 0;
        for (int i = 0; i < partWidths.length; i++) {
            out[i] = partWidths.length == 1 ? g : g.get(NDArrayIndex.all(), NDArrayIndex.interval(col, col + partWidths[i]));
            col += partWidths[i];
        }
        return out;
    }
}
