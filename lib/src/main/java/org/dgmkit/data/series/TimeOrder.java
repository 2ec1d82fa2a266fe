package org.dgmkit.data.series;

/**
 * How a row's time compares with the previous row's. Real series repeat an hour when daylight saving time ends
 * and sometimes have a row out of place; the reader keeps such rows in file order and says so per row, instead
 * of sorting (which would move scores away from the lines they belong to) or refusing the file.
 */
public enum TimeOrder {
    /** The first row, or a time after the previous row's. */
    FORWARD,
    /** The same time as the previous row. */
    REPEATED,
    /** A time before the previous row's. */
    BACKWARD
}
