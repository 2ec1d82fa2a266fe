package org.dgmkit.data.series;

/**
 * What a series reader does with a missing value (a blank cell, or NaN, null, NA, N/A, None in any case). Real
 * monitoring exports have gaps (a scrape that failed, a host that was down); the caller decides whether a gap is
 * data to skip, to fill, or a reason to stop.
 */
public enum MissingPolicy {
    /** Keep the row, marked missing with value NaN; a detector gives it no score. */
    SKIP,
    /**
     * Give the row the last usable value before it (marked carried); a missing value before the first usable one
     * is kept missing, as under {@link #SKIP}.
     */
    CARRY,
    /** Refuse the file: an error naming the source, line and column. */
    FAIL
}
