package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.dgmkit.detect.EnsembleScorer.Combine;
import org.junit.jupiter.api.Test;

/** The seed ensemble: hand-worked combinations, an ensemble of one is the single model, members are seed + k. */
class EnsembleScorerTest {
    static final double NAN = Double.NaN;

    @Test
    void combinations_worked_by_hand() {
        assertEquals(3.0, EnsembleScorer.combine(Combine.MEAN, new double[] {1, 2, 6}), 0);
        assertEquals(3.0, EnsembleScorer.combine(Combine.MEDIAN, new double[] {5, 1, 3}), 0);
        assertEquals(2.5, EnsembleScorer.combine(Combine.MEDIAN, new double[] {10, 1, 3, 2}), 0);
        // -log((e^-1 + e^-3) / 2) = 1 - log((1 + e^-2) / 2) = 1.5662...
        assertEquals(1 - Math.log((1 + Math.exp(-2)) / 2), EnsembleScorer.combine(Combine.MIXTURE, new double[] {1, 3}),
                1e-15);
        assertEquals(1.5662191695169727, EnsembleScorer.combine(Combine.MIXTURE, new double[] {3, 1}), 1e-14);
        // equal members: the mixture is that score; far apart: the smaller one plus log 2
        assertEquals(7.0, EnsembleScorer.combine(Combine.MIXTURE, new double[] {7, 7, 7}), 1e-14);
        assertEquals(2 + Math.log(2), EnsembleScorer.combine(Combine.MIXTURE, new double[] {2, 5000}), 1e-12);
        // members without a score are left out; none -> none
        assertEquals(3.0, EnsembleScorer.combine(Combine.MEAN, new double[] {NAN, 2, 4}), 0);
        assertTrue(Double.isNaN(EnsembleScorer.combine(Combine.MIXTURE, new double[] {NAN, NAN})));
        assertEquals(-4.0, EnsembleScorer.combine(Combine.MEDIAN, new double[] {-4}), 0);
        assertEquals(6.0, EnsembleScorer.combine(Combine.MAX, new double[] {1, NAN, 6, -2}), 0);
        double[] rows = EnsembleScorer.combine(Combine.MEAN, List.of(new double[] {NAN, 1, 2}, new double[] {NAN, 3, 8}));
        assertTrue(Double.isNaN(rows[0]));
        assertEquals(2.0, rows[1], 0);
        assertEquals(5.0, rows[2], 0);
        assertThrows(IllegalArgumentException.class,
                () -> EnsembleScorer.combine(Combine.MEAN, List.of(new double[2], new double[3])));
    }

    @Test
    void members_are_the_single_models_with_seeds_seed_plus_k() {
        DetectorSettings e = DetectorSettings.defaults().withAll("ensemble=3", "seed=5", "ensembleCombine=mixture");
        DetectorSettings m2 = EnsembleScorer.memberSettings(e, 2);
        assertEquals(DetectorSettings.defaults().with("seed", "7"), m2);
        // so a member's raw scores share the single model's cache folder; the defaults' key has no ensemble keys
        assertEquals(DetectorSettings.defaults().with("seed", "7").rawScoreDigest(), m2.rawScoreDigest());
        assertFalse(DetectorSettings.defaults().rawScoreKey().contains("ensemble"));
        assertNotEquals(e.rawScoreDigest(), e.with("ensembleCombine", "mean").rawScoreDigest());
        assertThrows(IllegalArgumentException.class, () -> e.with("ensemble", "0"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.with("ensembleCombine", "mode"));
        assertTrue(bad.getMessage().contains("mean, mixture, median or max"), bad.getMessage());
    }

    @Test
    void an_ensemble_of_one_is_the_single_model_bit_for_bit_and_three_are_the_mean_of_three_seeds() {
        double[] v = CausalityTest.series();
        LocalDateTime[] t = CausalityTest.times();
        DetectorSettings s = CausalityTest.tiny("vae", "raw").with("refitEvery", "0");
        double[] single = new ModelScorer(s, CausalityTest.PROBATION).scoreAll(t, v);
        double[] one = new EnsembleScorer(s, CausalityTest.PROBATION).scoreAll(t, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToLongBits(single[i]), Double.doubleToLongBits(one[i]), "row " + i);
        }
        double[] three = new EnsembleScorer(s.with("ensemble", "3"), CausalityTest.PROBATION).scoreAll(t, v);
        double[] seed2 = new ModelScorer(s.with("seed", "2"), CausalityTest.PROBATION).scoreAll(t, v);
        double[] seed3 = new ModelScorer(s.with("seed", "3"), CausalityTest.PROBATION).scoreAll(t, v);
        int scored = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(single[i])) {
                assertTrue(Double.isNaN(three[i]), "row " + i);
                continue;
            }
            scored++;
            assertEquals((single[i] + seed2[i] + seed3[i]) / 3, three[i], 1e-12, "row " + i);
        }
        assertTrue(scored > 400, "scored rows " + scored);
        assertNotEquals(single[300], seed2[300]); // the seeds do make different models
    }

    @Test
    void cross_model_members_are_each_models_seeds_in_order() {
        DetectorSettings e = DetectorSettings.defaults().withAll("ensemble=2", "seed=5",
                "ensembleModels=vae, auxvae,lvae", "ensembleLevel=likelihood", "ensembleCombine=max");
        assertEquals(List.of("vae", "auxvae", "lvae"), e.ensembleModels());
        assertEquals(6, EnsembleScorer.memberCount(e));
        assertEquals(DetectorSettings.defaults().with("seed", "5"), EnsembleScorer.memberSettings(e, 0));
        assertEquals(DetectorSettings.defaults().withAll("model=auxvae", "seed=6"), EnsembleScorer.memberSettings(e, 3));
        assertEquals(DetectorSettings.defaults().withAll("model=lvae", "seed=5"), EnsembleScorer.memberSettings(e, 4));
        assertThrows(IllegalArgumentException.class, () -> EnsembleScorer.memberSettings(e, 6));
        // the default: the model's own seeds; the level is post-processing, the models change raw scores
        assertEquals(List.of("sdgm"), DetectorSettings.defaults().with("model", "sdgm").ensembleModels());
        assertEquals(e.rawScoreDigest(), e.with("ensembleLevel", "raw").rawScoreDigest());
        assertNotEquals(e.rawScoreDigest(), e.with("ensembleModels", "vae,lvae").rawScoreDigest());
        assertFalse(DetectorSettings.defaults().rawScoreKey().contains("ensembleModels"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.with("ensembleModels", "vae,nope"));
        assertTrue(bad.getMessage().contains("ensembleModels"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.with("ensembleLevel", "score"));
    }

    @Test
    void multi_scale_members_are_each_models_spans_then_seeds_in_order() {
        DetectorSettings e = DetectorSettings.defaults().withAll("ensemble=2", "seed=5", "ensembleModels=vae,lvae",
                "ensembleSpans=rows:12, P1D", "ensembleLevel=likelihood");
        assertEquals(List.of("rows:12", "P1D"), e.ensembleSpans());
        assertEquals(8, EnsembleScorer.memberCount(e));
        // member (i * spans + j) * ensemble + k: model i, span j, seed 5 + k
        DetectorSettings shortSpan = DetectorSettings.defaults().with("span", "rows:12");
        assertEquals(shortSpan.with("seed", "5"), EnsembleScorer.memberSettings(e, 0));
        assertEquals(shortSpan.with("seed", "6"), EnsembleScorer.memberSettings(e, 1));
        assertEquals(DetectorSettings.defaults().with("seed", "5"), EnsembleScorer.memberSettings(e, 2));
        assertEquals(DetectorSettings.defaults().withAll("model=lvae", "span=rows:12", "seed=6"),
                EnsembleScorer.memberSettings(e, 5));
        assertEquals(DetectorSettings.defaults().withAll("model=lvae", "seed=6"), EnsembleScorer.memberSettings(e, 7));
        assertThrows(IllegalArgumentException.class, () -> EnsembleScorer.memberSettings(e, 8));
        // without the key: the span alone; caches written before the key keep their names
        assertEquals(List.of("PT6H"), DetectorSettings.defaults().with("span", "PT6H").ensembleSpans());
        assertFalse(DetectorSettings.defaults().rawScoreKey().contains("ensembleSpans"));
        assertNotEquals(e.rawScoreDigest(), e.with("ensembleSpans", "rows:12").rawScoreDigest());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.with("ensembleSpans", "rows:12,rows:1"));
        assertTrue(bad.getMessage().contains("ensembleSpans") && bad.getMessage().contains("rows:1"),
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.with("ensembleSpans", "P1D,one day"));
    }

    @Test
    void a_cross_model_ensemble_combines_the_single_models_raw_scores() {
        double[] v = CausalityTest.series();
        LocalDateTime[] t = CausalityTest.times();
        DetectorSettings s = CausalityTest.tiny("vae", "raw").with("refitEvery", "0");
        DetectorSettings cross = s.withAll("ensembleModels=vae,lvae", "ensembleCombine=max");
        EnsembleScorer e = new EnsembleScorer(cross, CausalityTest.PROBATION);
        assertEquals(2, e.members().size());
        double[] got = e.scoreAll(t, v);
        double[] vae = new ModelScorer(s, CausalityTest.PROBATION).scoreAll(t, v);
        double[] lvae = new ModelScorer(s.with("model", "lvae"), CausalityTest.PROBATION).scoreAll(t, v);
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(vae[i])) {
                assertTrue(Double.isNaN(got[i]), "row " + i);
            } else {
                assertEquals(Math.max(vae[i], lvae[i]), got[i], 0, "row " + i);
            }
        }
    }
}
