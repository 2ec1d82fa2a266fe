package org.dgmkit.detect;

/**
 * The centre and spread of the last {@code window} values of a stream (fewer at its start): their mean and standard
 * deviation, updated in constant time per value (sums of the values' deviations from a shift near the mean, so that
 * a large level with a small spread keeps its digits, recomputed from the window every {@code window} values, so
 * rounding cannot drift over millions of rows); or, robust, their median and median absolute deviation (times
 * 1.4826, the standard deviation of a normal sample; when more than half the window holds one value, its mean absolute
 * deviation from the median times 1.2533 instead), recomputed every {@link #ROBUST_STEP} values (every value while the window holds fewer than 10 times that) — a heavy-tailed
 * score (a likelihood bound in nats) or a few outliers in the window then do not inflate the spread.
 */
final class TrailingStats {
    /** Values between recomputations of the robust centre and spread. */
    static final int ROBUST_STEP = 25;

    private final boolean robust;
    private double median = Double.NaN;
    private double mad = 0;
    private int sinceRobust = ROBUST_STEP;
    private final double[] ring;
    private int size;
    private int next;
    private double shift = Double.NaN;
    private double sum;
    private double sumSq;
    private int sinceRecompute;

    TrailingStats(int window) {
        this(window, false);
    }

    TrailingStats(int window, boolean robust) {
        if (window < 2) {
            throw new IllegalArgumentException("trailing window must be >= 2 rows, got " + window);
        }
        ring = new double[window];
        this.robust = robust;
    }

    /** Adds a value (NaN values are ignored). */
    void add(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (Double.isNaN(shift)) {
            shift = v;
        }
        if (size == ring.length) {
            double old = ring[next] - shift;
            sum -= old;
            sumSq -= old * old;
        } else {
            size++;
        }
        ring[next] = v;
        next = (next + 1) % ring.length;
        double d = v - shift;
        sum += d;
        sumSq += d * d;
        if (++sinceRecompute >= ring.length) {
            recompute();
        }
        sinceRobust++;
    }

    /** Median and scaled MAD of the window, recomputed when {@link #ROBUST_STEP} values have come since. */
    private void robustNow() {
        // every value while the window is short (its median still moves fast), then every ROBUST_STEP values
        if (sinceRobust < Math.max(1, Math.min(ROBUST_STEP, size / 10)) && !Double.isNaN(median)) {
            return;
        }
        double[] w = java.util.Arrays.copyOf(ring, size);
        java.util.Arrays.sort(w);
        median = size % 2 == 1 ? w[size / 2] : 0.5 * (w[size / 2 - 1] + w[size / 2]);
        for (int i = 0; i < size; i++) {
            w[i] = Math.abs(w[i] - median);
        }
        java.util.Arrays.sort(w);
        mad = 1.4826 * (size % 2 == 1 ? w[size / 2] : 0.5 * (w[size / 2 - 1] + w[size / 2]));
        if (mad == 0) { // more than half the window at one value (a flat stretch, counts): the mean deviation instead
            double s = 0;
            for (int i = 0; i < size; i++) {
                s += w[i];
            }
            mad = 1.2533 * s / size;
        }
        sinceRobust = 0;
    }

    private void recompute() {
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += ring[i];
        }
        shift = total / size; // the window's mean: the deviations summed next are as small as they can be
        sum = 0;
        sumSq = 0;
        for (int i = 0; i < size; i++) {
            double d = ring[i] - shift;
            sum += d;
            sumSq += d * d;
        }
        sinceRecompute = 0;
    }

    /** Values in the window. */
    int size() {
        return size;
    }

    /** The centre: the mean, or (robust) the median. */
    double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        if (robust) {
            robustNow();
            return median;
        }
        return shift + sum / size;
    }

    /** The spread: the population standard deviation, or (robust) 1.4826 MAD; 0 for fewer than two values. */
    double std() {
        if (size < 2) {
            return 0;
        }
        if (robust) {
            robustNow();
            return mad;
        }
        double m = sum / size; // the mean's distance from the shift
        return Math.sqrt(Math.max(0, sumSq / size - m * m));
    }
}
