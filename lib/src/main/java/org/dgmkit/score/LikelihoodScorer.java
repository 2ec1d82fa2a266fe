package org.dgmkit.score;

import java.io.PrintStream;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Likelihood-based anomaly scores of any {@link LatentVariableModel}, estimated with L samples of the
 * model's approximate posterior per input row.
 *
 * <p><b>Sign convention:</b> every score is a log-likelihood (or a bound on one) in nats, one per input
 * row: HIGHER = MORE NORMAL. {@link #anomalyScore(double[])} negates it for "higher = more anomalous"
 * (what ROC curves and NAB detectors expect).
 *
 * <p><b>Batching:</b> rows are tiled with their samples ({@code x.repeat(0, s)}: each row repeated s times
 * in a row) into chunks of at most {@link #tileRows()} rows, and {@code model.sample} is called once per
 * chunk; per-row sums and running log-sum-exps are accumulated with array operations, so memory is bounded
 * by the tile whatever L is (L = K = 5000 for the importance-weighted bound works). When L exceeds the
 * tile, one row at a time is scored in several chunks of samples.
 *
 * <p><b>Reproducibility:</b> every scoring call first sets ND4J's global random seed to {@link #seed()},
 * so the same call on the same model gives the same numbers.
 *
 * <pre>{@code
 * double[] ll = LikelihoodScorer.defaults().reconstructionLogLikelihood(vae, testImages, 100);
 * double[] anomaly = LikelihoodScorer.anomalyScore(ll);
 * }</pre>
 */
public final class LikelihoodScorer {
    private final int tileRows;
    private final PrintStream progress; // null: silent
    private final long seed;

    private LikelihoodScorer(int tileRows, PrintStream progress, long seed) {
        if (tileRows <= 0) {
            throw new IllegalArgumentException("tileRows must be positive, got " + tileRows);
        }
        this.tileRows = tileRows;
        this.progress = progress;
        this.seed = seed;
    }

    /** Tiles of 8192 rows x samples, progress on stdout, seed 42. */
    public static LikelihoodScorer defaults() {
        return new LikelihoodScorer(8192, System.out, 42L);
    }

    /** Same scorer with another bound on rows x samples per {@code model.sample} call. */
    public LikelihoodScorer withTileRows(int newTileRows) {
        return new LikelihoodScorer(newTileRows, progress, seed);
    }

    /** Same scorer with the progress line on stdout or off. */
    public LikelihoodScorer withProgress(boolean on) {
        return new LikelihoodScorer(tileRows, on ? System.out : null, seed);
    }

    /** Same scorer with the progress line on {@code out} (null: off). */
    public LikelihoodScorer withProgressTo(PrintStream out) {
        return new LikelihoodScorer(tileRows, out, seed);
    }

    /** Same scorer with another random seed. */
    public LikelihoodScorer withSeed(long newSeed) {
        return new LikelihoodScorer(tileRows, progress, newSeed);
    }

    /** Upper bound on rows x samples passed to one {@code model.sample} call. */
    public int tileRows() {
        return tileRows;
    }

    /** Seed set on ND4J's random generator at the start of each call. */
    public long seed() {
        return seed;
    }

    /** {@code -logLikelihood}: higher = more anomalous. */
    public static double[] anomalyScore(double[] logLikelihood) {
        double[] out = new double[logLikelihood.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -logLikelihood[i];
        }
        return out;
    }

    /** Reconstruction log-likelihood {@code E_q[log p(x|z)]} estimated with {@code samples} samples per row. */
    public double[] reconstructionLogLikelihood(LatentVariableModel model, INDArray x, int samples) {
        return score(model, x, samples, "reconstruction log-likelihood").reconstructionLogLikelihood();
    }

    /** An &amp; Cho's reconstruction probability, in log space: {@code log (1/L) sum_l p(x|z_l)}. */
    public double[] reconstructionProbability(LatentVariableModel model, INDArray x, int samples) {
        return score(model, x, samples, "reconstruction probability").reconstructionProbability();
    }

    /** ELBO: mean over {@code samples} samples of {@code log p(x,z) - log q(z|x)}. */
    public double[] elbo(LatentVariableModel model, INDArray x, int samples) {
        return score(model, x, samples, "ELBO").elbo();
    }

    /** Importance-weighted bound {@code log (1/K) sum_k exp(logWeight_k)} with K = {@code k} (5000 in the papers). */
    public double[] importanceWeighted(LatentVariableModel model, INDArray x, int k) {
        return score(model, x, k, "IW bound K=" + k).importanceWeighted();
    }

    /** All four scores from one pass of {@code samples} samples per row. */
    public LikelihoodScores all(LatentVariableModel model, INDArray x, int samples) {
        return score(model, x, samples, "likelihood scores");
    }

    private LikelihoodScores score(LatentVariableModel model, INDArray x, int samples, String label) {
        if (samples <= 0) {
            throw new IllegalArgumentException("number of samples must be positive, got " + samples);
        }
        if (x.rank() != 2 || x.columns() != model.inputSize()) {
            throw new IllegalArgumentException("inputs must have shape [n, " + model.inputSize() + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        Nd4j.getRandom().setSeed(seed);
        int n = (int) x.rows();
        int rowsPerChunk = Math.max(1, tileRows / samples);
        int samplesPerChunk = Math.min(samples, tileRows);
        double[] recon = new double[n];
        double[] reconProb = new double[n];
        double[] elbo = new double[n];
        double[] iw = new double[n];
        Progress bar = new Progress(label, "row-samples", (long) n * samples, progress != null,
                progress == null ? System.out : progress);
        for (int r0 = 0; r0 < n; r0 += rowsPerChunk) {
            int r = Math.min(rowsPerChunk, n - r0);
            INDArray rows = x.get(NDArrayIndex.interval(r0, r0 + r), NDArrayIndex.all());
            INDArray sumPx = Nd4j.zeros(DataType.DOUBLE, r);
            INDArray sumW = Nd4j.zeros(DataType.DOUBLE, r);
            INDArray lsePx = null;
            INDArray lseW = null;
            for (int s0 = 0; s0 < samples; s0 += samplesPerChunk) {
                int s = Math.min(samplesPerChunk, samples - s0);
                // row i's s copies are consecutive, so the [r*s] results reshape to [r, s] row by row
                LatentSample sample = model.sampleRepeated(rows, s);
                INDArray px = sample.logPxGivenZ().castTo(DataType.DOUBLE).reshape(r, s);
                INDArray w = sample.logWeight().castTo(DataType.DOUBLE).reshape(r, s);
                sumPx.addi(px.sum(1));
                sumW.addi(w.sum(1));
                INDArray chunkLsePx = LogMath.logSumExp(px, 1);
                INDArray chunkLseW = LogMath.logSumExp(w, 1);
                lsePx = lsePx == null ? chunkLsePx : LogMath.logAddExp(lsePx, chunkLsePx);
                lseW = lseW == null ? chunkLseW : LogMath.logAddExp(lseW, chunkLseW);
                bar.advance((long) r * s);
            }
            double logL = Math.log(samples);
            double[] a = sumPx.divi(samples).toDoubleVector();
            double[] b = lsePx.subi(logL).toDoubleVector();
            double[] c = sumW.divi(samples).toDoubleVector();
            double[] d = lseW.subi(logL).toDoubleVector();
            System.arraycopy(a, 0, recon, r0, r);
            System.arraycopy(b, 0, reconProb, r0, r);
            System.arraycopy(c, 0, elbo, r0, r);
            System.arraycopy(d, 0, iw, r0, r);
        }
        bar.finish();
        return new LikelihoodScores(recon, reconProb, elbo, iw, samples);
    }
}
