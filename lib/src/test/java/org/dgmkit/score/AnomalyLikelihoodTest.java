package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dgmkit.signal.Spectrogram;
import org.dgmkit.signal.Stft;
import org.dgmkit.signal.StftConfig;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

    @Test
    void empirical_cdf_compares_with_earlier_scores_only_ties_counting_half() {
        double[] scores = {5, 1, 3, 3, 0, 9, 2};
        double[] p = AnomalyLikelihood.empiricalCdf().withLearningSteps(2).fromAnomalyScores(scores);
        // t2: {5,1} below 1 -> 1/2; t3: {5,1,3} below 1, tie 1 -> 1.5/3; t4: 0/4; t5: 5/5; t6: {5,1,3,3,0,9} below 2 -> 2/6
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.0, 1.0, 2 / 6.0}, p, 1e-12);
    }

    @Test
    void gaussian_tail_uses_mean_and_std_of_earlier_smoothed_scores() {
        double[] p = AnomalyLikelihood.gaussianTail().withAveragingWindow(1).withLearningSteps(2)
                .fromAnomalyScores(new double[] {0, 2, 1, 4});
        assertEquals(0.5, p[0]);
        assertEquals(0.5, p[1]);
        assertEquals(0.5, p[2], 1e-7);
        assertEquals(AnomalyLikelihood.normalCdf(3 / Math.sqrt(2 / 3.0)), p[3], 1e-12);
        assertEquals(0.975002, AnomalyLikelihood.normalCdf(1.96), 1e-6);
        assertEquals(0.024998, AnomalyLikelihood.normalCdf(-1.96), 1e-6);
        // window 2: smoothed {0, 1, 1.5, 2.5}; t3 against {0, 1, 1.5}
        double[] q = AnomalyLikelihood.gaussianTail().withAveragingWindow(2).withLearningSteps(3)
                .fromAnomalyScores(new double[] {0, 2, 1, 4});
        double mean = 2.5 / 3;
        double var = (mean * mean + (1 - mean) * (1 - mean) + (1.5 - mean) * (1.5 - mean)) / 3;
        assertEquals(AnomalyLikelihood.normalCdf((2.5 - mean) / Math.sqrt(var)), q[3], 1e-12);
    }

    @Test
    void both_methods_use_no_future_data_and_stay_in_unit_interval() {
        double[] scores = new Random(9).doubles(500).toArray();
        double[] later = scores.clone();
        for (int i = 301; i < later.length; i++) {
            later[i] = 100 + i;
        }
        for (AnomalyLikelihood method : new AnomalyLikelihood[] {AnomalyLikelihood.empiricalCdf(),
                AnomalyLikelihood.gaussianTail()}) {
            double[] a = method.fromAnomalyScores(scores);
            double[] b = method.fromAnomalyScores(later);
            for (int t = 0; t <= 300; t++) {
                assertEquals(a[t], b[t], 0.0, method.method() + " step " + t);
            }
            for (double v : b) {
                assertTrue(v >= 0 && v <= 1, "in [0,1]: " + v);
            }
            assertTrue(b[305] > 0.99, method.method() + " flags a jump: " + b[305]);
        }
    }

    @Test
    void log_likelihoods_are_negated_first() {
        double[] ll = {-1, -1, -1, -50};
        assertEquals(1.0, AnomalyLikelihood.empiricalCdf().withLearningSteps(1).fromLogLikelihood(ll)[3], 1e-12);
    }

    @Test
    void frame_values_map_to_rows_with_no_look_ahead() {
        Spectrogram s = Stft.spectrogram(new double[11], StftConfig.defaults().withWindow(4).withHop(2));
        assertArrayEquals(new int[] {3, 5, 7, 9}, s.frameEndRows());
        double[] rows = SeriesScores.toRows(s, new double[] {10, 11, 12, 13}, -1);
        assertArrayEquals(new double[] {-1, -1, -1, 10, 10, 11, 11, 12, 12, 13, 13}, rows, 0.0);
        double[] likelihood = SeriesScores.anomalyLikelihoodPerRow(s, new double[] {-1, -1, -2, -0.5},
                AnomalyLikelihood.empiricalCdf().withLearningSteps(1));
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 0.0, 0.0}, likelihood, 1e-12);
        String msg = assertThrows(IllegalArgumentException.class, () -> SeriesScores.toRows(s, new double[3], 0))
                .getMessage();
        assertEquals("got 3 frame values for a spectrogram of 4 frames", msg);
        assertEquals("anomaly score[1] is NaN", assertThrows(IllegalArgumentException.class,
                () -> AnomalyLikelihood.empiricalCdf().fromAnomalyScores(new double[] {0, Double.NaN})).getMessage());
    }
}
