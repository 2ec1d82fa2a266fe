package org.dgmkit.model.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.score.LikelihoodScorer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Model evaluation in nats: test ELBO, the importance-weighted bound
 * log p(x) &gt;= log (1/K) sum_k p(x, z_k) / q(z_k | x) (Burda et al. 2015; tight as K grows), per-layer KL
 * and active units. Every method reseeds ND4J's generator with {@code seed} first, so results repeat.
 */
public final class Evaluation {
    /** Burda et al.'s activity threshold on Cov_x(E_q[z_u | x]). */
    public static final double ACTIVE_UNIT_THRESHOLD = 0.01;

    private Evaluation() {
    }

    private static INDArray rows(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Single-sample ELBO per row (log p(x, z) - log q(z | x), z ~ q), computed in batches. */
    public static double[] elboRows(LatentVariableModel model, INDArray x, int batchSize, long seed) {
        Nd4j.getRandom().setSeed(seed);
        long n = x.rows();
        double[] out = new double[(int) n];
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            double[] w = model.sample(rows(x, from, to)).logWeight().toDoubleVector();
            System.arraycopy(w, 0, out, (int) from, w.length);
        }
        return out;
    }

    /** Mean single-sample ELBO over the rows of x (nats). */
    public static double elbo(LatentVariableModel model, INDArray x, int batchSize, long seed) {
        return mean(elboRows(model, x, batchSize, seed));
    }

    /**
     * Importance-weighted bound per row with {@code k} samples, log (1/k) sum_k w_k: the one implementation of
     * {@link LikelihoodScorer#importanceWeighted} (encode each row once, {@code k} posterior samples of it, streaming
     * log-sum-exp), with about {@code batchSize} row-samples per model call and ND4J's generator seeded with
     * {@code seed}.
     *
     * @param progress where to report progress (a line rewritten in place), or null
     */
    public static double[] importanceWeightedRows(LatentVariableModel model, INDArray x, int k, int batchSize,
                                                  long seed, PrintStream progress) {
        if (k < 1 || batchSize < 1) {
            throw new IllegalArgumentException("importance sampling needs k >= 1 and batchSize >= 1, got k=" + k
                    + ", batchSize=" + batchSize);
        }
        LikelihoodScorer scorer = LikelihoodScorer.defaults().withTileRows(batchSize).withSeed(seed)
                .withProgressTo(progress);
        return scorer.importanceWeighted(model, x, k);
    }

    /** Mean importance-weighted bound over the rows of x (nats), no progress output. */
    public static double importanceWeighted(LatentVariableModel model, INDArray x, int k, int batchSize, long seed) {
        return mean(importanceWeightedRows(model, x, k, batchSize, seed, null));
    }

    /** Mean KL of every latent layer (nats per example). */
    public static double[] klPerLayer(LatentLayers model, INDArray x, int batchSize, long seed) {
        Nd4j.getRandom().setSeed(seed);
        double[] total = null;
        long n = x.rows();
        for (long from = 0; from < n; from += batchSize) {
            List<INDArray> kls = model.klPerLayer(rows(x, from, Math.min(n, from + batchSize)));
            if (total == null) {
                total = new double[kls.size()];
            }
            for (int l = 0; l < kls.size(); l++) {
                total[l] += kls.get(l).sumNumber().doubleValue();
            }
        }
        for (int l = 0; l < total.length; l++) {
            total[l] /= n;
        }
        return total;
    }

    /** Per latent layer, the variance over x of every unit's posterior mean (Cov_x(E_q[z_u | x])). */
    public static List<double[]> posteriorMeanVariances(LatentLayers model, INDArray x, int batchSize) {
        long n = x.rows();
        List<double[]> sums = new ArrayList<>();
        List<double[]> sumSquares = new ArrayList<>();
        for (long from = 0; from < n; from += batchSize) {
            List<Gaussian> layers = model.posteriorLayers(rows(x, from, Math.min(n, from + batchSize)));
            for (int l = 0; l < layers.size(); l++) {
                INDArray m = layers.get(l).mean().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                double[] s = m.sum(0).toDoubleVector();
                double[] ss = m.mul(m).sum(0).toDoubleVector();
                if (sums.size() <= l) {
                    sums.add(new double[s.length]);
                    sumSquares.add(new double[s.length]);
                }
                for (int u = 0; u < s.length; u++) {
                    sums.get(l)[u] += s[u];
                    sumSquares.get(l)[u] += ss[u];
                }
            }
        }
        List<double[]> variances = new ArrayList<>();
        for (int l = 0; l < sums.size(); l++) {
            double[] v = new double[sums.get(l).length];
            for (int u = 0; u < v.length; u++) {
                double mean = sums.get(l)[u] / n;
                v[u] = Math.max(0, sumSquares.get(l)[u] / n - mean * mean);
            }
            variances.add(v);
        }
        return variances;
    }

    /** Number of active units per latent layer: units whose posterior-mean variance over x exceeds 0.01. */
    public static int[] activeUnits(LatentLayers model, INDArray x, int batchSize) {
        List<double[]> vs = posteriorMeanVariances(model, x, batchSize);
        int[] counts = new int[vs.size()];
        for (int l = 0; l < vs.size(); l++) {
            for (double v : vs.get(l)) {
                if (v > ACTIVE_UNIT_THRESHOLD) {
                    counts[l]++;
                }
            }
        }
        return counts;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double v : xs) {
            s += v;
        }
        return s / xs.length;
    }
}
