package org.dgmkit.detect.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralResidualTest {

    /** Two sines (periods 24 and 7.3), a slope, and a spike of +3 at row 100. */
    static double[] twoSinesWithSpike() {
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(2 * Math.PI * i / 24) + 0.3 * Math.sin(2 * Math.PI * i / 7.3) + 0.01 * i;
        }
        v[100] += 3;
        return v;
    }

    /**
     * Reference values from Microsoft's own functions ({@code msanomalydetector} at commit a3260ea0:
     * {@code SpectralResidual.extend_series}, {@code spectral_residual_transform} with mag_window 3, then
     * {@code generate_spectral_score}'s ratio {@code |mags - ave_mag| / clip(ave_mag, EPS, max)} with score_window 21,
     * before its division by 10 and clipping), run on the 64 values ending at each row.
     */
    @Test
    void ratios_match_microsofts_functions_on_the_window_ending_at_each_row() {
        double[] v = twoSinesWithSpike();
        int[] rows = {63, 64, 99, 100, 101, 150, 199};
        double[] expected = {0.4959938035749796, 0.01280536789964926, 0.7906593015839706, 6.45008646922222,
            3.836460634464965, 0.19263291960307968, 1.1080007792118083};
        double[] estimates = {-0.5282526639871743, -0.8483175243090681, 1.5183721862406672, 1.3298726570578023,
            8.321333968690341, 2.355302242631592, 3.5605483239500275};
        SpectralResidual d = SpectralResidual.defaults();
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            double s = d.next(null, v[i]);
            if (i < 63) {
                assertEquals(0.0, s, 0, "row " + i + ": the window is not full");
                assertTrue(Double.isNaN(d.lastRatio()));
            }
            if (k < rows.length && i == rows[k]) {
                assertEquals(expected[k], d.lastRatio(), 1e-9 * Math.max(1, expected[k]), "row " + i);
                assertEquals(expected[k] / (expected[k] + 3), s, 1e-9, "row " + i);
                double[] window = Arrays.copyOfRange(v, i - 63, i + 1);
                assertEquals(estimates[k], SpectralResidual.estimate(window, 63, 5), 1e-12, "estimate, row " + i);
                k++;
            }
        }
        assertEquals(rows.length, k);
    }

    @Test
    void the_estimate_continues_the_trend_of_the_points_before_the_current_one() {
        // a line: x_i = 2 i + 1; from points 0..5 (m = 5), the estimate is the line's value at the current row 6
        double[] line = {1, 3, 5, 7, 9, 11, 999};
        assertEquals(13.0, SpectralResidual.estimate(line, 6, 5), 1e-12);
        // by hand, m = 2, current row 3: k = 2, x[1] + (x[2] - x[1]) / 1 + (x[2] - x[0]) / 2 = 4 + 2 + 2.5 = 8.5
        assertEquals(8.5, SpectralResidual.estimate(new double[] {1, 4, 6, -50}, 3, 2), 1e-12);
    }

    @Test
    void the_average_filter_is_microsofts_trailing_one() {
        double[] out = new double[4];
        SpectralResidual.trailingAverage(new double[] {1, 2, 3, 4}, 3, out);
        assertEquals(Arrays.toString(new double[] {1, 1.5, 2, 3}), Arrays.toString(out));
        SpectralResidual.trailingAverage(new double[] {1, 2, 3, 4}, 10, out);
        assertEquals(Arrays.toString(new double[] {1, 1.5, 2, 2.5}), Arrays.toString(out));
    }

    @Test
    void the_score_is_the_ratio_mapped_monotonically_with_one_half_at_the_papers_alarm() {
        assertEquals(0.0, SpectralResidual.scoreOf(0, 3), 0);
        assertEquals(0.5, SpectralResidual.scoreOf(3, 3), 0);
        assertEquals(0.75, SpectralResidual.scoreOf(9, 3), 0);
        double previous = -1;
        for (double r = 0; r < 1e6; r = r * 1.5 + 0.01) {
            double s = SpectralResidual.scoreOf(r, 3);
            assertTrue(s > previous && s < 1, "r " + r);
            previous = s;
        }
    }

    @Test
    void in_a_periodic_signal_the_spike_scores_highest() {
        double[] v = new double[600];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(2 * Math.PI * i / 16) + 0.5 * Math.cos(2 * Math.PI * i / 40);
        }
        v[400] += 2;
        double[] s = Baselines.scores(SpectralResidual::defaults, v);
        assertEquals(400, Baselines.argMax(s, 0, v.length));
        assertTrue(s[400] > 0.5, "the paper's alarm, ratio > 3: score " + s[400]);
        // the signal repeats every 80 rows: once the spike has left the 64-row window (row 464 on), each score is
        // that of three periods earlier, before the spike, again; while it is in the window, they differ
        for (int i = 464; i < v.length; i++) {
            assertEquals(s[i - 240], s[i], 1e-9, "row " + i);
        }
        assertTrue(Math.abs(s[401] - s[161]) > 0.1, s[401] + " vs " + s[161]);
        // the same with noise: the spike is the highest of its neighbourhood
        Random r = new Random(9);
        double[] noisy = v.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.05 * r.nextGaussian();
        }
        double[] sn = Baselines.scores(SpectralResidual::defaults, noisy);
        assertEquals(400, Baselines.argMax(sn, 300, 500));
    }

    @Test
    void a_constant_series_scores_zero() {
        for (double level : new double[] {0, 45, -3.7, 1e9}) {
            double[] v = new double[200];
            Arrays.fill(v, level);
            for (double s : Baselines.scores(SpectralResidual::defaults, v)) {
                assertEquals(0.0, s, 0, "level " + level);
            }
        }
    }

    @Test
    void scaling_the_series_leaves_the_scores_unchanged() {
        double[] v = Baselines.randomSeries(4, 500, false);
        double[] s = Baselines.scores(SpectralResidual::defaults, v);
        for (double a : new double[] {1000, -0.001, -1}) {
            double[] scaled = Arrays.stream(v).map(x -> a * x).toArray();
            double[] t = Baselines.scores(SpectralResidual::defaults, scaled);
            for (int i = 0; i < v.length; i++) {
                assertEquals(s[i], t[i], 1e-9, "factor " + a + ", row " + i);
            }
        }
    }

    @Test
    void truncated_series_give_the_same_scores() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] v = Baselines.randomSeries(seed, 800, seed == 3);
            Baselines.assertCausal("defaults, seed " + seed, SpectralResidual::defaults, v, 1, 62, 63, 64, 65, 300,
                    799);
            var small = SpectralResidualSettings.defaults().withSaliencyAverage(5).withWindow(16).withLookBack(3)
                    .withExtension(2).withSpectrumAverage(4);
            Baselines.assertCausal("window 16, seed " + seed, () -> new SpectralResidual(small), v, 15, 16, 17, 500);
        }
    }

    @Test
    void nan_and_infinite_rows_score_zero_and_are_not_remembered() {
        double[] clean = Baselines.randomSeries(8, 400, false);
        double[] holes = new double[clean.length + 3];
        int[] at = {10, 100, 250};
        double[] bad = {Double.NaN, Double.NEGATIVE_INFINITY, Double.NaN};
        int j = 0;
        int k = 0;
        for (int i = 0; i < holes.length; i++) {
            holes[i] = k < at.length && i == at[k] + k ? bad[k++] : clean[j++];
        }
        double[] a = Baselines.scores(SpectralResidual::defaults, clean);
        double[] b = Baselines.scores(SpectralResidual::defaults, holes);
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
        SpectralResidualSettings d = SpectralResidualSettings.defaults();
        assertEquals(new SpectralResidualSettings(64, 5, 5, 3, 21, 3.0), d);
        assertEquals(128, d.withWindow(128).window());
        assertEquals(0, d.withExtension(0).extension());
        assertEquals(7, d.withLookBack(7).lookBack());
        assertEquals(5, d.withSpectrumAverage(5).spectrumAverage());
        assertEquals(40, d.withSaliencyAverage(40).saliencyAverage());
        assertEquals(10.0, d.withScoreScale(10).scoreScale(), 0);
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(6)); // < lookBack + 2
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(20)); // < saliencyAverage
        assertThrows(IllegalArgumentException.class, () -> d.withLookBack(0));
        assertThrows(IllegalArgumentException.class, () -> d.withExtension(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withSpectrumAverage(0));
        assertThrows(IllegalArgumentException.class, () -> d.withSaliencyAverage(0));
        assertThrows(IllegalArgumentException.class, () -> d.withScoreScale(0));
        assertThrows(IllegalArgumentException.class, () -> d.withScoreScale(Double.NaN));
    }

    @Test
    void fifteen_thousand_rows_take_well_under_two_seconds() {
        double[] v = Baselines.randomSeries(12, 15_000, false);
        Baselines.scores(SpectralResidual::defaults, v); // warm up
        long t0 = System.nanoTime();
        Baselines.scores(SpectralResidual::defaults, v);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.println("spectral residual, 15 000 rows: " + ms + " ms");
        assertTrue(ms < 2000, "15 000 rows took " + ms + " ms");
    }
}
