package org.dgmkit.data.series;

/**
 * What a series reader met, for a summary line ("8760 rows, 3 missing, 1 repeated"): so that gaps and time-order
 * surprises are reported rather than silently absorbed.
 *
 * @param rows     data rows read (blank lines are not rows)
 * @param missing  rows left without a value (value NaN, no score)
 * @param carried  rows whose missing value was filled with the previous usable one ({@link MissingPolicy#CARRY})
 * @param repeated rows whose time equals the previous row's
 * @param backward rows whose time is before the previous row's
 */
public record SeriesCounts(int rows, int missing, int carried, int repeated, int backward) {
    /** No rows yet. */
    public static final SeriesCounts NONE = new SeriesCounts(0, 0, 0, 0, 0);
}
