package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-densities and KL divergences of diagonal Gaussians given as mean and log-variance ([n, d] each),
 * summed over the d columns (one value per row, nats), and their gradients. Gradient methods ADD
 * {@code scale * dValue/dArgument} into the given accumulators; a null accumulator is skipped.
 */
public final class GaussianMath {
    /** log(2 pi). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianMath() {
    }

    /** log N(z; mean, exp(logVar)) per row. */
    public static INDArray logDensity(INDArray z, INDArray mean, INDArray logVar) {
        INDArray d = z.sub(mean);
        INDArray t = d.muli(d).muli(Transforms.exp(logVar.neg(), false)).addi(logVar).addi(LOG_2PI);
        return t.sum(1).muli(-0.5);
    }

    /** log N(z; 0, I) per row. */
    public static INDArray logStandardDensity(INDArray z) {
        return z.mul(z).addi(LOG_2PI).sum(1).muli(-0.5);
    }

    /**
     * Adds the gradient of {@code scale * log N(z; mean, exp(logVar))} with respect to z, mean and logVar.
     */
    public static void addLogDensityGradient(INDArray z, INDArray mean, INDArray logVar, double scale,
                                             INDArray gradZ, INDArray gradMean, INDArray gradLogVar) {
        INDArray precision = Transforms.exp(logVar.neg(), false);
        INDArray d = z.sub(mean).muli(precision); // (z - mu) / sigma^2
        if (gradZ != null) {
            gradZ.subi(d.mul(scale));
        }
        if (gradMean != null) {
            gradMean.addi(d.mul(scale));
        }
        if (gradLogVar != null) {
            // d/dlogVar = -1/2 + 1/2 (z - mu)^2 / sigma^2
            INDArray g = d.muli(z.sub(mean)).subi(1.0).muli(0.5 * scale);
            gradLogVar.addi(g);
        }
    }

    /** Adds the gradient of {@code scale * log N(z; 0, I)} (= -scale * z) into gradZ. */
    public static void addLogStandardDensityGradient(INDArray z, double scale, INDArray gradZ) {
        gradZ.subi(z.mul(scale));
    }

    /** KL(N(mean, exp(logVar)) || N(0, I)) per row: 1/2 sum(mean^2 + exp(logVar) - 1 - logVar). */
    public static INDArray klStandard(INDArray mean, INDArray logVar) {
        INDArray t = Transforms.exp(logVar, true).addi(mean.mul(mean)).subi(logVar).subi(1.0);
        return t.sum(1).muli(0.5);
    }

    /**
     * Adds the gradient of {@code scale * KL(N(mean, exp(logVar)) || N(0, I))}: scale * mean and
     * scale * (exp(logVar) - 1) / 2. {@code scratch} has the shape of logVar and is clobbered.
     */
    public static void addKlStandardGradient(INDArray mean, INDArray logVar, double scale,
                                             INDArray gradMean, INDArray gradLogVar, INDArray scratch) {
        if (gradMean != null) {
            gradMean.addi(scratch.assign(mean).muli(scale));
        }
        if (gradLogVar != null) {
            Transforms.exp(scratch.assign(logVar), false).subi(1.0).muli(0.5 * scale);
            gradLogVar.addi(scratch);
        }
    }

    /** KL(N(meanQ, exp(logVarQ)) || N(meanP, exp(logVarP))) per row. */
    public static INDArray kl(INDArray meanQ, INDArray logVarQ, INDArray meanP, INDArray logVarP) {
        INDArray d = meanQ.sub(meanP);
        INDArray t = d.muli(d).addi(Transforms.exp(logVarQ, true)).muli(Transforms.exp(logVarP.neg(), false));
        t.addi(logVarP).subi(logVarQ).subi(1.0);
        return t.sum(1).muli(0.5);
    }

    /**
     * Adds the gradient of {@code scale * KL(q || p)} with respect to the four arguments of
     * {@link #kl(INDArray, INDArray, INDArray, INDArray)}.
     */
    public static void addKlGradient(INDArray meanQ, INDArray logVarQ, INDArray meanP, INDArray logVarP,
                                     double scale, INDArray gradMeanQ, INDArray gradLogVarQ,
                                     INDArray gradMeanP, INDArray gradLogVarP) {
        INDArray precisionP = Transforms.exp(logVarP.neg(), false);
        INDArray d = meanQ.sub(meanP).muli(precisionP); // (mq - mp) / sp^2
        if (gradMeanQ != null) {
            gradMeanQ.addi(d.mul(scale));
        }
        if (gradMeanP != null) {
            gradMeanP.subi(d.mul(scale));
        }
        INDArray ratio = Transforms.exp(logVarQ, true).muli(precisionP); // sq^2 / sp^2
        if (gradLogVarQ != null) {
            gradLogVarQ.addi(ratio.sub(1.0).muli(0.5 * scale));
        }
        if (gradLogVarP != null) {
            // 1/2 (1 - (sq^2 + (mq - mp)^2) / sp^2)
            INDArray g = d.muli(meanQ.sub(meanP)).addi(ratio).rsubi(1.0).muli(0.5 * scale);
            gradLogVarP.addi(g);
        }
    }
}
