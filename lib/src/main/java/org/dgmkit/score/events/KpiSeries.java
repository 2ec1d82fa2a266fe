package org.dgmkit.score.events;

/**
 * One series of the KPI challenge with a detector's alarms, input of {@link KpiMetric#officialF1}.
 *
 * @param timestamps time of each row (e.g. seconds), distinct, in any order
 * @param labels     1 = anomalous, 0 = normal, per row
 * @param alarms     the detector's alarm (prediction 1) per row
 */
public record KpiSeries(long[] timestamps, int[] labels, boolean[] alarms) {

    /** Checks lengths and labels. */
    public KpiSeries {
        KpiScoredSeries.check(timestamps.length, labels, alarms.length);
    }
}
