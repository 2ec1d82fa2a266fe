package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LikelihoodScorerTest {

    private static final double[] XS = {-3, -1, 0, 0.5, 2, 4};

    private static INDArray column(double[] values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(DataType.FLOAT);
    }

    private static LikelihoodScorer quiet() {
        return LikelihoodScorer.defaults().withProgress(false);
    }

    @Test
    void exact_posterior_makes_elbo_and_iw_equal_log_marginal_for_every_k() {
        LinearGaussianModel model = LinearGaussianModel.exactPosterior(0.5);
        INDArray x = column(XS);
        for (int k : new int[] {1, 3, 5000}) {
            LikelihoodScorer scorer = quiet().withTileRows(1000);
            double[] iw = scorer.importanceWeighted(model, x, k);
            double[] elbo = scorer.elbo(model, x, k);
            for (int i = 0; i < XS.length; i++) {
                double expected = model.logMarginal(XS[i]);
                assertEquals(expected, iw[i], 1e-9, "IW K=" + k + " row " + i);
                assertEquals(expected, elbo[i], 1e-9, "ELBO K=" + k + " row " + i);
            }
        }
        assertTrue(model.maxRowsPerCall <= 1000, "tile bounded: " + model.maxRowsPerCall);
    }

    @Test
    void tiles_are_bounded_and_sample_is_called_once_per_chunk() {
        LinearGaussianModel model = LinearGaussianModel.exactPosterior(1.0);
        double[] xs = new double[25];
        Arrays.setAll(xs, i -> i * 0.2 - 2);
        double[] iw = quiet().withTileRows(40).importanceWeighted(model, column(xs), 10);
        assertEquals(40, model.maxRowsPerCall);
        assertEquals(7, model.calls, "25 rows, 4 rows of 10 samples per chunk");
        for (int i = 0; i < xs.length; i++) {
            assertEquals(model.logMarginal((float) xs[i]), iw[i], 1e-9);
        }
    }

    @Test
    void monte_carlo_estimates_match_closed_forms_when_q_is_not_the_posterior() {
        LinearGaussianModel model = new LinearGaussianModel(0.8, 0.3, 0.5);
        LikelihoodScores s = quiet().all(model, column(XS), 20000);
        assertEquals(20000, s.samples());
        for (int i = 0; i < XS.length; i++) {
            double x = XS[i];
            // MC standard errors here are below 0.01 for |x| <= 4
            assertEquals(model.expectedReconstruction(x), s.reconstructionLogLikelihood()[i], 0.05, "recon " + x);
            assertEquals(model.logReconstructionProbability(x), s.reconstructionProbability()[i], 0.05, "prob " + x);
            assertEquals(model.elbo(x), s.elbo()[i], 0.05, "elbo " + x);
            assertTrue(s.reconstructionProbability()[i] >= s.reconstructionLogLikelihood()[i], "Jensen");
            assertTrue(s.importanceWeighted()[i] <= model.logMarginal(x) + 0.01, "IW is a lower bound");
        }
    }

    @Test
    void elbo_below_iw_and_iw_grows_with_k_on_average() {
        // q's mean is far from the posterior's (0.77 x), so the bound gap is large against Monte Carlo noise
        LinearGaussianModel model = new LinearGaussianModel(0.3, 0.3, 0.5);
        double[] xs = new double[1000];
        Arrays.setAll(xs, i -> (float) (-3 + 6.0 * i / 999));
        INDArray x = column(xs);
        LikelihoodScorer scorer = quiet();
        double elbo = mean(scorer.elbo(model, x, 50));
        double iw1 = mean(scorer.importanceWeighted(model, x, 1));
        double iw10 = mean(scorer.importanceWeighted(model, x, 10));
        double iw100 = mean(scorer.importanceWeighted(model, x, 100));
        double iw1000 = mean(scorer.importanceWeighted(model, x, 1000));
        double truth = 0;
        for (double v : xs) {
            truth += model.logMarginal(v) / xs.length;
        }
        assertEquals(elbo, iw1, 0.1, "IW with K=1 is a one-sample ELBO");
        assertTrue(elbo < iw10, elbo + " < " + iw10);
        assertTrue(iw10 < iw100, iw10 + " < " + iw100);
        assertTrue(iw100 < iw1000, iw100 + " < " + iw1000);
        assertTrue(iw1000 <= truth + 1e-3, iw1000 + " <= " + truth);
        assertTrue(truth - iw1000 < truth - elbo, "IW(1000) closer to log p(x) than the ELBO");
    }

    @Test
    void same_seed_same_numbers() {
        LinearGaussianModel model = new LinearGaussianModel(0.8, 0.3, 0.5);
        INDArray x = column(XS);
        double[] a = quiet().reconstructionLogLikelihood(model, x, 7);
        double[] b = quiet().reconstructionLogLikelihood(model, x, 7);
        double[] c = quiet().withSeed(7).reconstructionLogLikelihood(model, x, 7);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void anomaly_score_is_the_negated_log_likelihood() {
        assertArrayEquals(new double[] {3.5, -2.0, -0.0}, LikelihoodScorer.anomalyScore(new double[] {-3.5, 2.0, 0.0}));
    }

    @Test
    void bad_inputs_are_rejected() {
        LinearGaussianModel model = LinearGaussianModel.exactPosterior(1);
        String shape = assertThrows(IllegalArgumentException.class,
                () -> quiet().elbo(model, Nd4j.zeros(DataType.FLOAT, 3, 2), 5)).getMessage();
        assertEquals("inputs must have shape [n, 1], got [3, 2]", shape);
        String samples = assertThrows(IllegalArgumentException.class,
                () -> quiet().elbo(model, column(XS), 0)).getMessage();
        assertEquals("number of samples must be positive, got 0", samples);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
