package org.dgmkit.score.events;

import java.util.Arrays;
import java.util.List;
import org.dgmkit.score.Metrics;

/**
 * Event evaluation of one series: how a detector's score ranks anomalous rows (AP) and how its alarms find
 * labelled anomalies (segments) and how many alarm episodes are false. Pool several series with
 * {@link PooledEventScores#of}.
 *
 * <p>Inputs, one entry per row: {@code score} (higher = more anomalous, NaN = row not scored), {@code alarm},
 * {@code label} (1 = anomalous, 0 = normal); {@code firstRow}: rows before it are not evaluated (the
 * detector's probationary period); {@code delay}: -1 = an alarm anywhere in a segment detects it, N &ge; 0 =
 * only an alarm in the segment's first N + 1 rows does (the KPI challenge's rule).
 *
 * <p>Definitions ({@code n} rows, evaluated rows = {@code [firstRow, n)}):
 * <ul>
 * <li>AP: {@link Metrics#averagePrecision} of the score against the label over the evaluated rows whose score is
 * not NaN; NaN when these rows hold no label 1; 1 when they hold only label 1;</li>
 * <li>segments: the maximal runs of label 1 ({@link Segments}) that start at or after {@code firstRow}; a
 * segment starting before it is left out (neither hit nor missed, its rows are neither true positives nor false
 * negatives nor false positives);</li>
 * <li>a segment {@code [s, e)} is hit when an alarm lies in {@code [s, e)} (delay -1) or in
 * {@code [s, min(s + delay + 1, e))};</li>
 * <li>alarm episodes: maximal runs of consecutive alarm rows among the evaluated rows; an episode is true when
 * one of its rows has label 1 (lies inside a labelled segment, counted or left out), else false;</li>
 * <li>point-adjusted counts: tp = rows of hit segments, fn = rows of segments not hit, fp = evaluated alarm rows
 * with label 0;</li>
 * <li>the figures computed from these counts are in {@link EventCounts}.</li>
 * </ul>
 */
public final class EventMetrics {
    private EventMetrics() {
    }

    /**
     * Event metrics of a series' score and alarms.
     *
     * @param score    anomaly score per row, higher = more anomalous; NaN = not scored (left out of AP); other
     *                 values must be finite
     * @param alarm    the detector's alarm per row
     * @param label    1 = anomalous, 0 = normal, per row
     * @param firstRow first evaluated row, {@code 0 <= firstRow <= n}
     * @param delay    -1 (anywhere in the segment) or N &ge; 0 (first N + 1 rows of the segment)
     */
    public static EventScores of(double[] score, boolean[] alarm, int[] label, int firstRow, int delay) {
        int n = label.length;
        if (score.length != n || alarm.length != n) {
            throw new IllegalArgumentException("got " + score.length + " scores, " + alarm.length + " alarms but "
                    + n + " labels");
        }
        if (firstRow < 0 || firstRow > n) {
            throw new IllegalArgumentException("firstRow is " + firstRow + ", expected 0.." + n);
        }
        if (delay < -1) {
            throw new IllegalArgumentException("delay is " + delay + ", expected -1 (anywhere) or >= 0");
        }
        List<Segment> all = Segments.of(label);
        return new EventScores(averagePrecision(score, label, firstRow), counts(alarm, label, all, firstRow, delay));
    }

    /**
     * Event metrics of a score without alarms: alarm = {@code score >= threshold} ({@link #alarms}), then
     * {@link #of}.
     */
    public static EventScores atThreshold(double[] score, double threshold, int[] label, int firstRow, int delay) {
        return of(score, alarms(score, threshold), label, firstRow, delay);
    }

    /** Alarm per row = {@code score >= threshold}; a NaN score never alarms. */
    public static boolean[] alarms(double[] score, double threshold) {
        boolean[] alarm = new boolean[score.length];
        for (int i = 0; i < score.length; i++) {
            alarm[i] = score[i] >= threshold;
        }
        return alarm;
    }

    private static double averagePrecision(double[] score, int[] label, int firstRow) {
        double[] s = new double[score.length - firstRow];
        int[] l = new int[s.length];
        int rows = 0;
        int positives = 0;
        for (int i = firstRow; i < score.length; i++) {
            if (!Double.isNaN(score[i])) {
                s[rows] = score[i];
                l[rows] = label[i];
                positives += label[i];
                rows++;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        if (positives == rows) {
            return 1; // every threshold has precision 1 (Metrics needs both classes)
        }
        return Metrics.averagePrecision(Arrays.copyOf(s, rows), Arrays.copyOf(l, rows));
    }

    private static EventCounts counts(boolean[] alarm, int[] label, List<Segment> all, int firstRow, int delay) {
        long segments = 0;
        long hit = 0;
        long tp = 0;
        long fn = 0;
        for (Segment s : all) {
            if (s.start() < firstRow) {
                continue;
            }
            segments++;
            boolean detected = false;
            for (int i = s.start(), end = s.detectionEnd(delay); i < end && !detected; i++) {
                detected = alarm[i];
            }
            if (detected) {
                hit++;
                tp += s.length();
            } else {
                fn += s.length();
            }
        }
        long fp = 0;
        long episodes = 0;
        long falseEpisodes = 0;
        int n = label.length;
        for (int i = firstRow; i < n; ) {
            if (!alarm[i]) {
                i++;
                continue;
            }
            boolean touchesLabel = false;
            for (; i < n && alarm[i]; i++) {
                if (label[i] == 1) {
                    touchesLabel = true;
                } else {
                    fp++;
                }
            }
            episodes++;
            if (!touchesLabel) {
                falseEpisodes++;
            }
        }
        return new EventCounts(segments, hit, episodes, falseEpisodes, tp, fp, fn);
    }
}
