package org.dgmkit.score.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KpiMetricTest {

    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60L * i;
        }
        return t;
    }

    private static boolean[] bits(int... b) {
        boolean[] r = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] == 1;
        }
        return r;
    }

    // point:   0 1 2 3 4 5 6
    // label:   0 1 1 1 0 1 1   runs [1,4) and [5,7) (at the end)
    // predict: 1 0 0 1 0 0 1
    private static final int[] LABEL = {0, 1, 1, 1, 0, 1, 1};
    private static final boolean[] PREDICT = bits(1, 0, 0, 1, 0, 0, 1);

    @Test
    void adjustment_follows_the_delay() {
        // delay 0: windows [1,2) and [5,6) hold no prediction: both runs become 0; point 0 keeps its 1
        assertArrayEquals(bits(1, 0, 0, 0, 0, 0, 0), KpiMetric.adjust(LABEL, PREDICT, 0));
        // delay 1: [1,3) no; [5,7) has point 6 -> the run at the end becomes 1
        assertArrayEquals(bits(1, 0, 0, 0, 0, 1, 1), KpiMetric.adjust(LABEL, PREDICT, 1));
        // delay 2: [1,4) has point 3; [5, min(8,7)) has point 6
        assertArrayEquals(bits(1, 1, 1, 1, 0, 1, 1), KpiMetric.adjust(LABEL, PREDICT, 2));
        assertThrows(IllegalArgumentException.class, () -> KpiMetric.adjust(LABEL, PREDICT, -1));
    }

    @Test
    void official_f1_of_one_regular_series() {
        List<KpiSeries> s = List.of(new KpiSeries(minutes(7), LABEL, PREDICT));
        // delay 1: adjusted 1 0 0 0 0 1 1 -> tp 2 (points 5 6), fp 1 (point 0), fn 3 (points 1 2 3)
        // P 2/3, R 2/5, F1 4 / (4 + 1 + 3) = 1/2
        assertEquals(new KpiResult(0.5, 2 / 3.0, 0.4, 2, 1, 3), KpiMetric.officialF1(s, 1));
        // delay 2: tp 5, fp 1, fn 0 -> F1 10/11, P 5/6, R 1
        assertEquals(new KpiResult(10 / 11.0, 5 / 6.0, 1.0, 5, 1, 0), KpiMetric.officialF1(s, 2));
        // delay 0: tp 0, fp 1, fn 5 -> all 0
        assertEquals(new KpiResult(0, 0, 0, 0, 1, 5), KpiMetric.officialF1(s, 0));
    }

    // rows:  t   0  60 120 240 300   (180 missing)
    // label:     0   1   1   1   1   grid 0 1 1 _ 1 1: the hole splits the labelled rows into [1,3) and [4,6)
    // alarm:     0   0   0   1   0   grid 0 0 0 _ 1 0
    private static final long[] GAP_T = {0, 60, 120, 240, 300};
    private static final int[] GAP_LABEL = {0, 1, 1, 1, 1};

    @Test
    void a_hole_in_the_grid_splits_a_labelled_run() {
        // delay 0: run [1,2) window holds no alarm -> missed (2 fn); run [4,5) window holds point 4 -> hit (2 tp)
        // F1 4 / (4 + 0 + 2) = 2/3, P 1, R 1/2
        KpiResult r = KpiMetric.officialF1(List.of(new KpiSeries(GAP_T, GAP_LABEL, bits(0, 0, 0, 1, 0))), 0);
        assertEquals(new KpiResult(2 / 3.0, 1, 0.5, 2, 0, 2), r);
        // the same rows without the hole (t 180 instead of 240): one run [1,5) with window [1,2) -> missed
        KpiResult noHole = KpiMetric.officialF1(
                List.of(new KpiSeries(new long[] {0, 60, 120, 180, 240}, GAP_LABEL, bits(0, 0, 0, 1, 0))), 0);
        assertEquals(new KpiResult(0, 0, 0, 0, 0, 4), noHole);
    }

    @Test
    void a_missing_point_never_alarms() {
        // threshold -inf: every row alarms, the hole at 180 does not: both runs hit (tp 4), fp only point 0
        // F1 8 / (8 + 1) = 8/9
        KpiScoredSeries s = new KpiScoredSeries(GAP_T, GAP_LABEL, new double[] {1, 1, 1, 1, 1});
        assertEquals(new KpiResult(8 / 9.0, 0.8, 1, 4, 1, 0), KpiMetric.f1At(List.of(s), 0, Double.NEGATIVE_INFINITY));
        // a NaN score never alarms either: point 0 NaN -> fp 0, F1 1
        KpiScoredSeries nan = new KpiScoredSeries(GAP_T, GAP_LABEL, new double[] {Double.NaN, 1, 1, 1, 1});
        assertEquals(new KpiResult(1, 1, 1, 4, 0, 0), KpiMetric.f1At(List.of(nan), 0, Double.NEGATIVE_INFINITY));
    }

    @Test
    void unsorted_rows_give_the_same_result() {
        // the gap series' rows in the order 4 0 3 2 1
        KpiSeries shuffled = new KpiSeries(new long[] {300, 0, 240, 120, 60}, new int[] {1, 0, 1, 1, 1},
                bits(0, 0, 1, 0, 0));
        assertEquals(new KpiResult(2 / 3.0, 1, 0.5, 2, 0, 2), KpiMetric.officialF1(List.of(shuffled), 0));
    }

    @Test
    void series_are_pooled_point_by_point_and_empty_series_skipped() {
        // series 1 at delay 1: tp 2 fp 1 fn 3; gap series at delay 1: run [1,3) window [1,3) no alarm -> fn 2,
        // run [4,6) hit -> tp 2; pooled tp 4 fp 1 fn 5 -> F1 8 / (8 + 1 + 5) = 4/7, P 4/5, R 4/9
        List<KpiSeries> s = List.of(new KpiSeries(minutes(7), LABEL, PREDICT),
                new KpiSeries(GAP_T, GAP_LABEL, bits(0, 0, 0, 1, 0)),
                new KpiSeries(new long[0], new int[0], new boolean[0]));
        assertEquals(new KpiResult(4 / 7.0, 0.8, 4 / 9.0, 4, 1, 5), KpiMetric.officialF1(s, 1));
        // a single-row series is a grid of one point
        assertEquals(new KpiResult(1, 1, 1, 1, 0, 0),
                KpiMetric.officialF1(List.of(new KpiSeries(new long[] {7}, new int[] {1}, bits(1))), 0));
        assertEquals(new KpiResult(0, 0, 0, 0, 0, 0), KpiMetric.officialF1(List.of(), 7));
    }

    @Test
    void best_f1_by_hand() {
        // grid:  point 0 (n) .3, 1 (a) .1, 2 (a) .9, 3 missing, 4 (a) .6, 5 (a) .2; runs [1,3) [4,6), 4 positives
        KpiScoredSeries s = new KpiScoredSeries(GAP_T, GAP_LABEL, new double[] {.3, .1, .9, .6, .2});
        // delay 0: detection scores .1 (run 1) and .6 (run 2); normal score .3
        //   h .9 -> tp 0; h .6 -> tp 2 fp 0: 4/6; h .3 -> tp 2 fp 1: 4/7; h .1 -> tp 4 fp 1: 8/9 (best)
        KpiBest b0 = KpiMetric.bestF1(List.of(s), 0);
        assertEquals(0.1, b0.threshold());
        assertEquals(new KpiResult(8 / 9.0, 0.8, 1, 4, 1, 0), b0.result());
        // delay 1: run 1 detected from max(.1, .9) = .9: h .9 -> tp 2: 4/6; h .6 -> tp 4 fp 0: 1 (best)
        KpiBest b1 = KpiMetric.bestF1(List.of(s), 1);
        assertEquals(0.6, b1.threshold());
        assertEquals(new KpiResult(1, 1, 1, 4, 0, 0), b1.result());
        // nothing detectable (no label 1): F1 0 everywhere -> threshold +inf, no alarm
        KpiBest none = KpiMetric.bestF1(List.of(new KpiScoredSeries(minutes(2), new int[2], new double[] {1, 2})), 7);
        assertEquals(Double.POSITIVE_INFINITY, none.threshold());
        assertEquals(new KpiResult(0, 0, 0, 0, 0, 0), none.result());
    }

    @Test
    void best_f1_equals_the_brute_force_maximum_over_every_distinct_score() {
        for (long seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            List<KpiScoredSeries> series = new ArrayList<>();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                series.add(randomSeries(rnd, rnd.nextInt(25)));
            }
            int delay = rnd.nextInt(4);
            KpiBest best = KpiMetric.bestF1(series, delay);
            double brute = KpiMetric.f1At(series, delay, Double.POSITIVE_INFINITY).f1();
            double[] distinct = series.stream().flatMapToDouble(s -> Arrays.stream(s.scores()))
                    .filter(v -> !Double.isNaN(v)).distinct().toArray();
            for (double h : distinct) {
                double f1 = KpiMetric.f1At(series, delay, h).f1();
                brute = Math.max(brute, f1);
                if (h > best.threshold()) {
                    assertTrue(f1 < best.result().f1(), "seed " + seed + ": higher threshold " + h + " reaches the best");
                }
            }
            assertEquals(brute, best.result().f1(), 1e-15, "seed " + seed);
            assertEquals(KpiMetric.f1At(series, delay, best.threshold()), best.result(), "seed " + seed);
        }
    }

    /** Shuffled rows with holes, labels in runs, few distinct scores (ties, 0.0 and -0.0, infinities) and NaNs. */
    private static KpiScoredSeries randomSeries(Random rnd, int n) {
        List<Long> t = new ArrayList<>();
        long time = rnd.nextInt(1000);
        for (int i = 0; i < n; i++) {
            t.add(time);
            time += 60L * (rnd.nextInt(6) == 0 ? 2 + rnd.nextInt(2) : 1);
        }
        java.util.Collections.shuffle(t, rnd);
        int[] label = new int[n];
        double[] score = new double[n];
        double[] levels = {Double.NEGATIVE_INFINITY, -1, -0.0, 0.0, 0.5, 1, 2, Double.POSITIVE_INFINITY, Double.NaN};
        int current = rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                current = 1 - current;
            }
            label[i] = current;
            score[i] = levels[rnd.nextInt(levels.length)];
        }
        return new KpiScoredSeries(t.stream().mapToLong(Long::longValue).toArray(), label, score);
    }

    @Test
    void best_f1_on_two_million_rows_is_a_sort_not_a_scan_per_threshold() {
        Random rnd = new Random(7);
        List<KpiScoredSeries> series = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int n = 500_000;
            long[] t = new long[n];
            int[] label = new int[n];
            double[] score = new double[n];
            long time = 1_500_000_000L;
            int current = 0;
            for (int i = 0; i < n; i++) {
                t[i] = time;
                time += rnd.nextInt(1000) == 0 ? 120 : 60;
                if (rnd.nextInt(current == 1 ? 20 : 500) == 0) {
                    current = 1 - current;
                }
                label[i] = current;
                score[i] = rnd.nextGaussian() + current;
            }
            series.add(new KpiScoredSeries(t, label, score));
        }
        long start = System.nanoTime();
        KpiBest best = KpiMetric.bestF1(series, 7);
        System.out.printf("bestF1 on 2 M rows: %.2f s, F1 %.4f at %.4f%n", (System.nanoTime() - start) / 1e9,
                best.result().f1(), best.threshold());
        assertEquals(KpiMetric.f1At(series, 7, best.threshold()), best.result());
        assertTrue(best.result().f1() > 0 && best.result().f1() <= 1);
    }

    @Test
    void bad_inputs_are_named() {
        assertEquals("got 2 timestamps, 2 labels and 3 alarms or scores", assertThrows(IllegalArgumentException.class,
                () -> new KpiSeries(new long[2], new int[2], new boolean[3])).getMessage());
        assertEquals("labels[1] is -1, expected 0 (normal) or 1 (anomalous)", assertThrows(IllegalArgumentException.class,
                () -> new KpiScoredSeries(new long[2], new int[] {0, -1}, new double[2])).getMessage());
        assertEquals("delay is -1, expected >= 0 (the challenge used 7)", assertThrows(IllegalArgumentException.class,
                () -> KpiMetric.officialF1(List.of(), -1)).getMessage());
    }
}
