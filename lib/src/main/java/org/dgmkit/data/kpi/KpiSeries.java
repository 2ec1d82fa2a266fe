package org.dgmkit.data.kpi;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One KPI of the corpus: its train part followed by its test part, as one series. Row {@code i < testStart()} is
 * train row {@code i}; row {@code i >= testStart()} is test row {@code i - testStart()}. The test part continues the
 * train part in time ({@link KpiCorpus} checks it). Array accessors return fresh arrays; indexed accessors read the
 * parts in place.
 */
public final class KpiSeries {
    private final String id;
    private final KpiPart train;
    private final KpiPart test;

    KpiSeries(String id, KpiPart train, KpiPart test) {
        this.id = id;
        this.train = train;
        this.test = test;
    }

    /** The KPI id (the file name without {@code .csv}). */
    public String id() {
        return id;
    }

    /** The train part ({@code train/<id>.csv}). */
    public KpiPart train() {
        return train;
    }

    /** The test part ({@code test/<id>.csv}). */
    public KpiPart test() {
        return test;
    }

    /** Number of rows, train and test. */
    public int size() {
        return train.size() + test.size();
    }

    /** Index of the first test row (= the number of train rows). */
    public int testStart() {
        return train.size();
    }

    /** Row {@code i}'s timestamp in Unix seconds. */
    public long timestamp(int i) {
        return i < testStart() ? train.timestamp(i) : test.timestamp(i - testStart());
    }

    /** Row {@code i}'s timestamp as a UTC date-time. */
    public LocalDateTime time(int i) {
        return KpiPart.utc(timestamp(i));
    }

    /** Row {@code i}'s value. */
    public double value(int i) {
        return i < testStart() ? train.value(i) : test.value(i - testStart());
    }

    /** Row {@code i}'s label (1 anomalous). */
    public int label(int i) {
        return i < testStart() ? train.label(i) : test.label(i - testStart());
    }

    /** All timestamps in Unix seconds, train then test. */
    public long[] timestamps() {
        long[] a = train.timestampsView();
        long[] b = test.timestampsView();
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** All timestamps as UTC date-times, train then test. */
    public LocalDateTime[] times() {
        LocalDateTime[] all = new LocalDateTime[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = time(i);
        }
        return all;
    }

    /** All values, train then test. */
    public double[] values() {
        double[] a = train.valuesView();
        double[] b = test.valuesView();
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** All labels, train then test. */
    public int[] labels() {
        int[] a = train.labelsView();
        int[] b = test.labelsView();
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Number of rows labelled 1, train and test. */
    public int labelledPoints() {
        return train.labelledPoints() + test.labelledPoints();
    }

    /**
     * The labelled segments of the whole series (maximal runs of label 1 in row order, series row indices). A run
     * that went on across the train/test boundary would be one segment here and two in {@link KpiPart#segments()};
     * the corpus has none (every train part ends with label 0).
     */
    public List<KpiSegment> segments() {
        return KpiPart.segments(labels());
    }

    /** The sampling interval in seconds: the smaller of the parts' (60 or 300 in the corpus). */
    public long intervalSeconds() {
        long a = train.intervalSeconds();
        long b = test.intervalSeconds();
        long across = test.timestamp(0) - train.timestamp(train.size() - 1);
        long min = across;
        if (a > 0) {
            min = Math.min(min, a);
        }
        if (b > 0) {
            min = Math.min(min, b);
        }
        return min;
    }

    @Override
    public String toString() {
        return "KpiSeries[" + id + ", " + train.size() + " train + " + test.size() + " test rows, "
                + labelledPoints() + " labelled]";
    }
}
