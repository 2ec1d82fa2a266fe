package org.dgmkit.model.lvae;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BatchNorm;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.ParameterSpace;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One deterministic ladder step: {@code depth} dense layers of equal width, each followed by the hidden
 * activation; with batch norm every layer is dense (linear) -> batch norm (learned scale and shift) ->
 * activation. Without batch norm it is exactly a stack of {@link DenseLayer}s with the activation built in.
 * Blocks: {@code name.j.W/b} and {@code name.bnj.*}.
 */
final class HiddenStack {
    private final List<DenseLayer> dense = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Activation activation;

    HiddenStack(ParameterSpace params, String name, int nIn, int width, int depth, Activation activation,
                boolean batchNorm, WeightInit init) {
        this.activation = activation;
        int in = nIn;
        for (int j = 0; j < depth; j++) {
            dense.add(new DenseLayer(params, name + "." + j, in, width, batchNorm ? Activation.IDENTITY : activation,
                    init));
            if (batchNorm) {
                norms.add(new BatchNorm(params, name + ".bn" + j, width, true));
            }
            in = width;
        }
    }

    /** Dense layers in order. */
    List<DenseLayer> denseLayers() {
        return List.copyOf(dense);
    }

    /** Batch-norm layers in order (empty without batch norm). */
    List<BatchNorm> batchNorms() {
        return List.copyOf(norms);
    }

    void setTraining(boolean training) {
        norms.forEach(b -> b.setTraining(training));
    }

    /** Output of the last layer (a layer-owned buffer); {@code x} must not change until backward. */
    INDArray forward(INDArray x) {
        INDArray h = x;
        for (int j = 0; j < dense.size(); j++) {
            if (norms.isEmpty()) {
                h = dense.get(j).forward(h);
            } else {
                // the batch norm adds the dense layer's bias in its own pass
                h = norms.get(j).forward(dense.get(j).forwardLinear(h), dense.get(j).bias(), activation);
            }
        }
        return h;
    }

    /** Gradient with respect to the input when asked, else null; {@code gradOut} is overwritten. */
    INDArray backward(INDArray gradOut, boolean needInputGradient) {
        INDArray g = gradOut;
        for (int j = dense.size() - 1; j >= 0; j--) {
            if (norms.isEmpty()) {
                g = dense.get(j).backward(g, j > 0 || needInputGradient);
            } else {
                g = dense.get(j).backwardLinear(norms.get(j).backward(g, activation, true), j > 0 || needInputGradient);
            }
        }
        return g;
    }
}
