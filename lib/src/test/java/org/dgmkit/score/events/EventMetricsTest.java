package org.dgmkit.score.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventMetricsTest {

    // rows:    0 1 2 3 4 5 6 7 8 9 10 11 12 13
    // label:   0 0 1 1 1 1 1 1 0 0 1  1  0  0   segments [2,8) (6 rows) and [10,12) (2 rows)
    // alarm:               *         *     *    rows 6, 11, 13
    private static final int[] LABEL = {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0};
    private static final boolean[] ALARM = alarmsAt(14, 6, 11, 13);

    private static boolean[] alarmsAt(int n, int... rows) {
        boolean[] alarm = new boolean[n];
        for (int row : rows) {
            alarm[row] = true;
        }
        return alarm;
    }

    private static EventCounts counts(boolean[] alarm, int[] label, int firstRow, int delay) {
        return EventMetrics.of(new double[label.length], alarm, label, firstRow, delay).counts();
    }

    @Test
    void delay_minus_one_an_alarm_anywhere_in_the_segment_detects_it() {
        // both segments hit (row 6 in [2,8), row 11 in [10,12)); episodes {6} {11} {13}, {13} is false;
        // tp = 6 + 2 = 8, fn = 0, fp = row 13
        EventCounts c = counts(ALARM, LABEL, 0, -1);
        assertEquals(new EventCounts(2, 2, 3, 1, 8, 1, 0), c);
        assertEquals(2, c.trueEpisodes());
        assertEquals(2 / 3.0, c.eventPrecision(), 1e-12);
        assertEquals(1.0, c.eventRecall(), 1e-12);
        assertEquals(0.8, c.eventF1(), 1e-12); // 2 (2/3) 1 / (5/3) = 4/5
        assertEquals(16 / 17.0, c.pointAdjustedF1(), 1e-12); // 2*8 / (16 + 1 + 0)
        assertEquals(8 / 9.0, c.pointAdjustedPrecision(), 1e-12);
        assertEquals(1.0, c.pointAdjustedRecall(), 1e-12);
    }

    @Test
    void delay_zero_only_the_first_row_counts() {
        // windows [2,3) and [10,11) hold no alarm: nothing hit; episodes do not depend on the delay
        EventCounts c = counts(ALARM, LABEL, 0, 0);
        assertEquals(new EventCounts(2, 0, 3, 1, 0, 1, 8), c);
        assertEquals(2 / 3.0, c.eventPrecision(), 1e-12);
        assertEquals(0.0, c.eventRecall(), 1e-12);
        assertEquals(0.0, c.eventF1(), 1e-12); // 2 (2/3) 0 / (2/3)
        assertEquals(0.0, c.pointAdjustedF1(), 1e-12); // 0 / (0 + 1 + 8)
    }

    @Test
    void delay_two_the_first_three_rows_count() {
        // windows [2,5) (no alarm: row 6 is too late) and [10,12) (row 11): one hit, tp 2, fn 6
        EventCounts c = counts(ALARM, LABEL, 0, 2);
        assertEquals(new EventCounts(2, 1, 3, 1, 2, 1, 6), c);
        assertEquals(4 / 7.0, c.eventF1(), 1e-12); // 2 (2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6)
        assertEquals(4 / 11.0, c.pointAdjustedF1(), 1e-12); // 4 / (4 + 1 + 6)
    }

    @Test
    void episodes_straddling_segment_boundaries_are_true_and_count_once() {
        // rows:  0 1 2 3 4 5 6 7 8 9
        // label: 0 1 1 0 0 0 1 1 0 0   segments [1,3), [6,8)
        // alarm: * *     *     * * *   episodes [0,2) true (row 1), [4,5) false, [7,10) true (row 7)
        int[] label = {0, 1, 1, 0, 0, 0, 1, 1, 0, 0};
        boolean[] alarm = alarmsAt(10, 0, 1, 4, 7, 8, 9);
        // anywhere: both hit, tp 4, fp rows 0 4 8 9
        EventCounts any = counts(alarm, label, 0, -1);
        assertEquals(new EventCounts(2, 2, 3, 1, 4, 4, 0), any);
        assertEquals(0.8, any.eventF1(), 1e-12);
        assertEquals(2 / 3.0, any.pointAdjustedF1(), 1e-12); // 8 / (8 + 4)
        // delay 0: [1,2) has row 1 -> hit; [6,7) has no alarm (row 7 is late) -> missed
        EventCounts first = counts(alarm, label, 0, 0);
        assertEquals(new EventCounts(2, 1, 3, 1, 2, 4, 2), first);
        assertEquals(0.4, first.pointAdjustedF1(), 1e-12); // 4 / (4 + 4 + 2)
        // one episode over rows 1..7 covers both segments: 1 true episode, 2 hits, fp rows 3 4 5
        EventCounts wide = counts(alarmsAt(10, 1, 2, 3, 4, 5, 6, 7), label, 0, -1);
        assertEquals(new EventCounts(2, 2, 1, 0, 4, 3, 0), wide);
        assertEquals(1.0, wide.eventF1(), 1e-12);
        assertEquals(8 / 11.0, wide.pointAdjustedF1(), 1e-12);
    }

    @Test
    void first_row_leaves_out_an_early_segment_and_early_alarms() {
        // rows:  0 1 2 3 4 5 6 7
        // label: 1 1 0 0 0 1 1 0   segments [0,2), [5,7)
        // alarm: * *   *     *     rows 0 1 3 6
        int[] label = {1, 1, 0, 0, 0, 1, 1, 0};
        boolean[] alarm = alarmsAt(8, 0, 1, 3, 6);
        // firstRow 0: both segments hit; episodes [0,2) true, [3,4) false, [6,7) true; tp 4, fp 1 (row 3)
        EventCounts all = counts(alarm, label, 0, -1);
        assertEquals(new EventCounts(2, 2, 3, 1, 4, 1, 0), all);
        assertEquals(8 / 9.0, all.pointAdjustedF1(), 1e-12);
        // firstRow 1: [0,2) starts before it -> left out; row 0's alarm ignored; the episode [1,2) lies in the
        // left-out segment: true, and row 1 is neither tp nor fp; tp 2 (segment [5,7)), fp 1
        EventCounts late = counts(alarm, label, 1, -1);
        assertEquals(new EventCounts(1, 1, 3, 1, 2, 1, 0), late);
        assertEquals(0.8, late.pointAdjustedF1(), 1e-12); // 4 / (4 + 1)
        // only row 0 alarms, firstRow 1: no episode at all -> precision and F1 undefined; [5,7) missed
        EventCounts silent = counts(alarmsAt(8, 0), label, 1, -1);
        assertEquals(new EventCounts(1, 0, 0, 0, 0, 0, 2), silent);
        assertEquals(Double.NaN, silent.eventPrecision());
        assertEquals(0.0, silent.eventRecall());
        assertEquals(Double.NaN, silent.eventF1());
        assertEquals(Double.NaN, silent.pointAdjustedPrecision());
        assertEquals(0.0, silent.pointAdjustedF1()); // 0 / (0 + 0 + 2)
        // firstRow = n: nothing evaluated
        EventScores none = EventMetrics.of(new double[8], alarm, label, 8, -1);
        assertEquals(EventCounts.ZERO, none.counts());
        assertEquals(Double.NaN, none.ap());
        assertEquals(Double.NaN, none.counts().eventRecall());
        assertEquals(Double.NaN, none.counts().pointAdjustedF1());
    }

    @Test
    void average_precision_over_evaluated_scored_rows() {
        // row:    0     1    2    3    4    5    6
        // score: .05   .9   .2   .8   .7   NaN  .1
        // label:  1     1    0    0    1    1    0
        double[] score = {0.05, 0.9, 0.2, 0.8, 0.7, Double.NaN, 0.1};
        int[] label = {1, 1, 0, 0, 1, 1, 0};
        boolean[] alarm = new boolean[7];
        // firstRow 1, NaN row 5 out: .9a (R 1/2, P 1), .8n, .7a (R 1, P 2/3) -> 1/2 + 1/2 * 2/3 = 5/6
        assertEquals(5 / 6.0, EventMetrics.of(score, alarm, label, 1, -1).ap(), 1e-12);
        // firstRow 0 adds .05a at the bottom: .9a R 1/3 P 1; .7a R 2/3 P 2/3; .05a R 1 P 3/6
        // -> 1/3 + 2/9 + 1/6 = 13/18
        assertEquals(13 / 18.0, EventMetrics.of(score, alarm, label, 0, -1).ap(), 1e-12);
        // no positive among evaluated scored rows (row 5 is NaN): NaN; only positives: 1
        assertEquals(Double.NaN, EventMetrics.of(score, alarm, new int[] {1, 0, 0, 0, 0, 1, 0}, 1, -1).ap());
        assertEquals(1.0, EventMetrics.of(score, alarm, new int[] {0, 1, 1, 1, 1, 1, 1}, 1, -1).ap(), 1e-12);
    }

    @Test
    void threshold_gives_alarms_where_the_score_reaches_it() {
        // scores >= .7 at rows 6 (.9), 11 (.8), 13 (.7 exactly) = ALARM; row 0 is NaN and never alarms
        double[] score = {Double.NaN, .2, .3, .1, .2, .4, .9, .3, .1, .2, .5, .8, .1, .7};
        assertArrayEquals(ALARM, EventMetrics.alarms(score, 0.7));
        assertEquals(EventMetrics.of(score, ALARM, LABEL, 0, 2), EventMetrics.atThreshold(score, 0.7, LABEL, 0, 2));
        assertEquals(new EventCounts(2, 1, 3, 1, 2, 1, 6), EventMetrics.atThreshold(score, 0.7, LABEL, 0, 2).counts());
        assertEquals(false, EventMetrics.alarms(score, Double.NEGATIVE_INFINITY)[0]);
    }

    @Test
    void pooled_counts_are_sums_and_ap_is_the_mean_over_defined_values() {
        EventScores a = new EventScores(0.5, new EventCounts(2, 1, 3, 1, 2, 1, 6));
        EventScores b = new EventScores(0.8, new EventCounts(1, 1, 1, 0, 3, 0, 0));
        EventScores c = new EventScores(Double.NaN, new EventCounts(0, 0, 2, 2, 0, 5, 0));
        PooledEventScores p = PooledEventScores.of(List.of(a, b, c));
        assertEquals(3, p.series());
        assertEquals(2, p.seriesWithAp());
        assertEquals(0.65, p.meanAp(), 1e-12); // (0.5 + 0.8) / 2
        assertEquals(new EventCounts(3, 2, 6, 3, 5, 6, 6), p.counts());
        assertEquals(0.5, p.counts().eventPrecision(), 1e-12); // 3 true of 6
        assertEquals(2 / 3.0, p.counts().eventRecall(), 1e-12);
        assertEquals(4 / 7.0, p.counts().eventF1(), 1e-12); // 2 (1/2)(2/3) / (7/6)
        assertEquals(5 / 11.0, p.counts().pointAdjustedF1(), 1e-12); // 10 / (10 + 6 + 6)
        // not the mean of the series' figures: series a's PA F1 4/11, b's 1 -> mean 15/22 != 5/11
        assertEquals(Double.NaN, PooledEventScores.of(List.of(c)).meanAp());
        assertEquals(EventCounts.ZERO, PooledEventScores.of(List.of()).counts());
    }

    @Test
    void bad_inputs_are_named() {
        assertEquals("got 3 scores, 2 alarms but 2 labels", assertThrows(IllegalArgumentException.class,
                () -> EventMetrics.of(new double[3], new boolean[2], new int[2], 0, -1)).getMessage());
        assertEquals("firstRow is 3, expected 0..2", assertThrows(IllegalArgumentException.class,
                () -> EventMetrics.of(new double[2], new boolean[2], new int[2], 3, -1)).getMessage());
        assertEquals("delay is -2, expected -1 (anywhere) or >= 0", assertThrows(IllegalArgumentException.class,
                () -> EventMetrics.of(new double[2], new boolean[2], new int[2], 0, -2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EventCounts(1, 2, 0, 0, 0, 0, 0));
    }
}
