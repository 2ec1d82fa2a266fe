package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    @ValueSource(strings = {"single", "ensemble", "likelihood-level"})
    void blocks_of_any_size_give_the_row_by_row_scores(String kind) {
        DetectorSettings s = CausalityTest.tiny("vae", "raw").with("hidden", "8,4");
        if (!kind.equals("single")) {
            s = s.withAll("ensemble=2", "ensembleCombine=mixture");
        }
        if (kind.equals("likelihood-level")) {
            s = s.with("ensembleLevel", "likelihood");
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
}
