package org.dgmkit.data.series;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A whole series CSV as read by {@link SeriesCsv#read}: the rows in file order (one per data line), which columns
 * were used, the time format, and the counts of what was met. The array methods give the columns a detector wants
 * (each call builds a new array).
 *
 * @param source      the file or stream name used in messages
 * @param columns     the header names as found (unquoted, trimmed)
 * @param timeColumn  the header name of the time column used
 * @param valueColumn the header name of the value column used
 * @param labelColumn the header name of the label column, or null when none
 * @param timeFormat  the timestamp form of the file (given or detected)
 * @param rows        the rows in file order
 * @param counts      rows, missing, carried, repeated and backward counts
 */
public record SeriesTable(String source, List<String> columns, String timeColumn, String valueColumn,
                          String labelColumn, TimeFormat timeFormat, List<SeriesRow> rows, SeriesCounts counts) {

    /** Makes the lists unmodifiable copies. */
    public SeriesTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Row {@code i} (0-based). */
    public SeriesRow row(int i) {
        return rows.get(i);
    }

    /** Whether a label column was read. */
    public boolean hasLabels() {
        return labelColumn != null;
    }

    /** The parsed times. */
    public LocalDateTime[] times() {
        LocalDateTime[] a = new LocalDateTime[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).time();
        }
        return a;
    }

    /** The timestamp cells as written. */
    public String[] timestamps() {
        String[] a = new String[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).timestamp();
        }
        return a;
    }

    /** The values (NaN where missing). */
    public double[] values() {
        double[] a = new double[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).value();
        }
        return a;
    }

    /** Per row, whether its value is missing. */
    public boolean[] missing() {
        boolean[] a = new boolean[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).missing();
        }
        return a;
    }

    /** Per row, whether its value was carried from the previous usable one. */
    public boolean[] carried() {
        boolean[] a = new boolean[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).carried();
        }
        return a;
    }

    /** The labels (0/1), all -1 when there is no label column. */
    public int[] labels() {
        int[] a = new int[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).label();
        }
        return a;
    }

    /** The 1-based line of each row. */
    public int[] lines() {
        int[] a = new int[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i).line();
        }
        return a;
    }
}
