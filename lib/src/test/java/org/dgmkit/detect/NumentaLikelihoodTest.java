package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmkit.score.LogMath;
import org.junit.jupiter.api.Test;

class NumentaLikelihoodTest {

    /** learningPeriod 2, estimationSamples 2, history 5 rows, re-estimate every 3 rows. */
    private static NumentaLikelihood small() {
        return new NumentaLikelihood(2, 2, 5, 3);
    }

    private static double logScoreOfLikelihood(double likelihood) {
        return Math.log(1.0000000001 - likelihood) / -23.02585084720009; // Numenta's computeLogLikelihood
    }

    private static double tail(double z) {
        return 0.5 * Math.exp(LogMath.logErfc(z / 1.4142));
    }

    @Test
    void probation_outputs_the_log_scale_of_one_half() {
        NumentaLikelihood l = small();
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0301029996658834, l.update(i, 0.1 * i), 1e-15);
            assertEquals(Math.log(0.5), l.lastLogTailProbability(), 0);
        }
        assertEquals(4, l.probationRows());
        assertEquals(604 / 2, 302);
        assertEquals(604, NumentaLikelihood.forProbation(604).probationRows());
        assertEquals(750, NumentaLikelihood.forProbation(750).probationRows());
    }

    @Test
    void first_estimate_skips_the_learning_rows_and_floors_the_variance() {
        double[] raw = {0.1, 0.0, 0.2, 0.1, 0.0};
        NumentaLikelihood l = small();
        double s = 0;
        for (int i = 0; i < raw.length; i++) {
            s = l.update(i + 1, raw[i]);
        }
        // Row 4: history rows 0..3, 10-row moving averages 0.1, 0.05, 0.1, 0.1; skip the 2 learning rows:
        // mean 0.1, variance 0 -> floored at 0.0003. Row 4's average (0.1 + 0 + 0.2 + 0.1 + 0) / 5 = 0.08 is below
        // the mean: z = -0.02 / sqrt(0.0003) = -1.1547, upper tail P(X > 0.08) = 1 - 0.5 erfc(1.1547 / 1.4142) = 0.8759,
        // likelihood 1 - 0.8759 = 0.1241, log scale log(1.0000000001 - 0.1241) / log(1e-10) = 0.00575.
        double z = -0.02 / Math.sqrt(0.0003);
        assertEquals(0.8759, 1 - tail(-z), 1e-4);
        assertEquals(Math.log(1 - tail(-z)), l.lastLogTailProbability(), 1e-12);
        assertEquals(logScoreOfLikelihood(tail(-z)), s, 1e-12);
        // nupic's own code (anomaly_likelihood.py of Sep 2016 run on these rows) gives 0.12410427134451785 -> 0.005754759166594267
        assertEquals(0.005754759166594267, s, 1e-12);
    }

    @Test
    void a_shorter_averaging_window_compares_a_shorter_average() {
        double[] raw = {0.1, 0.0, 0.2, 0.1, 0.0};
        NumentaLikelihood l = small().withAveragingWindow(2);
        for (int i = 0; i < raw.length; i++) {
            l.update(i + 1, raw[i]);
        }
        // Row 4: 2-row moving averages of history rows 0..3: 0.1, 0.05, 0.1, 0.15; skip 2: mean 0.125, variance
        // ((0.025)^2 + (0.025)^2) / 2 = 0.000625, stdev 0.025. Row 4's average (0.1 + 0) / 2 = 0.05: z = -3,
        // P(X > 0.05) = 1 - tail(3) = 0.99865.
        assertEquals(Math.log(1 - tail(3)), l.lastLogTailProbability(), 1e-12);
        assertEquals(0.99865, 1 - tail(3), 1e-5);
        // a window of one row: the raw score itself (history 0.2, 0.1: mean 0.15, stdev 0.05; row 4: 0.0, z = -3)
        NumentaLikelihood one = small().withAveragingWindow(1);
        for (int i = 0; i < raw.length; i++) {
            one.update(i + 1, raw[i]);
        }
        assertEquals(Math.log(1 - tail(3)), one.lastLogTailProbability(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> small().withAveragingWindow(0));
    }

    @Test
    void sliding_history_reestimation_and_the_red_zone_filter_match_nupic() {
        double[] raw = {0.1, 0.0, 0.2, 0.1, 0.0, 0.1, 0.9, 1.0, 1.0, 0.0, 0.1, 0.0};
        // nupic anomaly_likelihood.py (Sep 2016), AnomalyLikelihood(learningPeriod=2, estimationSamples=2,
        // historicWindowSize=5, reestimationPeriod=3), values 1..12, then computeLogLikelihood
        double[] expected = {0.0301029996658834, 0.0301029996658834, 0.0301029996658834, 0.0301029996658834,
            0.005754759166594267, 0.00798555805857781, 0.9999669843395436, 0.29999999673506555, 0.29999999673506555,
            0.07064261169105522, 0.05692081790599596, 0.04541464114190189};
        NumentaLikelihood l = small();
        for (int i = 0; i < raw.length; i++) {
            // row 6's tail is 7.6e-14: nupic's 1 - (1 - tail) in doubles is off by 1e-3 of it, 9e-9 on the log scale
            assertEquals(expected[i], l.update(i + 1, raw[i]), i == 6 ? 1e-8 : 1e-12, "row " + i);
        }
        // By hand, row 6 (a re-estimate: 6 % 3 == 0): history rows 1..5 (5-row window), skip 2 - (6 - 5) = 1 row,
        // averages of rows 2..5 from scratch 0.1, 0.1, 0.075, 0.08 -> mean 0.08875, variance floored.
        // Row 6's average (0 + 0.2 + 0.1 + 0 + 0.1 + 0.9) / 6 = 0.216667, z = 7.386, tail 7.6e-14: red, and row 5's
        // tail was not, so it is kept. Row 7 stays red -> capped at the yellow 1e-3: log scale 0.3.
        NumentaLikelihood again = small();
        for (int i = 0; i < 7; i++) {
            again.update(i + 1, raw[i]);
        }
        double z = (0.9 / 6 + 0.4 / 6 - 0.08875) / Math.sqrt(0.0003);
        assertEquals(Math.log(tail(z)), again.lastLogTailProbability(), 1e-9);
        again.update(8, raw[7]);
        assertEquals(Math.log(1.0 - 0.999), again.lastLogTailProbability(), 1e-15);
    }

    @Test
    void flat_inputs_get_the_broad_null_distribution() {
        NumentaLikelihood flat = small();
        NumentaLikelihood varying = small();
        double f = 0;
        double v = 0;
        for (int i = 0; i < 5; i++) {
            double raw = i < 4 ? 0.0 : 1.0; // the raw score jumps at row 4
            f = flat.update(5.0, raw);
            v = varying.update(i, raw);
        }
        // varying inputs: mean 0 -> floored 0.03, stdev sqrt(0.0003); row 4's average 0.2 is 9.8 sd above: red
        assertTrue(v > 0.99, "varying input scored " + v);
        // flat inputs (variance 0 < 1.5e-5): mean 0.5, stdev 1000, P(X > 0.2) = 0.50012 -> log scale 0.030092
        assertEquals(logScoreOfLikelihood(1 - (1 - tail(0.3 / 1000))), f, 1e-12);
    }

    @Test
    void log_scale_keeps_order_where_numentas_double_arithmetic_ties() {
        // Numenta: 1 - tail rounds to 1.0 for tails below 1.1e-16, so every such row scores the same
        assertEquals(logScoreOfLikelihood(1 - 1e-17), logScoreOfLikelihood(1 - 1e-20), 0);
        double a = NumentaLikelihood.logScale(Math.log(1e-17));
        double b = NumentaLikelihood.logScale(Math.log(1e-20));
        assertTrue(a < b && b < 1.0, a + " " + b);
        assertEquals(0.0301029996658834, NumentaLikelihood.logScale(Math.log(0.5)), 1e-15);
        assertEquals(1.0, NumentaLikelihood.logScale(Double.NEGATIVE_INFINITY), 1e-12);
        assertEquals(0.3, NumentaLikelihood.logScale(Math.log(1e-3)), 1e-8);
        // where Numenta's arithmetic is exact enough, the same numbers
        for (double t : new double[] {0.9, 0.5, 0.1, 1e-3, 1e-5, 1e-8, 1e-12}) {
            assertEquals(logScoreOfLikelihood(1 - t), NumentaLikelihood.logScale(Math.log(t)), 1e-7, "tail " + t);
        }
    }

    @Test
    void bad_settings_and_scores_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new NumentaLikelihood(2, 10, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new NumentaLikelihood(2, 2, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> small().withFloors(0, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> small().update(1, Double.NaN));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }
}
