package org.dgmkit.model.lvae;

import org.dgmkit.model.Gaussian;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.StepProfile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Ladder VAE's inference merge (Sønderby et al. 2016, eq. 17-18): the bottom-up estimate
 * N(muHat, varHat) and the top-down prior N(muP, varP) of one latent layer combine like two independent
 * measurements of the same quantity, weighted by their precisions:
 * <pre>
 *   varQ = 1 / (1/varHat + 1/varP)
 *   muQ  = (muHat/varHat + muP/varP) * varQ
 * </pre>
 * Internally everything is in log-variance form and computed through the bottom-up weight
 * {@code wHat = varP / (varHat + varP) = sigmoid(logVarP - logVarHat)}, so that
 * {@code muQ = wHat muHat + (1 - wHat) muP} and {@code logVarQ = logVarHat - softplus(logVarHat - logVarP)}
 * stay finite for any log-variances.
 *
 * <pre>{@code
 * double[] q = PrecisionWeighting.merge(2.0, 1.0, -1.0, 3.0); // {1.25, 0.75}
 * }</pre>
 */
public final class PrecisionWeighting {

    private PrecisionWeighting() {
    }

    /**
     * A merged Gaussian with what its backward pass needs.
     *
     * @param mean       muQ, [n, d]
     * @param logVar     log varQ, [n, d]
     * @param weightHat  wHat = varP / (varHat + varP), the share of the bottom-up mean in muQ, [n, d]
     * @param weightP    1 - wHat, the share of the prior mean, [n, d]
     */
    public record Merged(INDArray mean, INDArray logVar, INDArray weightHat, INDArray weightP) {

        /** The merged distribution as a {@link Gaussian} (mean, log-variance). */
        public Gaussian gaussian() {
            return new Gaussian(mean, logVar);
        }
    }

    /** Scalar merge for notebooks: returns {muQ, varQ} for one unit (variances, not log-variances). */
    public static double[] merge(double muHat, double varHat, double muP, double varP) {
        if (!(varHat > 0) || !(varP > 0) || !Double.isFinite(varHat) || !Double.isFinite(varP)) {
            throw new IllegalArgumentException("variances must be positive and finite, got varHat=" + varHat
                    + " varP=" + varP);
        }
        double precision = 1 / varHat + 1 / varP;
        double varQ = 1 / precision;
        return new double[] {(muHat / varHat + muP / varP) * varQ, varQ};
    }

    /**
     * Element-wise merge of arrays given as means and VARIANCES (all the same shape); returns the posterior
     * as mean and LOG-variance.
     */
    public static Gaussian merge(INDArray muHat, INDArray varHat, INDArray muP, INDArray varP) {
        if (varHat.minNumber().doubleValue() <= 0 || varP.minNumber().doubleValue() <= 0) {
            throw new IllegalArgumentException("variances must be positive");
        }
        return mergeLogVar(muHat, Transforms.log(varHat, true), muP, Transforms.log(varP, true)).gaussian();
    }

    /** Element-wise merge in log-variance form (fresh arrays). */
    public static Merged mergeLogVar(INDArray muHat, INDArray logVarHat, INDArray muP, INDArray logVarP) {
        requireSameShape(muHat, logVarHat, muP, logVarP);
        INDArray mean = muHat.ulike();
        INDArray logVar = muHat.ulike();
        INDArray wHat = muHat.ulike();
        INDArray wP = muHat.ulike();
        merge(Elements.of(muHat), Elements.of(logVarHat), Elements.of(muP), Elements.of(logVarP), Elements.of(mean),
                Elements.of(logVar), Elements.of(wHat), Elements.of(wP));
        return new Merged(mean, logVar, wHat, wP);
    }

    /**
     * The merge in one fused pass into given arrays (what the model uses): wHat = sigmoid(logVarP - logVarHat),
     * wP = 1 - wHat (computed as sigmoid(logVarHat - logVarP), exact for either sign),
     * logVar = logVarHat - softplus(logVarHat - logVarP), mean = wHat muHat + wP muP.
     */
    public static void merge(Elements muHat, Elements logVarHat, Elements muP, Elements logVarP, Elements mean,
                             Elements logVar, Elements wHat, Elements wP) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = muHat.cols;
            boolean exact = mean.exact;
            for (int r = 0; r < muHat.rows; r++) {
                int a = muHat.at(r);
                int b = logVarHat.at(r);
                int c0 = muP.at(r);
                int d = logVarP.at(r);
                int om = mean.at(r);
                int ov = logVar.at(r);
                int oh = wHat.at(r);
                int op = wP.at(r);
                for (int c = 0; c < cols; c++) {
                    double lvHat = logVarHat.get(b + c);
                    double diff = lvHat - logVarP.get(d + c); // log(varHat / varP)
                    // one e^-|diff| for both weights and the softplus (the values of Fused.sigmoid / softplus)
                    double e = Fused.exp(-Math.abs(diff), exact);
                    double big = 1 / (1 + e);
                    double small = e / (1 + e);
                    double h = diff <= 0 ? big : small; // sigmoid(-diff)
                    double q = diff >= 0 ? big : small; // sigmoid(diff)
                    double softplus = Math.max(diff, 0.0) + (exact ? Math.log(1.0 + e) : Fused.fastLog1pUnit(e));
                    wHat.set(oh + c, h);
                    wP.set(op + c, q);
                    logVar.set(ov + c, lvHat - softplus);
                    mean.set(om + c, h * muHat.get(a + c) + q * muP.get(c0 + c));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Back-propagates through {@link #mergeLogVar}: given dL/dmuQ and dL/dlogVarQ, ADDS the gradients with
     * respect to the four inputs into the given accumulators:
     * <pre>
     *   dmuHat     += gMu wHat               dmuP     += gMu wP
     *   dlogVarHat += wHat (gLogVar - gMu (muHat - muQ))
     *   dlogVarP   += wP   (gLogVar - gMu (muP   - muQ))
     * </pre>
     */
    public static void backward(Merged m, INDArray muHat, INDArray muP, INDArray gradMean, INDArray gradLogVar,
                                INDArray gradMuHat, INDArray gradLogVarHat, INDArray gradMuP, INDArray gradLogVarP) {
        backward(Elements.of(muHat), Elements.of(muP), Elements.of(m.mean()), Elements.of(m.weightHat()),
                Elements.of(m.weightP()), Elements.of(gradMean), Elements.of(gradLogVar), Elements.of(gradMuHat),
                Elements.of(gradLogVarHat), Elements.of(gradMuP), Elements.of(gradLogVarP));
    }

    /** {@link #backward(Merged, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray)} in one fused pass. */
    public static void backward(Elements muHat, Elements muP, Elements mean, Elements wHat, Elements wP,
                                Elements gradMean, Elements gradLogVar, Elements gradMuHat, Elements gradLogVarHat,
                                Elements gradMuP, Elements gradLogVarP) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = muHat.cols;
            for (int r = 0; r < muHat.rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double gMu = gradMean.get(r, c);
                    double gLv = gradLogVar.get(r, c);
                    double h = wHat.get(r, c);
                    double q = wP.get(r, c);
                    double muQ = mean.get(r, c);
                    add(gradMuHat, r, c, gMu * h);
                    add(gradMuP, r, c, gMu * q);
                    add(gradLogVarHat, r, c, h * (gLv - gMu * (muHat.get(r, c) - muQ)));
                    add(gradLogVarP, r, c, q * (gLv - gMu * (muP.get(r, c) - muQ)));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    private static void add(Elements target, int r, int c, double v) {
        int i = target.at(r) + c;
        target.set(i, target.get(i) + v);
    }

    private static void requireSameShape(INDArray... xs) {
        for (INDArray x : xs) {
            if (!java.util.Arrays.equals(x.shape(), xs[0].shape())) {
                throw new IllegalArgumentException("precision weighting needs equal shapes, got "
                        + java.util.Arrays.toString(xs[0].shape()) + " and " + java.util.Arrays.toString(x.shape()));
            }
        }
    }
}
