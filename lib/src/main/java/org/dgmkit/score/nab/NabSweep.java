package org.dgmkit.score.nab;

import java.util.List;
import org.dgmkit.data.nab.NabProfile;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.data.nab.NabWindow;

/**
 * The per-row part of NAB's scoring for one file ({@code Sweeper.calcSweepScore} at NAB commit ea702d75): for
 * each row, the score it would add if detected, the window it belongs to, and whether it is probationary.
 *
 * <p>Inside a window of width w with right edge r, row i would score
 * {@code scaled(-(r - i + 1) / w) * tpWeight / scaled(-1)} (so the left edge scores tpWeight); outside, after a
 * window with right edge r and width w, {@code scaled(|r - i| / (w - 1)) * fpWeight}; before any window,
 * {@code -fpWeight}. Probationary rows (index below {@link NabSeries#probationRows}) are never scored.
 */
public final class NabSweep {
    /** Window index of a row outside every window. */
    public static final int OUTSIDE = -1;

    private final String name;
    private final double[] anomalyScores;
    private final double[] rowScores;
    private final int[] windowOfRow;
    private final int probationRows;
    private final int windowCount;

    private NabSweep(String name, double[] anomalyScores, double[] rowScores, int[] windowOfRow, int probationRows,
            int windowCount) {
        this.name = name;
        this.anomalyScores = anomalyScores;
        this.rowScores = rowScores;
        this.windowOfRow = windowOfRow;
        this.probationRows = probationRows;
        this.windowCount = windowCount;
    }

    /** Sweeps {@code series} with a detector's {@code anomalyScores} (one per row) under {@code profile}. */
    public static NabSweep of(NabSeries series, double[] anomalyScores, NabProfile profile) {
        int n = series.size();
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException(series.name() + ": " + anomalyScores.length
                    + " anomaly scores for " + n + " rows");
        }
        double maxTp = NabSigmoid.scaled(-1.0);
        List<NabWindow> windows = series.windows();
        double[] rowScores = new double[n];
        int[] windowOfRow = new int[n];
        int next = 0;
        NabWindow current = null;
        int currentIndex = OUTSIDE;
        double currentWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            if (next < windows.size() && i == windows.get(next).firstRow()) {
                current = windows.get(next);
                currentIndex = next++;
                currentWidth = (double) (current.lastRow() - current.firstRow() + 1);
            }
            double weighted;
            if (current != null) {
                double position = -(current.lastRow() - i + 1) / currentWidth;
                weighted = NabSigmoid.scaled(position) * profile.tpWeight() / maxTp;
            } else {
                double unweighted;
                if (prevRight < 0) {
                    unweighted = -1.0; // no preceding window: as if very far from one
                } else {
                    unweighted = NabSigmoid.scaled(Math.abs(prevRight - i) / (prevWidth - 1));
                }
                weighted = unweighted * profile.fpWeight();
            }
            rowScores[i] = weighted;
            windowOfRow[i] = current != null ? currentIndex : OUTSIDE;
            if (current != null && i == current.lastRow()) {
                prevRight = i;
                prevWidth = currentWidth;
                current = null;
                currentIndex = OUTSIDE;
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = anomalyScores[i] + 0.0; // -0.0 becomes 0.0: Python's sort and != treat them as equal
        }
        return new NabSweep(series.name(), scores, rowScores, windowOfRow, series.probationRows(),
                windows.size());
    }

    /** The file name. */
    public String name() {
        return name;
    }

    /** Number of rows. */
    public int size() {
        return rowScores.length;
    }

    /** The detector's anomaly score of row i. */
    public double anomalyScore(int i) {
        return anomalyScores[i];
    }

    /** The weighted score row i adds when detected (NAB's per-row {@code sweepScore}). */
    public double rowScore(int i) {
        return rowScores[i];
    }

    /** All per-row weighted scores (a copy). */
    public double[] rowScores() {
        return rowScores.clone();
    }

    /** The index of the window holding row i, or {@link #OUTSIDE}. */
    public int windowOf(int i) {
        return windowOfRow[i];
    }

    /** Whether row i is probationary (never scored). */
    public boolean probationary(int i) {
        return i < probationRows;
    }

    /** Number of windows of the file. */
    public int windowCount() {
        return windowCount;
    }
}
