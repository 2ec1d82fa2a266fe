package org.dgmkit.detect;

/**
 * The mean and standard deviation of the last {@code window} values of a stream (fewer at its start), updated in
 * constant time per value. The sums are recomputed from the window every {@code window} values, so rounding cannot
 * drift over millions of rows.
 */
final class TrailingStats {
    private final double[] ring;
    private int size;
    private int next;
    private double sum;
    private double sumSq;
    private int sinceRecompute;

    TrailingStats(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("trailing window must be >= 2 rows, got " + window);
        }
        ring = new double[window];
    }

    /** Adds a value (NaN values are ignored). */
    void add(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (size == ring.length) {
            double old = ring[next];
            sum -= old;
            sumSq -= old * old;
        } else {
            size++;
        }
        ring[next] = v;
        next = (next + 1) % ring.length;
        sum += v;
        sumSq += v * v;
        if (++sinceRecompute >= ring.length) {
            recompute();
        }
    }

    private void recompute() {
        sum = 0;
        sumSq = 0;
        for (int i = 0; i < size; i++) {
            sum += ring[i];
            sumSq += ring[i] * ring[i];
        }
        sinceRecompute = 0;
    }

    /** Values in the window. */
    int size() {
        return size;
    }

    double mean() {
        return size == 0 ? Double.NaN : sum / size;
    }

    /** The population standard deviation (0 for fewer than two values). */
    double std() {
        if (size < 2) {
            return 0;
        }
        double m = sum / size;
        return Math.sqrt(Math.max(0, sumSq / size - m * m));
    }
}
