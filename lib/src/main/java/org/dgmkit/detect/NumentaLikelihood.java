package org.dgmkit.detect;

import org.dgmkit.score.LogMath;

/**
 * Numenta's anomaly likelihood, ported from {@code nupic/algorithms/anomaly_likelihood.py}
 * ({@code AnomalyLikelihood.anomalyProbability} with {@code estimateAnomalyLikelihoods},
 * {@code updateAnomalyLikelihoods}, {@code _filterLikelihoods}, {@code normalProbability}) and
 * {@code computeLogLikelihood}, as NAB's {@code numenta} detector uses it. The version is nupic's of July to
 * September 2016 (commit f664d40^), the one behind NAB's published numenta results: with it, a test reproduces
 * those results (raw scores and values in, anomaly scores out) to 1e-11 on all 58 files. Later nupic versions made
 * the tail two-sided (averages far BELOW the mean became anomalous too). Streaming: {@link #update} takes one row's
 * input value and raw anomaly score and returns that row's log-scaled likelihood in [0, 1].
 *
 * <p>What it does per row t (0-based):
 * <ul>
 *   <li>t &lt; learningPeriod + estimationSamples: likelihood 0.5 (Numenta's probation).</li>
 *   <li>Otherwise, when no distribution exists yet or t is a multiple of {@code reestimationPeriod}: re-estimate a
 *       Gaussian from the sliding history (the last {@code historicWindowSize} rows before t) of 10-row moving
 *       averages of the raw scores, skipping the first {@code learningPeriod} rows still in the history. Mean and
 *       variance are floored at 0.03 and 0.0003 (Numenta's bounds for raw scores in [0, 1]); if the input values in
 *       that history are flat (variance &lt; 1.5e-5), a very broad "null" distribution is used instead.</li>
 *   <li>The row's 10-row moving average (continuing the history's) gives the upper tail probability
 *       {@code P(X > avg) = 0.5 erfc((avg - mean) / stdev / 1.4142)} of the Gaussian.</li>
 *   <li>Tail filter: a tail probability at or below 1e-5 ("red") is kept only when the previous row's was above it;
 *       a row that stays red gets 1e-3 ("yellow") instead, so a sustained anomaly alarms once.</li>
 *   <li>Log scale: {@code log(1.0000000001 - (1 - tail)) / log(1e-10)} (0.0301 for tail 0.5, 1 for tail 0).</li>
 * </ul>
 *
 * <p>One deliberate change: the tail probabilities are kept in log space ({@link LogMath#logErfc}), so they neither
 * underflow to 0 nor round to ties. Numenta computes {@code 1 - tail} in double arithmetic, which makes every tail
 * below 1.1e-16 the same; here the log scale stays strictly increasing down to tails of about 1e-25 and agrees with
 * Numenta's arithmetic to better than 1e-7 everywhere else (a test reproduces NAB's published numenta scores).
 *
 * <p>For raw scores that are not in [0, 1] (negated log-likelihoods in nats), turn the floors off with
 * {@link #withFloors(double, double)}: the mean floor would otherwise clip a negative mean.
 */
public final class NumentaLikelihood {
    /** Numenta's default sliding history: a month of 5-minute rows. */
    public static final int HISTORIC_WINDOW = 8640;
    /** Numenta's default re-estimation interval (rows). */
    public static final int REESTIMATION_PERIOD = 100;
    /** Numenta's moving-average window of raw scores (rows). */
    public static final int AVERAGING_WINDOW = 10;
    /** Numenta's lower bound on the mean of averaged raw scores. */
    public static final double MEAN_FLOOR = 0.03;
    /** Numenta's lower bound on their variance. */
    public static final double VARIANCE_FLOOR = 0.0003;
    /** Input values whose variance over the history is below this count as flat. */
    public static final double FLAT_VARIANCE = 1.5e-5;

    /** Numenta's thresholds, as its code computes them ({@code 1.0 - 0.99999}, {@code 1.0 - 0.999}). */
    static final double LOG_RED = Math.log(1.0 - 0.99999);
    static final double LOG_YELLOW = Math.log(1.0 - 0.999);
    /** {@code 1.0000000001 - 1.0} in double arithmetic (exact), the epsilon of Numenta's log scale. */
    static final double LOG_EPSILON = Math.log(1.0000000001 - 1.0);
    /** Numenta's divisor {@code -log(1.0 - 0.9999999999)} as written in its source. */
    static final double LOG_SCALE = -23.02585084720009;

    private final int learningPeriod;
    private final int estimationSamples;
    private final int historicWindow;
    private final int reestimationPeriod;
    private final double meanFloor;
    private final double varianceFloor;
    private final int averagingWindow;

    // sliding history of (value, raw score), a ring buffer of historicWindow rows
    private final double[] historyValues;
    private final double[] historyScores;
    private int historyStart;
    private int historySize;
    private int iteration;

    // the estimated distribution and the moving-average state that continues the history
    private boolean estimated;
    private double mean;
    private double stdev;
    private final double[] recentScores;
    private int recentStart;
    private int recentSize;
    private double recentTotal;
    private double previousLogTail; // unfiltered log tail of the row before (NaN: none)
    private double lastLogTail = Math.log(0.5);

    /**
     * Numenta's constructor arguments.
     *
     * @param learningPeriod     rows whose raw scores the estimate skips (the model is still learning)
     * @param estimationSamples  further rows before the first estimate; the output is 0.5 for
     *                           learningPeriod + estimationSamples rows
     * @param historicWindow     rows of sliding history the Gaussian is estimated from (at least estimationSamples)
     * @param reestimationPeriod rows between re-estimates
     */
    public NumentaLikelihood(int learningPeriod, int estimationSamples, int historicWindow, int reestimationPeriod) {
        this(learningPeriod, estimationSamples, historicWindow, reestimationPeriod, MEAN_FLOOR, VARIANCE_FLOOR,
                AVERAGING_WINDOW);
    }

    private NumentaLikelihood(int learningPeriod, int estimationSamples, int historicWindow, int reestimationPeriod,
                              double meanFloor, double varianceFloor, int averagingWindow) {
        if (learningPeriod < 0 || estimationSamples < 0) {
            throw new IllegalArgumentException("learningPeriod and estimationSamples must be >= 0, got "
                    + learningPeriod + " and " + estimationSamples);
        }
        if (historicWindow < Math.max(1, estimationSamples)) {
            throw new IllegalArgumentException("historicWindow " + historicWindow + " must be positive and at least "
                    + "estimationSamples " + estimationSamples + " (Numenta: estimationSamples exceeds historicWindowSize)");
        }
        if (reestimationPeriod < 1) {
            throw new IllegalArgumentException("reestimationPeriod must be positive, got " + reestimationPeriod);
        }
        if (averagingWindow < 1) {
            throw new IllegalArgumentException("averagingWindow must be positive, got " + averagingWindow);
        }
        if (!(varianceFloor > 0)) {
            throw new IllegalArgumentException("varianceFloor must be positive (a zero variance has no tail), got "
                    + varianceFloor);
        }
        this.learningPeriod = learningPeriod;
        this.estimationSamples = estimationSamples;
        this.historicWindow = historicWindow;
        this.reestimationPeriod = reestimationPeriod;
        this.meanFloor = meanFloor;
        this.varianceFloor = varianceFloor;
        this.averagingWindow = averagingWindow;
        this.recentScores = new double[averagingWindow];
        this.historyValues = new double[historicWindow];
        this.historyScores = new double[historicWindow];
        this.previousLogTail = Double.NaN;
    }

    /**
     * NAB's numenta detector: {@code learningPeriod = floor(probation / 2)}, {@code estimationSamples = probation -
     * learningPeriod}, history 8640, re-estimation every 100 rows.
     */
    public static NumentaLikelihood forProbation(int probationRows) {
        int learning = probationRows / 2;
        return new NumentaLikelihood(learning, probationRows - learning, Math.max(HISTORIC_WINDOW, probationRows),
                REESTIMATION_PERIOD);
    }

    /**
     * The same likelihood with other lower bounds on the estimated mean and variance of the averaged raw scores
     * ({@code Double.NEGATIVE_INFINITY} turns the mean bound off; the variance bound must stay positive).
     */
    public NumentaLikelihood withFloors(double newMeanFloor, double newVarianceFloor) {
        return new NumentaLikelihood(learningPeriod, estimationSamples, historicWindow, reestimationPeriod,
                newMeanFloor, newVarianceFloor, averagingWindow);
    }

    /**
     * The same likelihood with another moving-average window of raw scores (Numenta: {@value #AVERAGING_WINDOW}
     * rows; 1 = the raw score itself): the short window whose average is compared with the history's Gaussian.
     */
    public NumentaLikelihood withAveragingWindow(int rows) {
        return new NumentaLikelihood(learningPeriod, estimationSamples, historicWindow, reestimationPeriod, meanFloor,
                varianceFloor, rows);
    }

    /** A fresh copy with the same settings and no history. */
    public NumentaLikelihood fresh() {
        return new NumentaLikelihood(learningPeriod, estimationSamples, historicWindow, reestimationPeriod, meanFloor,
                varianceFloor, averagingWindow);
    }

    /** Rows that output 0.5 before the first estimate. */
    public int probationRows() {
        return learningPeriod + estimationSamples;
    }

    /**
     * Consumes one row and returns its log-scaled anomaly likelihood in [0, 1] (Numenta's
     * {@code computeLogLikelihood(anomalyProbability(value, rawScore))}).
     *
     * @param value    the row's input value (only used to detect flat inputs)
     * @param rawScore the row's raw anomaly score (higher = more anomalous); must be finite
     */
    public double update(double value, double rawScore) {
        if (!Double.isFinite(rawScore)) {
            throw new IllegalArgumentException("row " + iteration + ": raw anomaly score " + rawScore
                    + "; expected a finite number");
        }
        double logTail;
        if (iteration < probationRows()) {
            logTail = Math.log(0.5);
        } else {
            if (!estimated || iteration % reestimationPeriod == 0) {
                estimate();
            }
            logTail = updateOne(rawScore);
        }
        append(value, rawScore);
        iteration++;
        lastLogTail = logTail;
        return logScale(logTail);
    }

    /** The (filtered) log tail probability behind the last {@link #update}: log 0.5 in probation. */
    public double lastLogTailProbability() {
        return lastLogTail;
    }

    /** Numenta's log scale of a tail probability given as its log: {@code log(tail + 1e-10) / log(1e-10)}. */
    public static double logScale(double logTail) {
        double s = logAddExp(logTail, LOG_EPSILON) / LOG_SCALE;
        return Math.min(1.0, Math.max(0.0, s));
    }

    /**
     * {@code log(0.5 erfc((x - mean) / stdev / 1.4142))}: Numenta's {@code normalProbability}, the upper tail
     * P(X &gt; x), in logs (Numenta computes values below the mean as {@code 1 - P(X > 2 mean - x)}, the same number).
     */
    static double logTailProbability(double x, double mean, double stdev) {
        double z = (x - mean) / stdev;
        return Math.log(0.5) + LogMath.logErfc(z / 1.4142);
    }

    private void estimate() {
        int skip = Math.min(iteration, Math.max(0, learningPeriod - Math.max(0, iteration - historicWindow)));
        int n = historySize;
        // moving averages of the whole history from scratch, as _anomalyScoreMovingAverage
        recentStart = 0;
        recentSize = 0;
        recentTotal = 0.0;
        double[] averages = new double[n];
        for (int i = 0; i < n; i++) {
            averages[i] = movingAverage(historyScores[ring(i)]);
        }
        boolean nullDistribution = n <= skip;
        if (!nullDistribution) {
            double m = mean(averages, skip, n);
            double v = variance(averages, skip, n, m);
            if (m < meanFloor) {
                m = meanFloor;
            }
            if (v < varianceFloor) {
                v = varianceFloor;
            }
            mean = m;
            stdev = Math.sqrt(v);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = historyValues[ring(i)];
            }
            double vm = mean(values, skip, n);
            if (variance(values, skip, n, vm) < FLAT_VARIANCE) {
                nullDistribution = true; // Numenta's "HACK ALERT": flat inputs are never anomalous
            }
        }
        if (nullDistribution) {
            mean = 0.5;
            stdev = 1e3;
        }
        // historicalLikelihoods keeps the last (unfiltered) tail; only the last one matters to the filter
        previousLogTail = n == 0 ? Double.NaN : logTailProbability(averages[n - 1], mean, stdev);
        estimated = true;
    }

    private double updateOne(double rawScore) {
        double average = movingAverage(rawScore);
        double logTail = logTailProbability(average, mean, stdev);
        double filtered = logTail;
        if (logTail <= LOG_RED && !Double.isNaN(previousLogTail) && !(previousLogTail > LOG_RED)) {
            filtered = LOG_YELLOW; // still in the red zone: only its first row keeps its value
        }
        previousLogTail = logTail;
        return filtered;
    }

    /** MovingAverage.compute: drop the oldest of a full window, add the new score, average. */
    private double movingAverage(double score) {
        if (recentSize == averagingWindow) {
            recentTotal -= recentScores[recentStart];
            recentStart = (recentStart + 1) % averagingWindow;
            recentSize--;
        }
        recentScores[(recentStart + recentSize) % averagingWindow] = score;
        recentSize++;
        recentTotal += score;
        return recentTotal / recentSize;
    }

    private void append(double value, double score) {
        int slot;
        if (historySize == historicWindow) {
            slot = historyStart;
            historyStart = (historyStart + 1) % historicWindow;
        } else {
            slot = ring(historySize);
            historySize++;
        }
        historyValues[slot] = value;
        historyScores[slot] = score;
    }

    private int ring(int i) {
        return (historyStart + i) % historicWindow;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    /** Population variance, as numpy.var. */
    private static double variance(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s / (to - from);
    }

    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }
}
