package org.dgmkit.score.events;

/**
 * The counts behind the event metrics of one series or of several pooled series, and the figures computed
 * from them. Counts add up over series ({@link #plus}), so a pooled figure is the figure of the summed counts
 * (micro-average), not a mean of per-series figures.
 *
 * <p>Definitions (rows before a series' {@code firstRow} and labelled segments starting before it are not
 * counted, see {@link EventMetrics}):
 * <ul>
 * <li>{@code segments}: labelled segments (maximal runs of label 1, {@link Segments}) evaluated;</li>
 * <li>{@code segmentsHit}: those detected, i.e. with an alarm in their detection window
 * ({@link Segment#detectionEnd}: the first {@code delay + 1} rows, or the whole segment for delay -1);</li>
 * <li>{@code alarmEpisodes}: maximal runs of consecutive alarm rows; {@code falseEpisodes}: those without any
 * row of label 1;</li>
 * <li>{@code tp, fp, fn}: point-adjusted row counts: every row of a detected segment is a true positive,
 * every row of an undetected segment a false negative, every alarm row with label 0 a false positive.</li>
 * </ul>
 *
 * @param segments      labelled segments evaluated
 * @param segmentsHit   segments detected under the delay rule
 * @param alarmEpisodes maximal runs of alarm rows
 * @param falseEpisodes alarm episodes without a labelled row
 * @param tp            point-adjusted true positives (rows)
 * @param fp            point-adjusted false positives (alarm rows with label 0)
 * @param fn            point-adjusted false negatives (rows)
 */
public record EventCounts(long segments, long segmentsHit, long alarmEpisodes, long falseEpisodes, long tp, long fp,
        long fn) {

    /** No series: all counts 0. */
    public static final EventCounts ZERO = new EventCounts(0, 0, 0, 0, 0, 0, 0);

    /** Checks that counts are non-negative and that hits and false episodes do not exceed their totals. */
    public EventCounts {
        if (segments < 0 || segmentsHit < 0 || segmentsHit > segments || alarmEpisodes < 0 || falseEpisodes < 0
                || falseEpisodes > alarmEpisodes || tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("inconsistent counts " + segments + " segments, " + segmentsHit
                    + " hit, " + alarmEpisodes + " episodes, " + falseEpisodes + " false, tp " + tp + ", fp " + fp
                    + ", fn " + fn);
        }
    }

    /** The counts of both, summed. */
    public EventCounts plus(EventCounts o) {
        return new EventCounts(segments + o.segments, segmentsHit + o.segmentsHit, alarmEpisodes + o.alarmEpisodes,
                falseEpisodes + o.falseEpisodes, tp + o.tp, fp + o.fp, fn + o.fn);
    }

    /** Alarm episodes that touch a labelled row: {@code alarmEpisodes - falseEpisodes}. */
    public long trueEpisodes() {
        return alarmEpisodes - falseEpisodes;
    }

    /** Event precision = true episodes / alarm episodes; NaN when there is no alarm. */
    public double eventPrecision() {
        return alarmEpisodes == 0 ? Double.NaN : (double) trueEpisodes() / alarmEpisodes;
    }

    /** Event recall = segments hit / segments; NaN when there is no segment. */
    public double eventRecall() {
        return segments == 0 ? Double.NaN : (double) segmentsHit / segments;
    }

    /**
     * Event F1 = harmonic mean {@code 2 P R / (P + R)} of event precision and recall; 0 when both are 0; NaN
     * when either is NaN (no alarm or no segment).
     */
    public double eventF1() {
        double p = eventPrecision();
        double r = eventRecall();
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Point-adjusted precision = tp / (tp + fp); NaN when tp + fp = 0. */
    public double pointAdjustedPrecision() {
        return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    /** Point-adjusted recall = tp / (tp + fn); NaN when tp + fn = 0 (no segment rows). */
    public double pointAdjustedRecall() {
        return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }

    /**
     * Point-adjusted F1 = 2 tp / (2 tp + fp + fn) (the harmonic mean of the two above when both are defined);
     * NaN when tp + fp + fn = 0 (no segment and no false alarm).
     */
    public double pointAdjustedF1() {
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }
}
