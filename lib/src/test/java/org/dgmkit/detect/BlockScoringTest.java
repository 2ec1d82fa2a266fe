package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows scored in blocks (the model called once per chunk) give, bit for bit, the scores of row-by-row scoring (the
 * model called for every row's partly filled chunk): blocks of random sizes that start and end inside chunks, at
 * the fit row and at refits.
 */
class BlockScoringTest {

    @ParameterizedTest
    @ValueSource(strings = {"single", "ensemble", "likelihood-level", "predict", "signals"})
    void blocks_of_any_size_give_the_row_by_row_scores(String kind) {
        DetectorSettings s = CausalityTest.tiny("vae", "raw").with("hidden", "8,4");
        if (!kind.equals("single") && !kind.equals("predict")) {
            s = s.withAll("ensemble=2", "ensembleCombine=mixture");
        }
        if (kind.equals("likelihood-level")) {
            s = s.with("ensembleLevel", "likelihood");
        }
        if (kind.equals("predict")) {
            s = s.with("score", "predict");
        }
        if (kind.equals("signals")) {
            s = s.withAll("score=predict", "post=signals", "restScale=0.5", "restMode=episode");
        }
        double[] v = CausalityTest.series();
        LocalDateTime[] t = CausalityTest.times();
        ModelDetector rowByRow = new ModelDetector(s, CausalityTest.PROBATION);
        double[] want = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            want[i] = rowByRow.next(t[i], v[i]);
        }
        Random r = new Random(11);
        ModelDetector blocks = new ModelDetector(s, CausalityTest.PROBATION);
        double[] got = new double[v.length];
        for (int from = 0; from < v.length; ) {
            int to = Math.min(v.length, from + 1 + r.nextInt(40));
            double[] part = blocks.nextBlock(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(v, from, to));
            System.arraycopy(part, 0, got, from, part.length);
            from = to;
        }
        double[] all = new ModelDetector(s, CausalityTest.PROBATION).scoreAll(t, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                    kind + " row " + i + ": block " + got[i] + " vs row by row " + want[i]);
            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(all[i]), kind + " row " + i);
        }
        for (int i = 0; i < ModelScorer.fitRow(s, CausalityTest.PROBATION); i++) {
            assertEquals(0.0, want[i], 0, "row " + i + " before the model exists");
        }
    }

    @org.junit.jupiter.api.Test
    void the_predictive_score_finds_a_spike_the_window_hides_from_the_encoder() {
        DetectorSettings s = CausalityTest.tiny("vae", "raw").withAll("hidden=16,8", "latent=4", "epochs=30",
                "score=predict", "refitEvery=0", "recent=2");
        double[] v = CausalityTest.series().clone();
        v[300] += 4; // a one-row spike (the series' noise is 0.1, its cycle amplitude 1)
        ModelScorer scorer = new ModelScorer(s, CausalityTest.PROBATION);
        double[] raw = scorer.scoreAll(CausalityTest.times(), v);
        double top = Double.NEGATIVE_INFINITY;
        int at = -1;
        for (int i = 250; i < 390; i++) { // before the level shift at 400
            if (raw[i] > top) {
                top = raw[i];
                at = i;
            }
        }
        // the spike is one of the two newest values, hidden from the encoder, at rows 300 and 301
        assertTrue(at == 300 || at == 301, "the spike's rows score highest between rows 250 and 390, not row " + at);
    }
}
