package org.dgmkit.data.kpi;

/**
 * A labelled anomaly segment: a maximal run of rows labelled 1, as row indices {@code [start, end)} of the file or
 * series it was found in (row 0 is the first data row). Runs are taken in row order; a gap in the timestamps does not
 * split a run (see {@link KpiPart#segments()}).
 */
public record KpiSegment(int start, int end) {

    public KpiSegment {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + ") is empty or negative");
        }
    }

    /** Number of rows in the segment. */
    public int length() {
        return end - start;
    }

    /** Whether row {@code row} lies in the segment. */
    public boolean contains(int row) {
        return row >= start && row < end;
    }
}
