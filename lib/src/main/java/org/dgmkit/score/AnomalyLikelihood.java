package org.dgmkit.score;

import java.util.Arrays;

/**
 * Turns a stream of anomaly scores (higher = more anomalous, e.g. negated log-likelihoods) into an anomaly
 * likelihood in [0, 1], as NAB detectors must output, ONLINE: the value at step t uses scores 0..t only.
 *
 * <p>Two methods, both comparing the current (optionally smoothed) score with the scores seen BEFORE it:
 * <ul>
 *   <li>{@link Method#EMPIRICAL_CDF}: the fraction of earlier scores below the current one (ties count
 *       half). Distribution-free; default smoothing window 1 (no smoothing).</li>
 *   <li>{@link Method#GAUSSIAN_TAIL}: Numenta's anomaly likelihood: the mean of the last
 *       {@code averagingWindow} scores (default 10) is compared with a Gaussian fitted to all earlier
 *       smoothed scores, and the output is its CDF, {@code Phi((avg - mean) / std)} = 1 - tail probability
 *       (std floored at {@code 1e-6 * (1 + |mean|)}). Numenta fits on a sliding history of 8640 steps;
 *       here the history is all earlier steps.</li>
 * </ul>
 * The first {@code learningSteps} steps (default 50, at least 1) output 0.5: there is no history yet.
 *
 * <p>For NAB use {@link org.dgmkit.detect.NumentaLikelihood} instead: the exact port of Numenta's likelihood (sliding
 * history, re-estimation, tail filter, log scale) with tail probabilities in log space. This simplified version's
 * {@code normalCdf} returns exactly 1.0 for z &ge; 8.3, so many rows tie at the top.
 */
public final class AnomalyLikelihood {

    /** How the current score is compared with the earlier ones. */
    public enum Method { EMPIRICAL_CDF, GAUSSIAN_TAIL }

    private final Method method;
    private final int learningSteps;
    private final int averagingWindow;

    private AnomalyLikelihood(Method method, int learningSteps, int averagingWindow) {
        if (learningSteps < 1) {
            throw new IllegalArgumentException("learningSteps must be at least 1, got " + learningSteps);
        }
        if (averagingWindow < 1) {
            throw new IllegalArgumentException("averagingWindow must be at least 1, got " + averagingWindow);
        }
        this.method = method;
        this.learningSteps = learningSteps;
        this.averagingWindow = averagingWindow;
    }

    /** Empirical CDF against all earlier scores, no smoothing, 50 learning steps. */
    public static AnomalyLikelihood empiricalCdf() {
        return new AnomalyLikelihood(Method.EMPIRICAL_CDF, 50, 1);
    }

    /** Numenta-style Gaussian tail of 10-step averages against all earlier averages, 50 learning steps. */
    public static AnomalyLikelihood gaussianTail() {
        return new AnomalyLikelihood(Method.GAUSSIAN_TAIL, 50, 10);
    }

    /** Same method with another number of initial steps that output 0.5. */
    public AnomalyLikelihood withLearningSteps(int steps) {
        return new AnomalyLikelihood(method, steps, averagingWindow);
    }

    /** Same method, smoothing the scores with a trailing mean over {@code window} steps first. */
    public AnomalyLikelihood withAveragingWindow(int window) {
        return new AnomalyLikelihood(method, learningSteps, window);
    }

    /** The comparison method. */
    public Method method() {
        return method;
    }

    /** Likelihoods from log-likelihoods (higher = more normal): applies {@link #fromAnomalyScores} to their negation. */
    public double[] fromLogLikelihood(double[] logLikelihood) {
        return fromAnomalyScores(LikelihoodScorer.anomalyScore(logLikelihood));
    }

    /** One likelihood in [0, 1] per step; step t depends only on scores 0..t. */
    public double[] fromAnomalyScores(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("anomaly score[" + i + "] is " + scores[i]);
            }
        }
        double[] smoothed = trailingMean(scores, averagingWindow);
        return method == Method.EMPIRICAL_CDF ? empiricalCdf(smoothed) : gaussianTail(smoothed);
    }

    private static double[] trailingMean(double[] x, int window) {
        if (window == 1) {
            return x.clone();
        }
        double[] out = new double[x.length];
        double sum = 0;
        for (int t = 0; t < x.length; t++) {
            sum += x[t];
            if (t >= window) {
                sum -= x[t - window];
            }
            out[t] = sum / Math.min(t + 1, window);
        }
        return out;
    }

    private double[] empiricalCdf(double[] s) {
        // ranks over all values only index a counting tree; counts include earlier steps only
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        int[] tree = new int[sorted.length + 1];
        double[] out = new double[s.length];
        for (int t = 0; t < s.length; t++) {
            int lower = lowerBound(sorted, s[t]);
            int upper = upperBound(sorted, s[t]);
            if (t >= learningSteps) {
                int below = prefix(tree, lower);
                int equal = prefix(tree, upper) - below;
                out[t] = (below + 0.5 * equal) / t;
            } else {
                out[t] = 0.5;
            }
            for (int i = lower + 1; i < tree.length; i += i & -i) {
                tree[i]++;
            }
        }
        return out;
    }

    private static int prefix(int[] tree, int count) {
        int sum = 0;
        for (int i = count; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double[] gaussianTail(double[] s) {
        double[] out = new double[s.length];
        double mean = 0;
        double m2 = 0;
        for (int t = 0; t < s.length; t++) {
            if (t >= learningSteps) {
                double std = Math.sqrt(m2 / t);
                std = Math.max(std, 1e-6 * (1 + Math.abs(mean)));
                out[t] = normalCdf((s[t] - mean) / std);
            } else {
                out[t] = 0.5;
            }
            // Welford update with step t, used from step t + 1 on
            double delta = s[t] - mean;
            mean += delta / (t + 1);
            m2 += delta * (s[t] - mean);
        }
        return out;
    }

    /** Standard normal CDF via a Chebyshev fit of erfc (Numerical Recipes, |relative error| &lt; 1.2e-7). */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
