package org.dgmkit.model.adgm;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.RowBuffer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron whose input is the column-wise concatenation of several parts, e.g. [a, x, y]
 * for q(z | a, x, y). Forward copies the parts into one reusable buffer; backward returns the gradient
 * of every part as a column view of the first layer's input gradient (valid until the next backward).
 * Each instance may be used once per forward/backward pass (its layers keep their inputs).
 */
final class ConcatNet {
    private final String name;
    private final int[] partWidths;
    private final List<DenseLayer> layers = new ArrayList<>();
    private final RowBuffer input;

    /** Reserves {@code name + i + ".W/b"} for every hidden layer. */
    ConcatNet(ParameterSpace params, String name, int[] partWidths, List<Integer> hidden, Activation activation) {
        this.name = name;
        this.partWidths = partWidths.clone();
        int width = 0;
        for (int w : partWidths) {
            width += w;
        }
        this.input = new RowBuffer(params.dataType(), width);
        WeightInit init = activation == Activation.RELU || activation == Activation.LEAKY_RELU
                ? WeightInit.RELU : WeightInit.XAVIER;
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new DenseLayer(params, name + i, width, hidden.get(i), activation, init));
            width = hidden.get(i);
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

    /** Last hidden activation for the concatenated parts (each [n, partWidth], same n). */
    INDArray forward(INDArray... parts) {
        if (parts.length != partWidths.length) {
            throw new IllegalArgumentException(name + ": expects " + partWidths.length + " inputs, got " + parts.length);
        }
        INDArray h;
        if (parts.length == 1) {
            h = parts[0];
        } else {
            long n = parts[0].rows();
            h = input.get(n);
            long col = 0;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].rows() != n || parts[i].columns() != partWidths[i]) {
                    throw new IllegalArgumentException(name + ": input " + i + " has shape "
                            + java.util.Arrays.toString(parts[i].shape()) + ", expected [" + n + ", " + partWidths[i] + "]");
                }
                h.get(NDArrayIndex.all(), NDArrayIndex.interval(col, col + partWidths[i])).assign(parts[i]);
                col += partWidths[i];
            }
        }
        for (DenseLayer l : layers) {
            h = l.forward(h);
        }
        return h;
    }

    /**
     * Back-propagates dL/d(last hidden) ({@code grad} is overwritten) and returns dL/d(part) for every part
     * when {@code needInputGradients}, else null.
     */
    INDArray[] backward(INDArray grad, boolean needInputGradients) {
        INDArray g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0 || needInputGradients);
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
