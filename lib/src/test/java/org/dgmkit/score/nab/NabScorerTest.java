package org.dgmkit.score.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabFormatException;
import org.dgmkit.data.nab.NabProfile;
import org.dgmkit.data.nab.TinyNab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made cases on a 20-row series (probation: rows 0..2, window: rows 10..14, width 5) with values worked out
 * from NAB's formulas: 2/(1+e^{5y})−1 = tanh(−5y/2); inside the window y = −(14 − i + 1)/5 and the score is
 * divided by its value at y = −1, tanh(2.5); after the window y = |14 − i|/(5 − 1); before any window −fpWeight.
 */
class NabScorerTest {
    static final double TANH_25 = Math.tanh(2.5);
    static final NabProfile STD = NabProfile.STANDARD;

    @TempDir
    Path dir;
    NabCorpus corpus;

    @BeforeEach
    void corpus() throws IOException {
        corpus = NabCorpus.open(TinyNab.create(dir));
    }

    /** Scores of the windowed series: 1 at the given rows, 0 elsewhere; scored at threshold 0.5. */
    NabResult detect(NabProfile profile, int... rows) {
        double[] s = new double[TinyNab.ROWS];
        for (int r : rows) {
            s[r] = 1.0;
        }
        return NabScorer.scoreAt(Map.of(TinyNab.WITH, s), corpus, profile, 0.5);
    }

    @Test
    void detectionAtTheLeftEdgeScoresTpWeight() {
        NabResult r = detect(STD, 10);
        assertEquals(1.0, r.raw(), 1e-12);
        assertEquals(-1.0, r.nullScore(), 1e-12);
        assertEquals(1.0, r.perfectScore(), 1e-12);
        assertEquals(100.0, r.normalized(), 1e-9);
        NabFileScore f = r.files().get(0);
        assertEquals(List.of(1, 12, 0, 4), List.of(f.tp(), f.tn(), f.fp(), f.fn())); // rows 3..19: 5 in, 12 out
    }

    @Test
    void detectionInsideTheWindow() {
        assertEquals(Math.tanh(1.5) / TANH_25, detect(STD, 12).raw(), 1e-12); // y = -3/5
    }

    @Test
    void lateDetectionAtTheRightEdge() {
        assertEquals(Math.tanh(0.5) / TANH_25, detect(STD, 14).raw(), 1e-12); // y = -1/5
    }

    @Test
    void onlyTheFirstDetectionOfAWindowCounts() {
        assertEquals(Math.tanh(2.0) / TANH_25, detect(STD, 11, 13, 14).raw(), 1e-12); // y = -4/5
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsFpWeight() {
        assertEquals(-1.0 - 0.11, detect(STD, 5).raw(), 1e-12); // and the window is missed
        assertEquals(-1.0 - 0.22, detect(NabProfile.REWARD_LOW_FP_RATE, 5).raw(), 1e-12);
    }

    @Test
    void earlyDetectionIsAFalsePositive() {
        assertEquals(1.0 - 0.11, detect(STD, 9, 10).raw(), 1e-12);
    }

    @Test
    void falsePositiveAfterAWindowIsWeightedByItsDistance() {
        // row 16: y = 2/4, scaled = tanh(-1.25); row 19: y = 5/4
        assertEquals(-1.0 + 0.11 * Math.tanh(-1.25), detect(STD, 16).raw(), 1e-12);
        assertEquals(1.0 + 0.11 * Math.tanh(-1.25) + 0.11 * Math.tanh(-3.125), detect(STD, 10, 16, 19).raw(),
                1e-12);
    }

    @Test
    void missedWindowCostsFnWeight() {
        assertEquals(-1.0, detect(STD).raw(), 1e-12);
        NabResult fn = detect(NabProfile.REWARD_LOW_FN_RATE);
        assertEquals(-2.0, fn.raw(), 1e-12);
        assertEquals(-2.0, fn.nullScore(), 1e-12);
        assertEquals(0.0, fn.normalized(), 1e-12);
    }

    @Test
    void probationaryRowsAreNotScored() {
        assertEquals(-1.0, detect(STD, 0, 1, 2).raw(), 1e-12);
        assertEquals(-1.0 - 0.11, detect(STD, 3).raw(), 1e-12); // row 3 is the first scored row
    }

    @Test
    void aFileWithoutWindowsOnlyLosesFalsePositives() {
        double[] s = new double[TinyNab.ROWS];
        s[7] = 0.9;
        s[8] = 0.9;
        NabResult r = NabScorer.scoreAt(Map.of(TinyNab.WITHOUT, s), corpus, STD, 0.9);
        assertEquals(-0.22, r.raw(), 1e-12);
        assertEquals(0.0, r.nullScore(), 1e-12);
        assertEquals(0.0, r.perfectScore(), 1e-12);
    }

    @Test
    void optimiserPicksTheBestThresholdAndTheHighestAmongTies() {
        double[] s = new double[TinyNab.ROWS];
        Arrays.fill(s, 0.1);
        s[12] = 0.9;  // inside: tanh(1.5)/tanh(2.5)
        s[13] = 0.85; // later in the same window: same score as at 0.9 (a tie)
        s[5] = 0.8;   // a false positive before the window: -0.11
        Map<String, double[]> scores = Map.of(TinyNab.WITH, s);
        List<NabThresholdScore> curve = NabScorer.curve(scores, corpus, STD);
        assertEquals(List.of(1.1, 0.9, 0.85, 0.8, 0.1), curve.stream().map(NabThresholdScore::threshold).toList());
        double inside = Math.tanh(1.5) / TANH_25;
        assertEquals(-1.0, curve.get(0).score(), 1e-12);
        assertEquals(inside, curve.get(1).score(), 1e-12);
        assertEquals(inside, curve.get(2).score(), 1e-12);
        assertEquals(inside - 0.11, curve.get(3).score(), 1e-12);
        NabResult best = NabScorer.score(scores, corpus, STD);
        assertEquals(0.9, best.threshold());
        assertTrue(best.optimised());
        assertEquals(inside, best.raw(), 1e-12);
        assertEquals(100 * (inside + 1) / 2, best.normalized(), 1e-9);
        // boundary: a row scoring exactly the threshold is a detection
        assertEquals(inside, NabScorer.scoreAt(scores, corpus, STD, 0.9).raw(), 1e-12);
        assertEquals(-1.0, NabScorer.scoreAt(scores, corpus, STD, 0.9000001).raw(), 1e-12);
        // thresholds outside the scores: nothing, or everything, detected
        assertEquals(-1.0, NabScorer.scoreAt(scores, corpus, STD, 2.0).raw(), 1e-12);
        assertEquals(curve.get(4).score(), NabScorer.scoreAt(scores, corpus, STD, 0.0).raw(), 1e-12);
    }

    @Test
    void normalisesOverTheFilesScored() {
        double[] with = new double[TinyNab.ROWS];
        with[10] = 1;
        double[] without = new double[TinyNab.ROWS];
        without[6] = 1;
        Map<String, double[]> both = Map.of(TinyNab.WITH, with, TinyNab.WITHOUT, without);
        NabResult all = NabScorer.scoreAt(both, corpus, STD, 0.5);
        assertEquals(1.0 - 0.11, all.raw(), 1e-12);
        assertEquals(2, all.files().size());
        NabResult subset = NabScorer.scoreAt(NabScorer.restrict(both, corpus.artificialNames()), corpus, STD, 0.5);
        assertEquals(1, subset.files().size());
        assertEquals(100.0, subset.normalized(), 1e-9);
        assertEquals(100 * (0.89 + 1) / 2, all.normalized(), 1e-9);
    }

    @Test
    void badScoresAreErrorsNamingTheFile() {
        double[] s = new double[TinyNab.ROWS];
        s[4] = 1.5;
        String m = assertThrows(NabFormatException.class,
                () -> NabScorer.score(Map.of(TinyNab.WITH, s), corpus, STD)).getMessage();
        assertTrue(m.contains(TinyNab.WITH + ": row 4: anomaly score 1.5; expected a number in [0, 1]"), m);
        s[4] = Double.NaN;
        assertThrows(NabFormatException.class, () -> NabScorer.score(Map.of(TinyNab.WITH, s), corpus, STD));
        m = assertThrows(NabFormatException.class,
                () -> NabScorer.score(Map.of(TinyNab.WITH, new double[3]), corpus, STD)).getMessage();
        assertTrue(m.contains("3 anomaly scores; expected one per row (20)"), m);
        m = assertThrows(NabFormatException.class,
                () -> NabScorer.score(Map.of("x/y.csv", new double[3]), corpus, STD)).getMessage();
        assertTrue(m.contains("'x/y.csv', which is not a file of the NAB corpus"), m);
    }

    @Test
    void writtenResultsReadBackIdentically() {
        double[] with = new double[TinyNab.ROWS];
        with[10] = 0.123456789012345;
        double[] without = new double[TinyNab.ROWS];
        without[19] = 1.0;
        Map<String, double[]> scores = Map.of(TinyNab.WITH, with, TinyNab.WITHOUT, without);
        Path out = dir.resolve("results").resolve("vae");
        NabResultsFolder.write(out, "vae", corpus, scores);
        Map<String, double[]> back = NabResultsFolder.read(out, corpus);
        assertEquals(2, back.size());
        assertTrue(Arrays.equals(with, back.get(TinyNab.WITH)));
        assertTrue(Arrays.equals(without, back.get(TinyNab.WITHOUT)));
        assertEquals("vae", NabResultsFolder.detectorName(out, corpus));
    }

    @Test
    void sigmoidMatchesNabsDocumentedValues() {
        assertEquals(0.98661, NabSigmoid.scaled(-1.0), 1e-5);
        assertEquals(0.84828, NabSigmoid.scaled(-0.5), 1e-5);
        assertEquals(0.0, NabSigmoid.scaled(0.0), 1e-15);
        assertEquals(-0.98661, NabSigmoid.scaled(1.0), 1e-5);
        assertEquals(-1.0, NabSigmoid.scaled(3.0001), 0.0);
    }
}
