/**
 * Label metrics of a detector's alarms and scores on time series, per series and pooled.
 *
 * <ul>
 * <li>{@link org.dgmkit.score.events.Segments}: labelled anomalies as row ranges (maximal runs of label 1);</li>
 * <li>{@link org.dgmkit.score.events.EventMetrics}: AP of the score, segments hit under a delay rule, false alarm
 * episodes, point-adjusted F1 of one series ({@link org.dgmkit.score.events.EventScores}); pooled over series by
 * {@link org.dgmkit.score.events.PooledEventScores};</li>
 * <li>{@link org.dgmkit.score.events.KpiMetric}: the AIOps KPI challenge's official delay-F1 on the regular time
 * grid ({@link org.dgmkit.score.events.TimeGrid}), and its best value over score thresholds.</li>
 * </ul>
 *
 * <pre>{@code
 * EventScores one = EventMetrics.of(score, alarm, label, probation, -1);
 * PooledEventScores all = PooledEventScores.of(List.of(one, two));
 * KpiBest best = KpiMetric.bestF1(List.of(new KpiScoredSeries(timestamps, label, score)), 7);
 * }</pre>
 */
package org.dgmkit.score.events;
