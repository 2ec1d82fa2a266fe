package org.dgmkit.score.events;

/**
 * The best KPI-challenge F1 of a score over all thresholds ({@link KpiMetric#bestF1}).
 *
 * @param threshold the highest threshold reaching the best F1 (alarm = score &ge; threshold); +Infinity when
 *                  no threshold gives an F1 above 0
 * @param result    the metric at that threshold, equal to {@link KpiMetric#f1At} there
 */
public record KpiBest(double threshold, KpiResult result) {
}
