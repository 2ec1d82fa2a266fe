package org.dgmkit.data.series;

import java.time.LocalDateTime;

/**
 * One data line of a series CSV. Every data line gives exactly one row, also when its value is missing, so that a
 * detector's scores stay aligned with the input lines (and can be echoed next to them).
 *
 * @param line      the 1-based line the row begins on (the header is line 1 when nothing precedes it)
 * @param timestamp the timestamp cell as written (unquoted, trimmed), for echoing in the output
 * @param time      the parsed time: UTC when the cell had an offset, Z or was Unix time, else the local time
 * @param value     the value; NaN when missing, the previous usable value when carried
 * @param missing   whether the row has no value (it gets no score)
 * @param carried   whether the value was missing and filled with the previous usable one
 *                  ({@link MissingPolicy#CARRY})
 * @param label     0 or 1 from the label column, -1 when there is no label column
 * @param order     how the time compares with the previous row's
 */
public record SeriesRow(int line, String timestamp, LocalDateTime time, double value, boolean missing,
                        boolean carried, int label, TimeOrder order) {
}
