package org.dgmkit.data.nab;

import java.time.LocalDateTime;

/**
 * One labelled anomaly window of a NAB series: its limits as in {@code combined_windows.json} and the inclusive
 * row range of the rows whose timestamps lie within them (NAB requires both limits to be timestamps of the file).
 */
public record NabWindow(LocalDateTime start, LocalDateTime end, int firstRow, int lastRow) {

    /** Number of rows in the window. */
    public int length() {
        return lastRow - firstRow + 1;
    }

    /** Whether {@code row} lies in the window. */
    public boolean contains(int row) {
        return row >= firstRow && row <= lastRow;
    }
}
