package org.dgmkit.data.nab;

import java.time.LocalDateTime;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * One NAB data file with its ground truth: {@code name} as in the label files
 * ("artificialWithAnomaly/art_daily_jumpsup.csv"), the table ({@code timestamp}, {@code value}), the anomaly
 * windows as row ranges, the label timestamps, and the number of probationary rows NAB does not score.
 */
public record NabSeries(String name, Table table, List<NabWindow> windows, List<LocalDateTime> labels,
        int probationRows) {

    /** NAB's probationary fraction of each file. */
    public static final double PROBATION_PERCENT = 0.15;

    /**
     * NAB's probationary period for a file of {@code n} rows: {@code min(floor(0.15 n), 0.15 * 5000)}
     * ({@code nab/util.py getProbationPeriod}, {@code Sweeper._getProbationaryLength}); rows with index below it are
     * not scored. NAB compares the row index against the float {@code 750.0}, which is the same as this integer.
     */
    public static int probationRows(int n) {
        return (int) Math.min(Math.floor(PROBATION_PERCENT * n), PROBATION_PERCENT * 5000);
    }

    /** Number of rows. */
    public int size() {
        return table.rowCount();
    }

    /** The category folder ("artificialWithAnomaly"). */
    public String category() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The file name ("art_daily_jumpsup.csv"). */
    public String fileName() {
        return name.substring(name.indexOf('/') + 1);
    }

    /** Whether this is one of NAB's artificial series. */
    public boolean artificial() {
        return category().startsWith("artificial");
    }

    /** The values as an array. */
    public double[] values() {
        return table.doubleColumn("value").asDoubleArray();
    }

    /** The timestamps as an array. */
    public LocalDateTime[] timestamps() {
        return table.dateTimeColumn("timestamp").asObjectArray();
    }

    /** Per row: 1 inside an anomaly window, 0 outside (NAB's {@code label} column). */
    public int[] windowLabels() {
        int[] labels = new int[size()];
        for (NabWindow w : windows) {
            for (int i = w.firstRow(); i <= w.lastRow(); i++) {
                labels[i] = 1;
            }
        }
        return labels;
    }
}
