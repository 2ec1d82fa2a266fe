package org.dgmkit.data.kpi;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One KPI file as read by {@link KpiCsv}: the train or the test part of a KPI. Timestamps are Unix seconds (also as
 * {@link LocalDateTime} in UTC), strictly increasing; values are finite doubles; labels are 0 or 1 (1 = anomalous).
 * Immutable: the array accessors return copies, the indexed accessors read in place.
 */
public final class KpiPart {
    private final Path file;
    private final long[] timestamps;
    private final double[] values;
    private final int[] labels;

    KpiPart(Path file, long[] timestamps, double[] values, int[] labels) {
        if (timestamps.length != values.length || values.length != labels.length) {
            throw new IllegalArgumentException("column lengths differ: " + timestamps.length + ", " + values.length
                    + ", " + labels.length);
        }
        this.file = file;
        this.timestamps = timestamps;
        this.values = values;
        this.labels = labels;
    }

    /** The file this part was read from. */
    public Path file() {
        return file;
    }

    /** Number of rows. */
    public int size() {
        return timestamps.length;
    }

    /** Row {@code i}'s timestamp in Unix seconds. */
    public long timestamp(int i) {
        return timestamps[i];
    }

    /** Row {@code i}'s timestamp as a UTC date-time. */
    public LocalDateTime time(int i) {
        return utc(timestamps[i]);
    }

    /** Row {@code i}'s value. */
    public double value(int i) {
        return values[i];
    }

    /** Row {@code i}'s label: 1 anomalous, 0 normal. */
    public int label(int i) {
        return labels[i];
    }

    /** All timestamps in Unix seconds (a copy). */
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** All timestamps as UTC date-times. */
    public LocalDateTime[] times() {
        LocalDateTime[] t = new LocalDateTime[timestamps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = utc(timestamps[i]);
        }
        return t;
    }

    /** All values (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** All labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of rows labelled 1. */
    public int labelledPoints() {
        int n = 0;
        for (int y : labels) {
            n += y;
        }
        return n;
    }

    /**
     * The labelled segments: maximal runs of label 1 in row order. A gap in the timestamps inside a run does not split
     * it here; on the regular time grid of the challenge's metric (missing points filled with label 0) it would.
     */
    public List<KpiSegment> segments() {
        return segments(labels);
    }

    /**
     * The sampling interval: the smallest difference between consecutive timestamps (60 or 300 s in the corpus),
     * 0 for a one-row file. Larger differences are gaps of missing points.
     */
    public long intervalSeconds() {
        long min = 0;
        for (int i = 1; i < timestamps.length; i++) {
            long d = timestamps[i] - timestamps[i - 1];
            if (min == 0 || d < min) {
                min = d;
            }
        }
        return min;
    }

    @Override
    public String toString() {
        return "KpiPart[" + file + ", " + size() + " rows, " + labelledPoints() + " labelled]";
    }

    static LocalDateTime utc(long seconds) {
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    }

    /** Maximal runs of label 1 in {@code labels}, in order. */
    static List<KpiSegment> segments(int[] labels) {
        List<KpiSegment> found = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1 && start < 0) {
                start = i;
            } else if (labels[i] != 1 && start >= 0) {
                found.add(new KpiSegment(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            found.add(new KpiSegment(start, labels.length));
        }
        return List.copyOf(found);
    }

    // package-private views for KpiSeries (no copy)
    long[] timestampsView() {
        return timestamps;
    }

    double[] valuesView() {
        return values;
    }

    int[] labelsView() {
        return labels;
    }
}
