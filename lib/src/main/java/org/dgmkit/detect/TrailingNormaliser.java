package org.dgmkit.detect;

import java.util.Arrays;
import org.dgmkit.score.LogMath;

/**
 * Turns a stream of raw anomaly scores (higher = more anomalous, any scale: -ELBO in nats, a spectral residual
 * ratio, ...) into scores in [0, 1] by comparing each with its own trailing history: its empirical rank among the
 * previous raw scores, or the Gaussian probability below it under their mean and standard deviation
 * ({@link TrailingNormaliserSettings.Method}). A light alternative to Numenta's anomaly likelihood
 * ({@link NumentaLikelihood}): no moving average, no probation beyond {@code minHistory}, no tail filter.
 *
 * <p>Row by row ({@link #next}): a NaN or infinite raw score (no score for the row) gives 0 and is not remembered.
 * Otherwise, while fewer than {@code minHistory} raw scores are remembered the row scores 0; then it scores against
 * the last {@code history} remembered raw scores (the current one excluded). Then the raw score is remembered (the
 * oldest forgotten beyond {@code history}). Causal: a row's score uses that row's raw score and earlier ones.
 *
 * <pre>{@code
 * TrailingNormaliser n = new TrailingNormaliser(TrailingNormaliserSettings.defaults());
 * double[] scores = n.apply(rawScores);   // NaN raw scores (e.g. before the model is fitted) score 0
 * }</pre>
 *
 * <p>Cost per row: RANK, a binary search and a shift of the sorted history (O(history) memory moves, microseconds
 * for 8640); GAUSSIAN, O(1) (a sliding update of mean and sum of squares, recomputed exactly from the history every
 * {@code history} rows so that rounding cannot build up).
 */
public final class TrailingNormaliser {
    private static final double SQRT2 = Math.sqrt(2.0);

    private final TrailingNormaliserSettings settings;
    private final double[] ring; // remembered raw scores in arrival order, oldest at `start`
    private int start;
    private int size;
    private final double[] sorted; // RANK: the same values sorted, first `size` slots
    private double mean; // GAUSSIAN: of the ring's values
    private double squares; // GAUSSIAN: sum of squared deviations from the mean
    private int sinceExact;

    /** A normaliser with no history. */
    public TrailingNormaliser(TrailingNormaliserSettings settings) {
        this.settings = settings;
        this.ring = new double[settings.history()];
        this.sorted = settings.method() == TrailingNormaliserSettings.Method.RANK ? new double[settings.history()]
                : null;
    }

    /** The settings. */
    public TrailingNormaliserSettings settings() {
        return settings;
    }

    /** A fresh normaliser with the same settings and no history. */
    public TrailingNormaliser fresh() {
        return new TrailingNormaliser(settings);
    }

    /** Raw scores remembered (at most {@code history}). */
    public int remembered() {
        return size;
    }

    /** Scores one raw score against the remembered ones (see the class comment), then remembers it. */
    public double next(double raw) {
        if (!Double.isFinite(raw)) {
            return 0.0;
        }
        double score = size < settings.minHistory() ? 0.0
                : settings.method() == TrailingNormaliserSettings.Method.RANK ? rank(raw) : belowProbability(raw);
        remember(raw);
        return score;
    }

    /** Scores a stream of raw scores, continuing this normaliser's history. */
    public double[] apply(double[] raw) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = next(raw[i]);
        }
        return out;
    }

    private double rank(double raw) {
        int below = lowerBound(raw);
        int upTo = below;
        while (upTo < size && sorted[upTo] == raw) {
            upTo++;
        }
        return (below + 0.5 * (upTo - below)) / size;
    }

    private double belowProbability(double raw) {
        double std = Math.sqrt(Math.max(0.0, squares) / size);
        if (std == 0.0) {
            return raw > mean ? 1.0 : raw < mean ? 0.0 : 0.5;
        }
        double z = (raw - mean) / std;
        // Phi(z) = 0.5 erfc(-z / sqrt 2); the smaller tail from erfc, accurate far out
        double tail = 0.5 * Math.exp(LogMath.logErfc(Math.abs(z) / SQRT2));
        return z >= 0 ? 1.0 - tail : tail;
    }

    private void remember(double raw) {
        int h = ring.length;
        boolean full = size == h;
        double dropped = full ? ring[start] : Double.NaN;
        ring[(start + size) % h] = raw; // when full, the slot of the oldest
        if (full) {
            start = (start + 1) % h;
        } else {
            size++;
        }
        if (sorted != null) {
            if (full) {
                int at = lowerBound(dropped); // size is still the old count here: the history stays full
                System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
                insertSorted(raw, size - 1);
            } else {
                insertSorted(raw, size - 1);
            }
        } else {
            updateMoments(full, dropped, raw);
        }
    }

    /** Inserts {@code v} into the first {@code count} sorted slots (one free slot after them). */
    private void insertSorted(double v, int count) {
        int at = Arrays.binarySearch(sorted, 0, count, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = v;
    }

    /** First index of the sorted history whose value is not below {@code v}. */
    private int lowerBound(double v) {
        int lo = 0;
        int hi = size;
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

    /** Welford's update of mean and squares, sliding when the history is full; exact recomputation now and then. */
    private void updateMoments(boolean full, double dropped, double added) {
        if (++sinceExact >= ring.length) {
            sinceExact = 0;
            double sum = 0.0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                double v = ring[(start + i) % ring.length];
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double m = min == max ? min : sum / size; // equal values: their value, not a rounded sum
            double s = 0.0;
            for (int i = 0; i < size; i++) {
                double d = ring[(start + i) % ring.length] - m;
                s += d * d;
            }
            mean = m;
            squares = s;
            return;
        }
        if (!full) {
            double d = added - mean;
            mean += d / size;
            squares += d * (added - mean);
            return;
        }
        double oldMean = mean;
        mean += (added - dropped) / size;
        squares += (added - dropped) * (added - mean + dropped - oldMean);
    }
}
