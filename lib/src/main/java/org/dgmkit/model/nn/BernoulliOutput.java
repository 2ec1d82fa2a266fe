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
    private final RowBuffer softplus;
    private final RowBuffer terms;
    private INDArray logits;
    private INDArray x;

    /** Reserves {@code name.W/b} for the logits. */
    public BernoulliOutput(ParameterSpace params, String name, int nIn, int nOut, WeightInit init) {
        this.logitLayer = new DenseLayer(params, name, nIn, nOut, Activation.IDENTITY, init);
        this.softplus = new RowBuffer(params.dataType(), nOut);
        this.terms = new RowBuffer(params.dataType(), nOut);
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
        INDArray t = terms.get(n);
        INDArray sp = Activation.softplusInPlace(softplus.get(n).assign(logits), t);
        t.assign(logits).muli(data).subi(sp);
        x = data;
        return t.sumNumber().doubleValue();
    }

    @Override
    public INDArray logProbabilityRows() {
        requireScored();
        return terms.get(x.rows()).sum(1);
    }

    @Override
    public INDArray backward(double scale, boolean needInputGradient) {
        requireScored();
        long n = x.rows();
        // sigmoid(l) = exp(l - softplus(l)); gradient of scale * log p = scale * (x - sigmoid(l))
        INDArray g = softplus.get(n).rsubi(logits);
        Transforms.exp(g, false).subi(x).muli(-scale);
        x = null; // the softplus buffer now holds the gradient
        return logitLayer.backward(g, needInputGradient);
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
