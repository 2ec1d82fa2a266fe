package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Log-densities and KL divergences of diagonal Gaussians given as mean and log-variance ([n, d] each),
 * summed over the d columns (one value per row, nats), and their gradients. Gradient methods ADD
 * {@code scale * dValue/dArgument} into the given accumulators; a null accumulator is skipped. Each method is
 * one fused pass ({@link Fused}); per-row results are fresh arrays.
 */
public final class GaussianMath {
    /** log(2 pi). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianMath() {
    }

    private static Elements e(INDArray a) {
        return a == null ? null : Elements.of(a);
    }

    private static INDArray rowsLike(INDArray a) {
        return Nd4j.create(a.dataType(), a.rows());
    }

    /** log N(z; mean, exp(logVar)) per row. */
    public static INDArray logDensity(INDArray z, INDArray mean, INDArray logVar) {
        INDArray out = rowsLike(z);
        Fused.logDensity(e(z).requireLike(e(mean), "mean"), e(mean), e(logVar).requireLike(e(z), "log-variance"),
                e(out));
        return out;
    }

    /** log N(z; 0, I) per row. */
    public static INDArray logStandardDensity(INDArray z) {
        INDArray out = rowsLike(z);
        Fused.logDensity(e(z), null, null, e(out));
        return out;
    }

    /**
     * Adds the gradient of {@code scale * log N(z; mean, exp(logVar))} with respect to z, mean and logVar.
     */
    public static void addLogDensityGradient(INDArray z, INDArray mean, INDArray logVar, double scale,
                                             INDArray gradZ, INDArray gradMean, INDArray gradLogVar) {
        Fused.addLogDensityGradient(e(z), e(mean), e(logVar), scale, null, e(gradZ), e(gradMean), e(gradLogVar));
    }

    /** Adds the gradient of {@code scale * log N(z; 0, I)} (= -scale * z) into gradZ. */
    public static void addLogStandardDensityGradient(INDArray z, double scale, INDArray gradZ) {
        Fused.addLogStandardDensityGradient(e(z), scale, e(gradZ));
    }

    /** KL(N(mean, exp(logVar)) || N(0, I)) per row: 1/2 sum(mean^2 + exp(logVar) - 1 - logVar). */
    public static INDArray klStandard(INDArray mean, INDArray logVar) {
        INDArray out = rowsLike(mean);
        Fused.klStandard(e(mean), e(logVar), e(out), 0.0, null, null, null);
        return out;
    }

    /**
     * Adds the gradient of {@code scale * KL(N(mean, exp(logVar)) || N(0, I))}: scale * mean and
     * scale * (exp(logVar) - 1) / 2. {@code scratch} is not used (kept for callers of the older signature).
     */
    public static void addKlStandardGradient(INDArray mean, INDArray logVar, double scale,
                                             INDArray gradMean, INDArray gradLogVar, INDArray scratch) {
        Fused.klStandard(e(mean), e(logVar), null, scale, null, e(gradMean), e(gradLogVar));
    }

    /** KL(N(meanQ, exp(logVarQ)) || N(meanP, exp(logVarP))) per row. */
    public static INDArray kl(INDArray meanQ, INDArray logVarQ, INDArray meanP, INDArray logVarP) {
        INDArray out = rowsLike(meanQ);
        Elements mq = e(meanQ);
        Elements lq = e(logVarQ).requireLike(mq, "log-variance of q");
        Elements mp = e(meanP).requireLike(mq, "mean of p");
        Elements lp = e(logVarP).requireLike(mq, "log-variance of p");
        Elements o = e(out);
        for (int r = 0; r < mq.rows; r++) {
            double s = 0;
            for (int c = 0; c < mq.cols; c++) {
                double d = mq.get(r, c) - mp.get(r, c);
                double lvq = lq.get(r, c);
                double lvp = lp.get(r, c);
                s += (d * d + Math.exp(lvq)) * Math.exp(-lvp) + lvp - lvq - 1;
            }
            o.set(o.at(r), 0.5 * s);
        }
        return out;
    }

    /**
     * Adds the gradient of {@code scale * KL(q || p)} with respect to the four arguments of
     * {@link #kl(INDArray, INDArray, INDArray, INDArray)}.
     */
    public static void addKlGradient(INDArray meanQ, INDArray logVarQ, INDArray meanP, INDArray logVarP,
                                     double scale, INDArray gradMeanQ, INDArray gradLogVarQ,
                                     INDArray gradMeanP, INDArray gradLogVarP) {
        Elements mq = e(meanQ);
        Elements lq = e(logVarQ);
        Elements mp = e(meanP);
        Elements lp = e(logVarP);
        Elements gmq = e(gradMeanQ);
        Elements glq = e(gradLogVarQ);
        Elements gmp = e(gradMeanP);
        Elements glp = e(gradLogVarP);
        for (int r = 0; r < mq.rows; r++) {
            for (int c = 0; c < mq.cols; c++) {
                double diff = mq.get(r, c) - mp.get(r, c);
                double precisionP = Math.exp(-lp.get(r, c));
                double d = diff * precisionP; // (mq - mp) / sp^2
                double ratio = Math.exp(lq.get(r, c)) * precisionP; // sq^2 / sp^2
                addAt(gmq, r, c, scale * d);
                addAt(gmp, r, c, -scale * d);
                addAt(glq, r, c, 0.5 * scale * (ratio - 1));
                addAt(glp, r, c, 0.5 * scale * (1 - d * diff - ratio)); // 1/2 (1 - (sq^2 + (mq - mp)^2) / sp^2)
            }
        }
    }

    private static void addAt(Elements target, int r, int c, double v) {
        if (target != null) {
            int i = target.at(r) + c;
            target.set(i, target.get(i) + v);
        }
    }
}
