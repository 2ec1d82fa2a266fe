package org.dgmkit.model.adgm;

import org.dgmkit.model.nn.GaussianOutput;
import org.dgmkit.model.nn.LikelihoodLayer;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.vae.VaeConfig;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * p(x | h) of the unsupervised {@link AuxiliaryVae}: the Bernoulli head of the papers' binarised MNIST, or one of
 * the Gaussian likelihoods of {@link GaussianOutput} for real-valued data (block {@code name.mean.*} and, when
 * learned, {@code name.logVar*}).
 */
final class ObservationHead {
    private final BernoulliHead bernoulli;
    private final LikelihoodLayer gaussian;

    ObservationHead(ParameterSpace params, String name, int nIn, int nOut, VaeConfig.Likelihood likelihood,
                    double outputLogVar) {
        this.bernoulli = likelihood == VaeConfig.Likelihood.BERNOULLI ? new BernoulliHead(params, name, nIn, nOut) : null;
        this.gaussian = switch (likelihood) {
            case BERNOULLI -> null;
            case GAUSSIAN -> GaussianOutput.learnedVariance(params, name, nIn, nOut, WeightInit.XAVIER);
            case GAUSSIAN_FIXED_VARIANCE -> GaussianOutput.fixedVariance(params, name, nIn, nOut, WeightInit.XAVIER,
                    outputLogVar);
            case GAUSSIAN_SHARED_VARIANCE -> GaussianOutput.sharedVariance(params, name, nIn, nOut, WeightInit.XAVIER,
                    outputLogVar);
        };
    }

    void forward(INDArray h) {
        if (bernoulli != null) {
            bernoulli.forward(h);
        } else {
            gaussian.forward(h);
        }
    }

    /** log p(x | h) per row (fresh array). */
    INDArray logProbabilityRows(INDArray x) {
        if (bernoulli != null) {
            return bernoulli.logProbabilityRows(x);
        }
        gaussian.logProbability(x);
        return gaussian.logProbabilityRows();
    }

    /** Adds the gradient of {@code scale * sum_rows log p(x | h)} and returns dL/dh. */
    INDArray backward(INDArray x, double scale) {
        return bernoulli != null ? bernoulli.backward(x, null, scale) : gaussian.backward(scale, true);
    }

    /** E[x | h] of the last forward (fresh array). */
    INDArray mean() {
        return bernoulli != null ? bernoulli.mean() : gaussian.mean();
    }
}
