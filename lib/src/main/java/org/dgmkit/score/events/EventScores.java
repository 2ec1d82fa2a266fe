package org.dgmkit.score.events;

/**
 * Label metrics of one series' scores and alarms (built by {@link EventMetrics#of}): the ranking quality of the
 * scores (average precision over rows) and the event counts of the alarms ({@link EventCounts}).
 *
 * <p>Why both: AP judges the score without choosing a threshold; the event counts judge the alarms a detector
 * actually raises, counting anomalies and alarm episodes rather than rows.
 *
 * @param ap     average precision of the score against the labels over the evaluated rows with a score
 *               (scikit-learn's {@code average_precision_score}); NaN when those rows hold no label 1
 * @param counts segments, hits, alarm episodes and point-adjusted counts of the alarms
 */
public record EventScores(double ap, EventCounts counts) {
}
