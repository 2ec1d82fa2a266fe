package org.dgmkit.detect.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowedGaussianTest {

    static WindowedGaussian tiny() {
        return new WindowedGaussian(WindowedGaussianSettings.defaults().withStep(2).withWindow(4));
    }

    /**
     * Window 4, step 2, worked by hand (tails from Python's {@code 0.5 * math.erfc(z / math.sqrt(2))}):
     * <pre>
     * row value  window before the row  mean     std                    z                     score
     *  0   1     (empty)                                                                      0
     *  1   2     1                      1        0 -> 1e-6              1e6                   1
     *  2   3     1 2                    1.5      0.5                    3                     0.9986501019683699
     *  3   4     1 2 3                  2        sqrt(2/3)              sqrt 6 = 2.449...     0.9928470607822851
     *  4   2.5   1 2 3 4 (full)         2.5      sqrt 1.25              0                     0.5
     *  5   0     1 2 3 4 (2.5 waits)    2.5      sqrt 1.25              sqrt 5 (below)        0.9873263406612659
     *            step of 2 done: drop 1 2, take 2.5 0
     *  6   2.375 3 4 2.5 0              2.375    sqrt 2.171875          0                     0.5
     *  7   4     3 4 2.5 0 (2.375 waits) 2.375   1.4737282653189494     1.1026...             0.8649094521448832
     *            step done: drop 3 4, take 2.375 4
     *  8   0     2.5 0 2.375 4          2.21875  1.4317138986194133     1.549716044622824     0.9393951572970278
     * </pre>
     */
    @Test
    void scores_worked_out_by_hand() {
        double[] v = {1, 2, 3, 4, 2.5, 0, 2.375, 4, 0};
        double[] expected = {0, 1, 0.9986501019683699, 0.9928470607822851, 0.5, 0.9873263406612659, 0.5,
            0.8649094521448832, 0.9393951572970278};
        double[] s = Baselines.scores(WindowedGaussianTest::tiny, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i], s[i], 1e-15, "row " + i);
        }
        WindowedGaussian d = tiny();
        for (double x : Arrays.copyOf(v, 8)) {
            d.next(null, x);
        }
        assertEquals(2.21875, d.mean(), 0);
        assertEquals(1.4317138986194133, d.std(), 1e-15);
    }

    @Test
    void the_tail_is_nabs_two_sided_q_function() {
        assertEquals(0.5, WindowedGaussian.upperTail(3, 3, 2), 0);
        assertEquals(0.15865525393145707, WindowedGaussian.upperTail(5, 3, 2), 1e-16); // Q(1)
        assertEquals(0.15865525393145707, WindowedGaussian.upperTail(1, 3, 2), 1e-16); // reflected
        assertEquals(0.0, WindowedGaussian.upperTail(1e9, 0, 1), 0);
        // tails below 2^-54 round 1 - tail to exactly 1.0, as in NAB (threshold 1.0 on its scoreboard)
        assertEquals(1.0, 1.0 - WindowedGaussian.upperTail(8.3, 0, 1), 0);
        assertTrue(1.0 - WindowedGaussian.upperTail(8.0, 0, 1) < 1.0);
    }

    @Test
    void a_constant_series_scores_one_half_until_a_new_value_scores_one() {
        double[] v = new double[300];
        Arrays.fill(v, 0.1); // not a binary fraction: sums of it are inexact, the window's values still equal
        v[250] = 0.1001;
        double[] s = Baselines.scores(() -> new WindowedGaussian(new WindowedGaussianSettings(100, 10)), v);
        assertEquals(0.0, s[0], 0);
        for (int i = 1; i < 250; i++) {
            assertEquals(0.5, s[i], 0, "row " + i);
        }
        assertEquals(1.0, s[250], 0); // 1e-4 away, std 0 -> 1e-6: z = 100
        assertEquals(0.5, s[251], 1e-12); // 0.1 again: the window (its step of 10 not full yet) is unchanged
    }

    @Test
    void a_spike_scores_highest_in_its_neighbourhood() {
        Random r = new Random(3);
        double[] v = new double[3000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(2 * Math.PI * i / 100.0) + 0.1 * r.nextGaussian();
        }
        v[2000] += 6;
        double[] s = Baselines.scores(WindowedGaussian::nab, v);
        assertEquals(2000, Baselines.argMax(s, 1900, 2100));
        assertEquals(1.0, s[2000], 1e-9); // more than 6 std above the window's mean of about 0
    }

    @Test
    void truncated_series_give_the_same_scores() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] v = Baselines.randomSeries(seed, 2000, seed == 3);
            Baselines.assertCausal("window 300 step 7, seed " + seed,
                    () -> new WindowedGaussian(new WindowedGaussianSettings(300, 7)), v, 1, 2, 299, 300, 301, 306,
                    307, 308, 999, 1500);
            Baselines.assertCausal("NAB settings, seed " + seed, WindowedGaussian::nab, v, 1, 500, 1999);
        }
    }

    @Test
    void nan_and_infinite_rows_score_zero_and_are_not_remembered() {
        double[] clean = Baselines.randomSeries(7, 1000, false);
        double[] holes = new double[clean.length + 3];
        int[] at = {0, 400, 700};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NaN};
        int j = 0;
        int k = 0;
        for (int i = 0; i < holes.length; i++) {
            holes[i] = k < at.length && i == at[k] + k ? bad[k++] : clean[j++];
        }
        var settings = new WindowedGaussianSettings(200, 10);
        double[] a = Baselines.scores(() -> new WindowedGaussian(settings), clean);
        double[] b = Baselines.scores(() -> new WindowedGaussian(settings), holes);
        j = 0;
        for (int i = 0; i < holes.length; i++) {
            if (Double.isFinite(holes[i])) {
                assertEquals(Double.doubleToLongBits(a[j]), Double.doubleToLongBits(b[i]), "row " + i);
                j++;
            } else {
                assertEquals(0.0, b[i], 0, "row " + i);
            }
        }
    }

    @Test
    void settings_are_validated_and_changed_one_at_a_time() {
        WindowedGaussianSettings d = WindowedGaussianSettings.defaults();
        assertEquals(6400, d.window());
        assertEquals(100, d.step());
        assertEquals(new WindowedGaussianSettings(500, 100), d.withWindow(500));
        assertEquals(new WindowedGaussianSettings(6400, 1), d.withStep(1));
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(0));
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(50)); // step 100 > window
        assertThrows(IllegalArgumentException.class, () -> d.withStep(0));
    }

    @Test
    void fifteen_thousand_rows_take_well_under_a_second() {
        double[] v = Baselines.randomSeries(11, 15_000, false);
        Baselines.scores(WindowedGaussian::nab, v); // warm up
        long t0 = System.nanoTime();
        Baselines.scores(WindowedGaussian::nab, v);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms < 250, "15 000 rows took " + ms + " ms");
    }
}
