package org.dgmkit.score.nab;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.data.nab.NabProfile;

/**
 * NAB's exhaustive threshold sweep ({@code Sweeper.calcScoreByThreshold} at NAB commit ea702d75) over one or
 * many files: the score at the start threshold 1.1 (nothing detected) and at every distinct anomaly score,
 * highest first. A window scores its best (earliest) detection or −fnWeight when missed; detections outside
 * windows add their (negative) row scores.
 *
 * <p>Reproduced to the last bit where it matters for ties: rows are taken in descending anomaly score, equal
 * scores in file-then-row order (Python's stable sort); the score at a threshold is summed as Python's
 * {@code sum(scoreParts.values())} does (false positives first, then windows in order of first appearance).
 */
public final class NabThresholdSweep {
    /** NAB's start threshold, above every anomaly score. */
    public static final double START_THRESHOLD = 1.1;

    private NabThresholdSweep() {
    }

    /** The score at every threshold, in descending threshold order, over all rows of {@code files}. */
    public static List<NabThresholdScore> curve(List<NabSweep> files, NabProfile profile) {
        // Scorable rows (probation excluded) as (file, row), in file-then-row order.
        int total = 0;
        for (NabSweep f : files) {
            total += Math.max(0, f.size() - firstScored(f));
        }
        int[] fileOf = new int[total];
        int[] rowOf = new int[total];
        double[] score = new double[total];
        int[] windowBase = new int[files.size()];
        int k = 0;
        int windows = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            NabSweep f = files.get(fi);
            windowBase[fi] = windows;
            windows += f.windowCount();
            for (int i = firstScored(f); i < f.size(); i++) {
                fileOf[k] = fi;
                rowOf[k] = i;
                score[k] = f.anomalyScore(i);
                k++;
            }
        }
        // Stable sort, descending by anomaly score (Python: sorted(..., key=anomalyScore, reverse=True)).
        int[] order = descendingStable(score);

        // Score parts: false positives, then one part per window in order of first appearance in the sorted list.
        double[] part = new double[windows];
        int[] partOrder = new int[windows];
        boolean[] seen = new boolean[windows];
        int parts = 0;
        int tn = 0;
        int fn = 0;
        for (int idx : order) {
            int w = globalWindow(files, windowBase, fileOf[idx], rowOf[idx]);
            if (w < 0) {
                tn++;
            } else {
                fn++;
                if (!seen[w]) {
                    seen[w] = true;
                    part[w] = -profile.fnWeight();
                    partOrder[parts++] = w;
                }
            }
        }
        double fpPart = 0;
        int tp = 0;
        int fp = 0;
        List<NabThresholdScore> out = new ArrayList<>();
        double current = START_THRESHOLD;
        for (int idx : order) {
            double s = score[idx];
            if (s != current) {
                out.add(new NabThresholdScore(current, sum(fpPart, part, partOrder, parts), tp, tn, fp, fn));
                current = s;
            }
            int w = globalWindow(files, windowBase, fileOf[idx], rowOf[idx]);
            double rowScore = files.get(fileOf[idx]).rowScore(rowOf[idx]);
            if (w < 0) {
                fp++;
                tn--;
                fpPart += rowScore;
            } else {
                tp++;
                fn--;
                part[w] = Math.max(part[w], rowScore);
            }
        }
        out.add(new NabThresholdScore(current, sum(fpPart, part, partOrder, parts), tp, tn, fp, fn));
        return out;
    }

    /**
     * The best threshold as NAB's optimizer picks it: the highest score, and among equal scores the highest
     * threshold (the first in the curve; Python's sort by score is stable).
     */
    public static NabThresholdScore best(List<NabThresholdScore> curve) {
        NabThresholdScore best = null;
        for (NabThresholdScore s : curve) {
            if (best == null || s.score() > best.score()) {
                best = s;
            }
        }
        return best;
    }

    /**
     * The curve's entry for {@code threshold} as {@code Sweeper.scoreDataSet} finds it: the entry with exactly
     * that threshold, else the last one above it. Where NAB would fail (a threshold above 1.1, or below every
     * scored anomaly score) this returns the natural answer: nothing detected, or everything detected.
     */
    public static NabThresholdScore at(List<NabThresholdScore> curve, double threshold) {
        NabThresholdScore previous = null;
        for (NabThresholdScore s : curve) {
            if (s.threshold() == threshold) {
                return s;
            } else if (s.threshold() < threshold) {
                return previous != null ? previous : s; // the first entry (1.1) detects nothing
            }
            previous = s;
        }
        return previous;
    }

    /** Indices of {@code keys} by descending key, equal keys in index order (a stable merge sort, no boxing). */
    static int[] descendingStable(double[] keys) {
        int n = keys.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // take from the right run only when strictly greater: keeps equal keys in order
                    b[k++] = keys[a[j]] > keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static int firstScored(NabSweep f) {
        int i = 0;
        while (i < f.size() && f.probationary(i)) {
            i++;
        }
        return i;
    }

    private static int globalWindow(List<NabSweep> files, int[] windowBase, int file, int row) {
        int w = files.get(file).windowOf(row);
        return w < 0 ? -1 : windowBase[file] + w;
    }

    private static double sum(double fpPart, double[] part, int[] partOrder, int parts) {
        double s = 0;
        s += fpPart;
        for (int i = 0; i < parts; i++) {
            s += part[partOrder[i]];
        }
        return s;
    }
}
