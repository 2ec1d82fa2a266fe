package org.dgmkit.detect;

import org.dgmkit.model.LatentVariableModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The raw score {@code score=predict}: how surprising a window's newest values are given the rest of it, as the
 * density model reads it. The encoder sees the window with its newest values replaced by the last block's mean (a
 * guess that knows nothing of them), the decoder's mean at the posterior mean is the model's expectation of the
 * whole window, and the score is the Gaussian negative log-likelihood of the true window under it, with per-feature
 * residual variances measured on the training windows: {@code 0.5 * sum_j ((x_j - xhat_j)^2 / v_j + log v_j)}.
 *
 * <p>Why: a VAE that sees the newest values can encode a spike in its latents and reconstruct it, so its ELBO barely
 * notices; hidden from the encoder, the spike has to be predicted from the context, and cannot be. The context's own
 * features still count, so an unusual window shape scores high too. Deterministic given the latents' means (one
 * pass per row, no sampling), apart from models whose encoder draws an auxiliary variable (seeded per chunk).
 */
final class PredictiveScore {
    /** Smallest residual variance (scaled features have unit variance in training). */
    static final double MIN_VARIANCE = 1e-4;

    private final LatentVariableModel model;
    private final double[] variance;
    private final double logVarianceSum;

    private PredictiveScore(LatentVariableModel model, double[] variance) {
        this.model = model;
        this.variance = variance;
        double s = 0;
        for (double v : variance) {
            s += Math.log(v);
        }
        this.logVarianceSum = s;
    }

    /**
     * Fits the residual variances of {@code model} on training windows: {@code x} the scaled windows, {@code masked}
     * the same with their newest values hidden (both [n, d]).
     */
    static PredictiveScore fit(LatentVariableModel model, INDArray x, INDArray masked) {
        double[][] r = residuals(model, x, masked);
        int d = (int) x.columns();
        double[] v = new double[d];
        for (double[] row : r) {
            for (int j = 0; j < d; j++) {
                v[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            v[j] = Math.max(MIN_VARIANCE, v[j] / Math.max(1, r.length));
        }
        return new PredictiveScore(model, v);
    }

    /** The scores of the first {@code rows} rows of {@code x} (scaled windows) with {@code masked} their hidden form. */
    double[] score(INDArray x, INDArray masked, int rows) {
        double[][] r = residuals(model, x, masked);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = logVarianceSum;
            for (int j = 0; j < variance.length; j++) {
                s += r[i][j] * r[i][j] / variance[j];
            }
            out[i] = 0.5 * s;
        }
        return out;
    }

    /** x - decode(mean of q(z | masked)), row by row. */
    private static double[][] residuals(LatentVariableModel model, INDArray x, INDArray masked) {
        INDArray mean = model.encode(masked).mean();
        INDArray xhat = model.decode(mean);
        double[] a = flat(x);
        double[] b = flat(xhat);
        int n = (int) x.rows();
        int d = (int) x.columns();
        double[][] r = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                r[i][j] = a[i * d + j] - b[i * d + j];
            }
        }
        return r;
    }

    /**
     * The matrix's values in row order, as doubles. Why not {@code toDoubleMatrix()}: it copies row by row, 0.2-0.4 s
     * for 4 000 x 14 here (most of a refit's extra time with this score), where one flat copy takes milliseconds.
     */
    private static double[] flat(INDArray m) {
        return m.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** The fitted residual variances (a copy). */
    double[] variance() {
        return variance.clone();
    }

    static INDArray matrix(float[] flat, int rows, int cols) {
        return Nd4j.create(flat, new long[] {rows, cols}, 'c');
    }
}
