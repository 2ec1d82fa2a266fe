package org.dgmkit.model.adgm;

import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.RowBuffer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli likelihood from logits with per-row weights in the backward pass (the unlabelled ADGM loss
 * weights every label's reconstruction by q(y | a, x), which the shared BernoulliOutput's scalar scale
 * cannot express). log p(x | l) = x l - softplus(l); d/dl = x - sigmoid(l).
 */
final class BernoulliHead {
    private final DenseLayer logitLayer;
    private final RowBuffer gradient; // x - sigmoid(l) of the last logProbabilityRows
    private INDArray logits;

    BernoulliHead(ParameterSpace params, String name, int nIn, int nOut) {
        this.logitLayer = new DenseLayer(params, name, nIn, nOut, Activation.IDENTITY, WeightInit.XAVIER);
        this.gradient = new RowBuffer(params.dataType(), nOut);
    }

    /** The logit layer (blocks {@code name.W/b}). */
    DenseLayer logitLayer() {
        return logitLayer;
    }

    /** Computes the logits for hidden activations h. */
    void forward(INDArray h) {
        logits = logitLayer.forward(h);
    }

    /** log p(x | h) per row, shape [n] (fresh array), in one fused pass that also keeps x - sigmoid(l) for backward. */
    INDArray logProbabilityRows(INDArray x) {
        long n = logits.rows();
        INDArray rows = org.nd4j.linalg.factory.Nd4j.create(logits.dataType(), n);
        Fused.bernoulli(logitLayer.outputElements(), Elements.of(x), Elements.of(rows), gradient.elements(n));
        return rows;
    }

    /**
     * As {@link #logProbabilityRows(INDArray)} with row r of the logits scored against row {@code xRow[r]} of
     * {@code x} (rows tiled per class and draw, without materialising them).
     */
    INDArray logProbabilityRows(INDArray x, int[] xRow) {
        long n = logits.rows();
        INDArray rows = org.nd4j.linalg.factory.Nd4j.create(logits.dataType(), n);
        Fused.bernoulli(logitLayer.outputElements(), Elements.of(x), xRow, Elements.of(rows), gradient.elements(n));
        return rows;
    }

    /**
     * Adds the gradient of sum_r w_r log p(x_r | h_r) (w = {@code rowWeights} [n, 1], or all ones when null,
     * times {@code scale}) and returns dL/dh (layer-owned). Call after {@link #logProbabilityRows}, which kept the
     * gradient (x itself is not read again).
     */
    INDArray backward(INDArray x, INDArray rowWeights, double scale) {
        long n = logits.rows();
        return logitLayer.backward(gradient.get(n), rowWeights, scale, true); // weights applied in the layer's pass
    }

    /** Bernoulli means sigmoid(logits) of the last forward (fresh array). */
    INDArray mean() {
        return Transforms.sigmoid(logits, true);
    }
}
