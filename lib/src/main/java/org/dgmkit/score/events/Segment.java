package org.dgmkit.score.events;

/**
 * One labelled anomaly: the row range {@code [start, end)} of a maximal run of label 1 (see {@link Segments}).
 * Event metrics count anomalies, not rows, so a long anomaly weighs as much as a short one; this record is
 * the unit they count.
 *
 * @param start first row of the run (inclusive)
 * @param end   row after the last row of the run (exclusive); {@code end > start}
 */
public record Segment(int start, int end) {

    /** Checks {@code 0 <= start < end}. */
    public Segment {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + ") is empty or negative");
        }
    }

    /** Number of rows, {@code end - start}. */
    public int length() {
        return end - start;
    }

    /**
     * Rows that may detect this segment under the delay rule: {@code [start, min(start + delay + 1, end))}
     * for {@code delay >= 0} (the KPI challenge's rule), the whole segment for {@code delay == -1}.
     *
     * @return the exclusive end of that window
     */
    public int detectionEnd(int delay) {
        if (delay < -1) {
            throw new IllegalArgumentException("delay is " + delay + ", expected -1 (anywhere) or >= 0");
        }
        return delay == -1 ? end : (int) Math.min((long) start + delay + 1, end);
    }
}
