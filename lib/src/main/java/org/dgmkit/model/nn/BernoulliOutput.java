package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli likelihood from logits l = h W + b: log p(x | l) = x l - softplus(l), computed with the
 * stable softplus so that large |l| neither overflows nor loses the x l term. Gradient with respect to
 * the logits: x - sigmoid(l). Works for x in [0, 1] (binary or probabilities).
 */
public final class BernoulliOutput implements LikelihoodLayer {
    private final DenseLayer logitLayer;
    private final RowBuffer gradient; // x - sigmoid(l) of the last logProbability
    private final RowBuffer rowSums;
    private INDArray logits;
    private INDArray x;

    /** Reserves {@code name.W/b} for the logits. */
    public BernoulliOutput(ParameterSpace params, String name, int nIn, int nOut, WeightInit init) {
        this.logitLayer = new DenseLayer(params, name, nIn, nOut, Activation.IDENTITY, init);
        this.gradient = new RowBuffer(params.dataType(), nOut);
        this.rowSums = new RowBuffer(params.dataType(), 1);
    }

    /** The logit layer. */
    public DenseLayer logitLayer() {
        return logitLayer;
    }

    @Override
    public void forward(INDArray h) {
        logits = logitLayer.forward(h);
        x = null;
    }

    /** Logits of the last forward (layer-owned). */
    public INDArray logits() {
        return logits;
    }

    @Override
    public double logProbability(INDArray data) {
        if (logits == null) {
            throw new IllegalStateException("BernoulliOutput: logProbability before forward");
        }
        if (data.rows() != logits.rows() || data.columns() != logits.columns()) {
            throw new IllegalArgumentException("Bernoulli data shape [" + data.rows() + ", " + data.columns()
                    + "] does not match logits [" + logits.rows() + ", " + logits.columns() + "]");
        }
        long n = data.rows();
        x = data;
        return Fused.bernoulli(logitLayer.outputElements(), Elements.of(data), rowSums.elements(n),
                gradient.elements(n));
    }

    @Override
    public double logProbabilityRepeated(INDArray data, int repeats) {
        if (logits == null) {
            throw new IllegalStateException("BernoulliOutput: logProbability before forward");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be positive, got " + repeats);
        }
        long n = logits.rows();
        x = data;
        return Fused.bernoulli(logitLayer.outputElements(), Elements.of(data), repeats, rowSums.elements(n),
                gradient.elements(n));
    }

    @Override
    public INDArray logProbabilityRows() {
        requireScored();
        long n = logits.rows();
        return rowSums.get(n).dup().reshape(n);
    }

    @Override
    public INDArray backward(double scale, boolean needInputGradient) {
        requireScored();
        long n = logits.rows();
        x = null; // the gradient buffer is handed to the logit layer, which overwrites it
        return logitLayer.backward(gradient.get(n), scale, needInputGradient);
    }

    @Override
    public INDArray mean() {
        return Transforms.sigmoid(logits, true);
    }

    @Override
    public int nOut() {
        return logitLayer.nOut();
    }

    private void requireScored() {
        if (x == null) {
            throw new IllegalStateException("BernoulliOutput: call forward and logProbability first");
        }
    }
}
