package org.dgmkit.data.series;

/**
 * How to read a series CSV. Start from {@link #defaults()} (everything recognised from the file itself) and change
 * fields with the {@code with...} methods, e.g.
 * {@code SeriesCsvOptions.defaults().withValueColumn("cpu").withMissing(MissingPolicy.CARRY)}. The defaults read
 * a {@code timestamp,value} NAB file and a {@code "Time","Value"} monitoring export alike; an option is needed
 * only where the file is ambiguous.
 *
 * <p>A column is given by its header name (matched without regard to case and to surrounding whitespace or
 * quotes) or by its 1-based position as a string ("2"); a header name that matches wins over a position.
 *
 * @param timeColumn  the time column; null = the first column named timestamp, time, date or datetime
 * @param valueColumn the value column; null = the first column (other than the time and label columns) whose first
 *                    non-missing cell is a number
 * @param labelColumn a column of 0/1 anomaly labels (0, 1, 0.0, 1.0, true, false); null = no labels
 * @param timeFormat  the one form every timestamp is in; null = detected from the first timestamp
 * @param missing     what to do with a missing value (blank, NaN, null, NA, N/A, None); default
 *                    {@link MissingPolicy#SKIP}
 * @param strictTime  refuse a timestamp equal to or before the previous row's (default false: keep and count it)
 */
public record SeriesCsvOptions(String timeColumn, String valueColumn, String labelColumn, TimeFormat timeFormat,
                               MissingPolicy missing, boolean strictTime) {

    /** Validates: a column given must not be blank (null means automatic), {@code missing} must be given. */
    public SeriesCsvOptions {
        requireNotBlank("timeColumn", timeColumn);
        requireNotBlank("valueColumn", valueColumn);
        requireNotBlank("labelColumn", labelColumn);
        if (missing == null) {
            throw new IllegalArgumentException("SeriesCsvOptions: missing must be SKIP, CARRY or FAIL, got null");
        }
    }

    private static void requireNotBlank(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("SeriesCsvOptions: " + field
                    + " must be a column name or 1-based position, got a blank (null = "
                    + (field.equals("labelColumn") ? "none)" : "automatic)"));
        }
    }

    /** Automatic time and value columns, no labels, detected time format, missing values skipped, order lenient. */
    public static SeriesCsvOptions defaults() {
        return new SeriesCsvOptions(null, null, null, null, MissingPolicy.SKIP, false);
    }

    /** Copy with another time column (name or 1-based position; null = automatic). */
    public SeriesCsvOptions withTimeColumn(String v) {
        return new SeriesCsvOptions(v, valueColumn, labelColumn, timeFormat, missing, strictTime);
    }

    /** Copy with another value column (name or 1-based position; null = automatic). */
    public SeriesCsvOptions withValueColumn(String v) {
        return new SeriesCsvOptions(timeColumn, v, labelColumn, timeFormat, missing, strictTime);
    }

    /** Copy with a label column (name or 1-based position; null = none). */
    public SeriesCsvOptions withLabelColumn(String v) {
        return new SeriesCsvOptions(timeColumn, valueColumn, v, timeFormat, missing, strictTime);
    }

    /** Copy with a forced time format (null = detect from the first timestamp). */
    public SeriesCsvOptions withTimeFormat(TimeFormat v) {
        return new SeriesCsvOptions(timeColumn, valueColumn, labelColumn, v, missing, strictTime);
    }

    /** Copy with another missing-value policy. */
    public SeriesCsvOptions withMissing(MissingPolicy v) {
        return new SeriesCsvOptions(timeColumn, valueColumn, labelColumn, timeFormat, v, strictTime);
    }

    /** Copy with strict time order on or off. */
    public SeriesCsvOptions withStrictTime(boolean v) {
        return new SeriesCsvOptions(timeColumn, valueColumn, labelColumn, timeFormat, missing, v);
    }
}
