package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.dgmkit.detect.SignalProcessor.Signal;
import org.junit.jupiter.api.Test;

class SignalProcessorTest {
    static final double NAN = Double.NaN;

    @Test
    void trailing_stats_are_those_of_the_last_window_values() {
        TrailingStats s = new TrailingStats(3);
        for (double v : new double[] {1, 2, 3, 10}) {
            s.add(v);
        }
        s.add(NAN); // ignored
        // window {2, 3, 10}: mean 5, population variance (9 + 4 + 25) / 3
        assertEquals(5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(38 / 3.0), s.std(), 1e-12);
        assertEquals(3, s.size());
        TrailingStats big = new TrailingStats(4);
        Random r = new Random(1);
        double[] last = new double[4];
        for (int i = 0; i < 100_000; i++) { // recomputed sums: no drift
            double v = 1e6 + r.nextGaussian();
            big.add(v);
            last[i % 4] = v;
        }
        double m = Arrays.stream(last).average().orElseThrow();
        assertEquals(m, big.mean(), 1e-6);
    }

    @Test
    void robust_stats_are_the_median_and_scaled_mad() {
        TrailingStats s = new TrailingStats(4, true);
        for (double v : new double[] {7, 1, 2, 3, 100}) {
            s.add(v);
        }
        // window {1, 2, 3, 100}: median 2.5; |x - 2.5| = {1.5, 0.5, 0.5, 97.5}, their median 1.0
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(1.4826, s.std(), 1e-12);
        TrailingStats flat = new TrailingStats(5, true);
        for (double v : new double[] {0, 0, 0, 4, 6}) { // MAD 0: mean |x - 0| = 2, times 1.2533
            flat.add(v);
        }
        assertEquals(0, flat.mean(), 0);
        assertEquals(1.2533 * 2, flat.std(), 1e-12);
        // a value 50 above the median is z = 50 / 1.4826 robustly, but only 1.1 standard deviations
        SignalProcessor robust = new SignalProcessor(List.of(Signal.VALUE), false, true, 1, 4, 2, 1.0, null,
                RestPeriod.none(), 0);
        double[] got = robust.apply(new double[] {1, 2, 3, 100, 52.5}, new double[5]);
        double z = 50 / 1.4826;
        assertEquals(z / (z + 1), got[4], 1e-12);
    }

    @Test
    void value_signal_worked_by_hand() {
        // window 4, min history 2, scale 2; raw scores present from row 0 (the model exists)
        SignalProcessor p = new SignalProcessor(List.of(Signal.VALUE), 4, 2, 2.0, null, RestPeriod.none(), 0);
        double[] v = {1, 3, 1, 3, 12};
        double[] got = p.apply(v, new double[] {0, 0, 0, 0, 0});
        // row 0, 1: fewer than 2 earlier values -> z 0 -> score 0
        // row 2: earlier {1, 3}: mean 2, sd 1, |1 - 2| = 1 -> z 1 -> 1 / (1 + 2)
        // row 3: earlier {1, 3, 1}: mean 5/3, sd sqrt(8/9); |3 - 5/3| / sd = (4/3) / (2 sqrt2 / 3) = sqrt2
        // row 4: earlier {1, 3, 1, 3}: mean 2, sd 1 -> z 10 -> 10 / 12
        double z3 = Math.sqrt(2);
        assertArrayEquals(new double[] {0, 0, 1 / 3.0, z3 / (z3 + 2), 10 / 12.0}, got, 1e-12);
    }

    @Test
    void model_signal_is_one_sided_and_diff_catches_a_jump_at_any_level() {
        SignalProcessor model = new SignalProcessor(List.of(Signal.MODEL), 4, 2, 1.0, null, RestPeriod.none(), 0);
        double[] got = model.apply(new double[5], new double[] {10, 12, 10, 12, 5});
        // row 4: raw 5 is below the mean 11: a model finding the row more likely than usual is no evidence
        assertEquals(0, got[4], 0);
        assertTrue(got[2] == 0 && got[3] > 0, Arrays.toString(got));
        SignalProcessor diff = new SignalProcessor(List.of(Signal.DIFF), 8, 2, 1.0, null, RestPeriod.none(), 0);
        double[] ramp = {100, 101, 102, 103, 104, 105, 150};
        double[] d = diff.apply(ramp, new double[ramp.length]);
        // changes 1, 1, 1, 1, 1 then 45: a flat window of changes, the jump scores z = MAX_Z
        assertEquals(SignalProcessor.MAX_Z / (SignalProcessor.MAX_Z + 1), d[6], 1e-12);
        assertEquals(0, d[5], 0); // the same change as before: z 0
    }

    @Test
    void before_the_model_exists_every_row_scores_zero_then_the_largest_signal_counts() {
        SignalProcessor p = new SignalProcessor(List.of(Signal.MODEL, Signal.VALUE), 10, 2, 1.0,
                new NoveltyRule(0.0), RestPeriod.none(), 0);
        double[] v = {1, 2, 1, 2, 50, 1, 2};
        double[] raw = {NAN, NAN, NAN, NAN, NAN, 0, 0};
        double[] got = p.apply(v, raw);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, Arrays.copyOf(got, 5), 0); // 50 is novel, but no model yet
        assertEquals(5, p.unscoredRows());
        assertTrue(got[5] > 0 && got[5] < 1, Arrays.toString(got)); // the value window learnt rows 0..4 meanwhile
    }

    @Test
    void quiet_rows_keep_their_order_with_a_rest_scale() {
        double[] v = {0, 1, 0, 1, 0, 1, 0, 9, 8, 10, 0};
        double[] raw = new double[v.length];
        SignalProcessor capped = new SignalProcessor(List.of(Signal.VALUE), 6, 2, 1.0, null,
                RestPeriod.episode(3, 0.8, 0.05), 0);
        SignalProcessor scaled = new SignalProcessor(List.of(Signal.VALUE), 6, 2, 1.0, null,
                RestPeriod.episode(3, 0.8, 0.05), 0.5);
        double[] c = capped.apply(v, raw);
        double[] s = scaled.apply(v, raw);
        assertTrue(c[7] > 0.8 && s[7] == c[7], "the first alarm passes: " + c[7]);
        assertEquals(0.05, c[8], 0); // capped
        assertEquals(0.05, c[9], 0);
        double[] free = new SignalProcessor(List.of(Signal.VALUE), 6, 2, 1.0, null, RestPeriod.none(), 0).apply(v, raw);
        assertEquals(0.5 * free[8], s[8], 1e-15); // halved: quiet rows keep their order
        assertEquals(0.5 * free[9], s[9], 1e-15);
        assertEquals(0.5 * free[10], s[10], 1e-15); // three rows after the alarm: still quiet
    }

    @Test
    void each_member_is_a_model_signal_with_its_own_window() {
        // two members, window 4, min history 2, scale 1, weight 0.5, summed with the value's z
        SignalProcessor p = new SignalProcessor(List.of(Signal.MODEL, Signal.VALUE), 2, true, false, 0.5, 4, 2, 1.0,
                null, RestPeriod.none(), 0);
        double[] v = {1, 3, 1, 3, 12};
        List<double[]> raw = List.of(new double[] {10, 12, 10, 12, 14}, new double[] {NAN, 0, 2, 0, -5});
        double[] got = p.apply(v, raw);
        // row 4: value z 10 (as in value_signal_worked_by_hand); member 0: 14 against {10, 12, 10, 12}, z 3, times
        // 0.5; member 1: -5 below its window {0, 2, 0}: no evidence
        double z4 = 10 + 0.5 * 3;
        assertEquals(z4 / (z4 + 1), got[4], 1e-12);
        // row 2: value z 1; member 0: 10 against {10, 12}: below the mean; member 1 has one earlier value: z 0
        assertEquals(0.5, got[2], 1e-12);
        // row 3: member 1: 0 against {0, 2} is below the mean; member 0: 12 against {10, 12, 10} z sqrt2
        double z3 = Math.sqrt(2) + 0.5 * Math.sqrt(2);
        assertEquals(z3 / (z3 + 1), got[3], 1e-12);
        // one member's raw score is enough for the model to exist
        SignalProcessor first = new SignalProcessor(List.of(Signal.MODEL), 2, false, false, 1, 4, 2, 1.0, null,
                RestPeriod.none(), 0);
        first.apply(new double[3], List.of(new double[] {NAN, NAN, 1}, new double[] {NAN, 1, 1}));
        assertEquals(1, first.unscoredRows());
        assertThrows(IllegalArgumentException.class, () -> p.next(1, new double[] {1}));
    }

    @Test
    void prefixes_give_the_same_scores() {
        Random r = new Random(3);
        double[] v = new double[300];
        double[] raw = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i / 5.0) + 0.1 * r.nextGaussian() + (i == 200 ? 3 : 0);
            raw[i] = i < 20 ? NAN : r.nextGaussian();
        }
        List<Signal> all = List.of(Signal.MODEL, Signal.VALUE, Signal.DIFF);
        double[] full = new SignalProcessor(all, 50, 30, 4, new NoveltyRule(0.02), RestPeriod.episode(20, 0.5, 0.03),
                0.5).apply(v, raw);
        for (int k : new int[] {1, 25, 31, 199, 201}) {
            double[] part = new SignalProcessor(all, 50, 30, 4, new NoveltyRule(0.02),
                    RestPeriod.episode(20, 0.5, 0.03), 0.5).apply(Arrays.copyOf(v, k), Arrays.copyOf(raw, k));
            assertArrayEquals(Arrays.copyOf(full, k), part, 0, "prefix " + k);
        }
        double top = Arrays.stream(Arrays.copyOfRange(full, 190, 210)).max().orElseThrow();
        assertEquals(top, full[200], 0, "the spike scores highest around it");
    }

    @Test
    void signals_parse_and_bad_settings_fail() {
        assertEquals(List.of(Signal.MODEL, Signal.DIFF), Signal.parse("model, diff,model"));
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("model,level"));
        assertThrows(IllegalArgumentException.class, () -> DetectorSettings.defaults().with("signals", "zz"));
        assertThrows(IllegalArgumentException.class, () -> DetectorSettings.defaults().with("post", "other"));
        assertEquals(2, ModelDetector.postProcessor(DetectorSettings.defaults()
                .withAll("post=signals", "ensemble=2", "ensembleLevel=likelihood"), 100).members());
        assertEquals(1, ModelDetector.postProcessor(DetectorSettings.defaults()
                .withAll("post=signals", "ensemble=2"), 100).members()); // raw level: combined before the signals
        assertThrows(IllegalArgumentException.class, () -> new SignalProcessor(List.of(Signal.MODEL), 0, false, false,
                1, 4, 2, 1.0, null, RestPeriod.none(), 0));
        assertTrue(ModelDetector.postProcessor(DetectorSettings.defaults().with("post", "signals"), 100)
                instanceof SignalProcessor);
    }
}
