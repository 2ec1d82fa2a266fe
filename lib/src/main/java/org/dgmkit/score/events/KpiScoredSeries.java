package org.dgmkit.score.events;

/**
 * One series of the KPI challenge with a detector's anomaly scores, input of {@link KpiMetric#bestF1} and
 * {@link KpiMetric#f1At}: the alarm at threshold {@code h} is {@code score >= h}; a NaN score never alarms.
 *
 * @param timestamps time of each row (e.g. seconds), distinct, in any order
 * @param labels     1 = anomalous, 0 = normal, per row
 * @param scores     anomaly score per row, higher = more anomalous; NaN = not scored
 */
public record KpiScoredSeries(long[] timestamps, int[] labels, double[] scores) {

    /** Checks lengths and labels. */
    public KpiScoredSeries {
        check(timestamps.length, labels, scores.length);
    }

    /** The series' alarms at a threshold: {@code score >= threshold}. */
    public KpiSeries at(double threshold) {
        return new KpiSeries(timestamps, labels, EventMetrics.alarms(scores, threshold));
    }

    static void check(int rows, int[] labels, int values) {
        if (labels.length != rows || values != rows) {
            throw new IllegalArgumentException("got " + rows + " timestamps, " + labels.length + " labels and "
                    + values + " alarms or scores");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] is " + labels[i]
                        + ", expected 0 (normal) or 1 (anomalous)");
            }
        }
    }
}
