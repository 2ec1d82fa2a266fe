package org.dgmkit.detect;

import java.util.List;

/**
 * What turns a stream of raw anomaly scores (and the values behind them) into anomaly scores in [0, 1], row by row
 * and causally: Numenta's likelihood with the novelty rule and a rest period ({@link PostProcessor}), or calibrated
 * signals ({@link SignalProcessor}). One instance per series.
 */
public interface ScoreProcessor {

    /** Raw scores taken per row (1, or an ensemble's members at likelihood level). */
    int members();

    /** Consumes one row (its value and each member's raw score, NaN = none) and returns its anomaly score. */
    double next(double value, double[] raw);

    /** Consumes one row with one raw score (NaN = none). */
    default double next(double value, double raw) {
        if (members() != 1) {
            throw new IllegalStateException("this processor takes " + members() + " raw scores per row");
        }
        return next(value, new double[] {raw});
    }

    /** Rows so far that had no raw score. */
    long unscoredRows();

    /** Scores the rows of a series, continuing this processor's state. */
    default double[] apply(double[] values, double[] raw) {
        if (values.length != raw.length) {
            throw new IllegalArgumentException(values.length + " values but " + raw.length + " raw scores");
        }
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = next(values[i], raw[i]);
        }
        return out;
    }

    /** Scores the rows of a series from each member's raw scores, continuing this processor's state. */
    default double[] apply(double[] values, List<double[]> raw) {
        if (raw.size() != members()) {
            throw new IllegalArgumentException(raw.size() + " members' raw scores for " + members());
        }
        for (double[] r : raw) {
            if (r.length != values.length) {
                throw new IllegalArgumentException(values.length + " values but " + r.length + " raw scores");
            }
        }
        double[] out = new double[values.length];
        double[] row = new double[raw.size()];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = raw.get(k)[i];
            }
            out[i] = next(values[i], row);
        }
        return out;
    }
}
