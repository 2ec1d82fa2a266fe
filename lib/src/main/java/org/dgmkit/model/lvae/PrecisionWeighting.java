package org.dgmkit.model.lvae;

import org.dgmkit.model.Gaussian;
import org.dgmkit.model.nn.Activation;
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

    /** Element-wise merge in log-variance form (fresh arrays); what the model uses. */
    public static Merged mergeLogVar(INDArray muHat, INDArray logVarHat, INDArray muP, INDArray logVarP) {
        requireSameShape(muHat, logVarHat, muP, logVarP);
        INDArray diff = logVarHat.sub(logVarP);                          // log(varHat / varP)
        INDArray wHat = Transforms.sigmoid(diff.neg(), false);          // varP / (varHat + varP)
        INDArray wP = Transforms.sigmoid(diff, true);                    // varHat / (varHat + varP)
        INDArray softplus = Activation.softplusInPlace(diff, diff.ulike());
        INDArray logVar = logVarHat.sub(softplus);                       // log varHat + log wHat
        INDArray mean = muHat.mul(wHat).addi(muP.mul(wP));
        return new Merged(mean, logVar, wHat, wP);
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
        gradMuHat.addi(gradMean.mul(m.weightHat()));
        gradMuP.addi(gradMean.mul(m.weightP()));
        INDArray t = muHat.sub(m.mean()).muli(gradMean).rsubi(gradLogVar).muli(m.weightHat());
        gradLogVarHat.addi(t);
        t = muP.sub(m.mean()).muli(gradMean).rsubi(gradLogVar).muli(m.weightP());
        gradLogVarP.addi(t);
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
