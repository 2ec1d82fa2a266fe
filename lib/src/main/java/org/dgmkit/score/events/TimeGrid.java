package org.dgmkit.score.events;

import java.util.Arrays;

/**
 * The regular time grid of one series as the KPI challenge's evaluation script builds it
 * ({@code reconstruct_label}): the interval is the smallest difference between consecutive sorted
 * timestamps, and a row with timestamp {@code t} sits at grid index {@code floor((t - t0) / interval)} where
 * {@code t0} is the earliest timestamp. Grid points no row maps to are missing: label 0, no alarm, no score.
 *
 * <p>Why: the challenge scores predictions on this grid, so a missing timestamp inside a labelled run splits
 * the run in two, and rows given in any order land in time order.
 *
 * <p>Where the script fails, this class decides: duplicate timestamps (interval 0) are rejected; a single row
 * is a grid of one point (the script's {@code np.min} of no differences raises); no row is an empty grid.
 */
public final class TimeGrid {
    private final long start;
    private final long interval;
    private final int length;
    private final int[] position;

    private TimeGrid(long start, long interval, int length, int[] position) {
        this.start = start;
        this.interval = interval;
        this.length = length;
        this.position = position;
    }

    /**
     * The grid of the timestamps (in any order, e.g. seconds).
     *
     * @throws IllegalArgumentException when two rows share a timestamp or the grid would exceed an int's range
     */
    public static TimeGrid of(long[] timestamps) {
        int n = timestamps.length;
        if (n == 0) {
            return new TimeGrid(0, 0, 0, new int[0]);
        }
        long[] sorted = timestamps.clone();
        Arrays.sort(sorted);
        long interval = Long.MAX_VALUE;
        for (int i = 1; i < n; i++) {
            long d = Math.subtractExact(sorted[i], sorted[i - 1]);
            if (d == 0) {
                throw new IllegalArgumentException("timestamp " + sorted[i] + " occurs more than once");
            }
            interval = Math.min(interval, d);
        }
        if (n == 1) {
            return new TimeGrid(sorted[0], 0, 1, new int[] {0});
        }
        long t0 = sorted[0];
        long last = Math.subtractExact(sorted[n - 1], t0) / interval;
        if (last >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid of " + (last + 1) + " points (interval " + interval + ") is too long");
        }
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            position[i] = (int) ((timestamps[i] - t0) / interval);
        }
        return new TimeGrid(t0, interval, (int) last + 1, position);
    }

    /** Earliest timestamp (grid index 0); 0 for an empty grid. */
    public long start() {
        return start;
    }

    /** Smallest difference between consecutive timestamps; 0 for fewer than two rows. */
    public long interval() {
        return interval;
    }

    /** Number of grid points, {@code (last - first) / interval + 1}. */
    public int length() {
        return length;
    }

    /** Grid index of input row {@code row}. */
    public int position(int row) {
        return position[row];
    }

    /** Labels on the grid: each row's label at its grid index, 0 at missing points. */
    public int[] labels(int[] rowLabels) {
        checkRows(rowLabels.length);
        int[] grid = new int[length];
        for (int i = 0; i < position.length; i++) {
            grid[position[i]] = rowLabels[i];
        }
        return grid;
    }

    /** Alarms on the grid: each row's alarm at its grid index, no alarm at missing points. */
    public boolean[] alarms(boolean[] rowAlarms) {
        checkRows(rowAlarms.length);
        boolean[] grid = new boolean[length];
        for (int i = 0; i < position.length; i++) {
            grid[position[i]] = rowAlarms[i];
        }
        return grid;
    }

    /** Scores on the grid: each row's score at its grid index, NaN (never alarms) at missing points. */
    public double[] scores(double[] rowScores) {
        checkRows(rowScores.length);
        double[] grid = new double[length];
        Arrays.fill(grid, Double.NaN);
        for (int i = 0; i < position.length; i++) {
            grid[position[i]] = rowScores[i];
        }
        return grid;
    }

    private void checkRows(int rows) {
        if (rows != position.length) {
            throw new IllegalArgumentException("got " + rows + " values for " + position.length + " timestamps");
        }
    }
}
