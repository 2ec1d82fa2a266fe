package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical distribution over K classes from logits l = h W + b (a classifier q(y | x) or a prior
 * p(y)): stable log-softmax, log-probabilities of one-hot labels, entropy. Backward is by accumulation like
 * {@link GaussianLayer}: forward zeroes {@link #gradLogits()}, the model adds terms with the
 * {@code add...Gradient} methods, then {@link #backward} pushes them through the logit layer.
 */
public final class CategoricalLayer {
    private final DenseLayer logitLayer;
    private final RowBuffer gLogits;
    private INDArray logProbs; // log-softmax of the last forward, [n, K]
    private INDArray probs;

    /** Reserves {@code name.W/b}. */
    public CategoricalLayer(ParameterSpace params, String name, int nIn, int classes, WeightInit init) {
        if (classes < 2) {
            throw new IllegalArgumentException("categorical layer '" + name + "' needs at least 2 classes, got "
                    + classes);
        }
        this.logitLayer = new DenseLayer(params, name, nIn, classes, Activation.IDENTITY, init);
        this.gLogits = new RowBuffer(params.dataType(), classes);
    }

    /** The logit layer. */
    public DenseLayer logitLayer() {
        return logitLayer;
    }

    /** Number of classes. */
    public int classes() {
        return logitLayer.nOut();
    }

    /** Computes log-softmax probabilities for h ([n, nIn]) and zeroes the gradient accumulator. */
    public INDArray forward(INDArray h) {
        INDArray logits = logitLayer.forward(h);
        INDArray max = logits.max(true, 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        logProbs = shifted.subiColumnVector(lse);
        probs = Transforms.exp(logProbs, true);
        gLogits.get(h.rows()).assign(0.0);
        return logProbs;
    }

    /** log q(y = k | h) of the last forward, [n, K] (layer-owned). */
    public INDArray logProbabilities() {
        require();
        return logProbs;
    }

    /** q(y = k | h) of the last forward, [n, K] (layer-owned). */
    public INDArray probabilities() {
        require();
        return probs;
    }

    /** log q(y | h) per row for one-hot labels y ([n, K]), a fresh [n] vector. */
    public INDArray logProbability(INDArray oneHot) {
        require();
        return logProbs.mul(oneHot).sum(1);
    }

    /** Entropy -sum_k q_k log q_k per row, a fresh [n] vector. */
    public INDArray entropy() {
        require();
        return probs.mul(logProbs).sum(1).negi();
    }

    /** Accumulator for dL/dlogits, zeroed by forward. */
    public INDArray gradLogits() {
        require();
        return gLogits.get(probs.rows());
    }

    /** Adds the gradient of {@code scale * sum_rows log q(y | h)} for one-hot y: scale * (y - q). */
    public void addLogProbabilityGradient(INDArray oneHot, double scale) {
        gradLogits().addi(oneHot.sub(probs).muli(scale));
    }

    /**
     * Adds the gradient of {@code scale * sum_rows sum_k q_k c_k} for per-class values c ([n, K]) held fixed:
     * scale * q * (c - sum_k q_k c_k). With c = -log q this is the gradient of the entropy (the derivative of
     * log q inside the sum averages to zero).
     */
    public void addExpectationGradient(INDArray values, double scale) {
        INDArray mean = probs.mul(values).sum(true, 1);
        gradLogits().addi(values.subColumnVector(mean).muli(probs).muli(scale));
    }

    /** Adds the gradient of {@code scale * sum_rows entropy}. */
    public void addEntropyGradient(double scale) {
        addExpectationGradient(logProbs.neg(), scale);
    }

    /** Pushes the accumulated dL/dlogits through the logit layer; returns dL/dh (layer-owned) when asked. */
    public INDArray backward(boolean needInputGradient) {
        require();
        return logitLayer.backward(gradLogits(), needInputGradient);
    }

    private void require() {
        if (probs == null) {
            throw new IllegalStateException("categorical layer used before forward()");
        }
    }
}
