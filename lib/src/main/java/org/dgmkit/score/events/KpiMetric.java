package org.dgmkit.score.events;

import java.util.Arrays;
import java.util.List;

/**
 * The official metric of the AIOps KPI anomaly detection challenge (the organisers' evaluation script, iopsai/iops
 * {@code evaluation/evaluation.py}; the same logic as {@code srcnn/competition_metric.py} of microsoft/anomalydetector,
 * which the published results in {@code notebooks/results/kpi-published.csv} used), reimplemented, plus its best
 * value over score thresholds. "Delay 7" means an alarm within the first 7 + 1 = 8 points of a segment.
 *
 * <p>Why: published results on the KPI data are this number; it rewards detecting an anomaly soon after it
 * starts, and counts every point of a detected anomaly as found.
 *
 * <p>Definition, for a {@code delay} &ge; 0:
 * <ol>
 * <li>each series is put on its regular {@link TimeGrid}; grid points without a row have label 0 and
 * prediction 0 (series without rows are skipped);</li>
 * <li>point adjustment ({@link #adjust}, the script's {@code get_range_proba}): for every maximal run of label 1
 * on the grid, {@code [s, e)}, if a prediction is 1 in {@code [s, min(s + delay + 1, e))} every point of the run
 * becomes 1, else every point becomes 0; points outside runs keep their prediction;</li>
 * <li>the grids of all series are pooled and tp, fp, fn counted over points, giving precision, recall and F1
 * with positive label 1 ({@link KpiResult}, 0 where a denominator is 0, as scikit-learn's default).</li>
 * </ol>
 * A missing grid point inside a labelled run splits it into two runs, each with its own detection window.
 */
public final class KpiMetric {
    private KpiMetric() {
    }

    /** The official F1, precision, recall, tp, fp, fn of the series' alarms. */
    public static KpiResult officialF1(List<KpiSeries> series, int delay) {
        checkDelay(delay);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (KpiSeries s : series) {
            TimeGrid grid = TimeGrid.of(s.timestamps());
            int[] label = grid.labels(s.labels());
            boolean[] adjusted = adjust(label, grid.alarms(s.alarms()), delay);
            for (int i = 0; i < label.length; i++) {
                if (label[i] == 1) {
                    if (adjusted[i]) {
                        tp++;
                    } else {
                        fn++;
                    }
                } else if (adjusted[i]) {
                    fp++;
                }
            }
        }
        return KpiResult.of(tp, fp, fn);
    }

    /** The official metric of the scores at a threshold (alarm = score &ge; threshold, NaN never alarms). */
    public static KpiResult f1At(List<KpiScoredSeries> series, int delay, double threshold) {
        return officialF1(series.stream().map(s -> s.at(threshold)).toList(), delay);
    }

    /**
     * The best official F1 over all thresholds on the scores, with the highest threshold reaching it.
     *
     * <p>In O(n log n): a labelled run on the grid is detected at threshold {@code h} exactly when {@code h} is at
     * most its detection score, the largest score among the first {@code delay + 1} points of the run (never when
     * they have no score); a label-0 grid point with a score is a false positive exactly when its score is
     * &ge; {@code h}. Sorting the detection scores and the label-0 scores and sweeping the threshold down over their
     * distinct values gives tp and fp at every threshold where they change.
     */
    public static KpiBest bestF1(List<KpiScoredSeries> series, int delay) {
        checkDelay(delay);
        DoubleList runScore = new DoubleList();
        LongList runLength = new LongList();
        DoubleList normalScore = new DoubleList();
        long positives = 0;
        for (KpiScoredSeries s : series) {
            TimeGrid grid = TimeGrid.of(s.timestamps());
            int[] label = grid.labels(s.labels());
            double[] score = grid.scores(s.scores());
            for (Segment run : Segments.of(label)) {
                double detection = Double.NaN;
                for (int i = run.start(), end = run.detectionEnd(delay); i < end; i++) {
                    if (!Double.isNaN(score[i]) && !(score[i] <= detection)) {
                        detection = score[i];
                    }
                }
                positives += run.length();
                if (!Double.isNaN(detection)) {
                    runScore.add(detection + 0.0); // + 0.0 turns -0.0 into 0.0: both pass the same thresholds
                    runLength.add(run.length());
                }
            }
            for (int i = 0; i < label.length; i++) {
                if (label[i] == 0 && !Double.isNaN(score[i])) {
                    normalScore.add(score[i] + 0.0);
                }
            }
        }
        // detection scores: sorted distinct values with the summed length of the runs each detects
        double[] runValues = Arrays.copyOf(runScore.values, runScore.size);
        Arrays.sort(runValues);
        runValues = distinct(runValues);
        long[] tpAt = new long[runValues.length];
        for (int r = 0; r < runScore.size; r++) {
            tpAt[Arrays.binarySearch(runValues, runScore.values[r])] += runLength.values[r];
        }
        double[] normal = Arrays.copyOf(normalScore.values, normalScore.size);
        Arrays.sort(normal);
        // sweep the threshold down over the distinct values of both sorted arrays
        int r = runValues.length - 1;
        int j = normal.length - 1;
        long tp = 0;
        long fp = 0;
        // no alarm at all (threshold +inf when no score is +inf): F1 0
        KpiBest best = new KpiBest(Double.POSITIVE_INFINITY, KpiResult.of(0, 0, positives));
        while (r >= 0 || j >= 0) {
            double h = r < 0 ? normal[j] : j < 0 ? runValues[r] : Math.max(runValues[r], normal[j]);
            if (r >= 0 && runValues[r] == h) {
                tp += tpAt[r--];
            }
            while (j >= 0 && normal[j] == h) {
                fp++;
                j--;
            }
            KpiResult at = KpiResult.of(tp, fp, positives - tp);
            if (h == Double.POSITIVE_INFINITY || at.f1() > best.result().f1()) {
                best = new KpiBest(h, at); // threshold +inf (first, if at all) alarms on the +inf scores
            }
        }
        return best;
    }

    /**
     * Point adjustment of one grid (the script's {@code get_range_proba}): every point of a run of label 1
     * becomes the run's detection, whether a prediction is 1 in its first {@code delay + 1} points; other points
     * keep their prediction.
     *
     * @param label   0 or 1 per grid point
     * @param predict prediction per grid point
     * @param delay   &ge; 0
     * @return the adjusted predictions (a new array)
     */
    public static boolean[] adjust(int[] label, boolean[] predict, int delay) {
        checkDelay(delay);
        if (label.length != predict.length) {
            throw new IllegalArgumentException("got " + label.length + " labels but " + predict.length + " predictions");
        }
        boolean[] adjusted = predict.clone();
        for (Segment run : Segments.of(label)) {
            boolean detected = false;
            for (int i = run.start(), end = run.detectionEnd(delay); i < end && !detected; i++) {
                detected = predict[i];
            }
            Arrays.fill(adjusted, run.start(), run.end(), detected);
        }
        return adjusted;
    }

    private static void checkDelay(int delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay is " + delay + ", expected >= 0 (the challenge used 7)");
        }
    }

    /** The distinct values of a sorted array. */
    private static double[] distinct(double[] sorted) {
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    private static final class DoubleList {
        double[] values = new double[16];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }
    }

    private static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }
    }
}
