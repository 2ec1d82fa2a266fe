package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.detect.EnsembleScorer.Combine;
import org.junit.jupiter.api.Test;

class PostProcessorTest {

    @Test
    void rows_before_the_model_exists_score_zero_even_when_novel() {
        PostProcessor p = new PostProcessor(new NumentaLikelihood(0, 2, 10, 5), PostProcessor.Transform.NONE,
                NoveltyRule.numenta(), RestPeriod.none());
        double nan = Double.NaN;
        double[] got = p.apply(new double[] {1, 2, 1.5, 50}, new double[] {nan, nan, nan, nan});
        assertArrayEquals(new double[] {0, 0, 0, 0}, got, 0); // 50 is novel, but no model exists yet
        assertEquals(4, p.unscoredRows());
    }

    @Test
    void rows_without_a_raw_score_after_the_first_say_unknown_unless_novel() {
        PostProcessor p = new PostProcessor(new NumentaLikelihood(0, 2, 10, 5), PostProcessor.Transform.NONE,
                NoveltyRule.numenta(), RestPeriod.none());
        assertEquals(0.0301029996658834, PostProcessor.UNKNOWN, 1e-15);
        double nan = Double.NaN;
        // rows 0, 1 before the model; row 2 its first raw score (likelihood not ready: UNKNOWN); then the model fails:
        // row 3 unknown, row 4's 50 is novel against the range [1, 2] seen so far (the rule learnt rows 0-1 too)
        double[] got = p.apply(new double[] {1, 2, 1.5, 1.2, 50}, new double[] {nan, nan, 3.0, nan, nan});
        assertArrayEquals(new double[] {0, 0, PostProcessor.UNKNOWN, PostProcessor.UNKNOWN, 1.0}, got, 0);
        assertEquals(4, p.unscoredRows());
    }

    @Test
    void raw_scores_in_nats_may_be_negative_with_the_floors_off() {
        // -ELBO of a well-fitted Gaussian model is often negative; Numenta's mean floor 0.03 would clip it
        PostProcessor p = new PostProcessor(new NumentaLikelihood(0, 5, 100, 100), PostProcessor.Transform.NONE,
                null, RestPeriod.none());
        double[] raw = {-20, -21, -19, -20.5, -19.5, -20, -5};
        double[] values = {0, 1, 2, 3, 4, 5, 6}; // not flat (flat inputs get Numenta's broad null distribution)
        double[] got = p.apply(values, raw);
        // first Gaussian from rows 0..4 (averages -20, -20.5, -20, -20.125, -20): mean -20.125, variance 0.0375
        // (sd 0.194); row 5's average -120 / 6 = -20 is 0.65 sd above: not anomalous; row 6's -125 / 7 = -17.86 is
        // 11.7 sd above: red
        assertTrue(got[5] < 0.1, "row 5: " + got[5]);
        assertTrue(got[6] > 0.99, "row 6: " + got[6]);
        // with Numenta's floors (transform RANK keeps them) the same raw scores give ranks, also fine
        PostProcessor r = new PostProcessor(new NumentaLikelihood(0, 5, 100, 100), PostProcessor.Transform.RANK,
                null, RestPeriod.none());
        double[] ranked = r.apply(values, raw);
        assertEquals(PostProcessor.UNKNOWN, ranked[4], 1e-15);
    }

    @Test
    void without_the_likelihood_the_score_is_the_rank_among_earlier_raw_scores() {
        PostProcessor p = new PostProcessor(null, PostProcessor.Transform.NONE, null, RestPeriod.none());
        double[] got = p.apply(new double[5], new double[] {3, 1, 3, 5, 0});
        // first: 0.5; 1 vs {3}: 0; 3 vs {1,3}: (1 + 0.5) / 2; 5 vs 3 earlier: 1; 0: 0
        assertArrayEquals(new double[] {0.5, 0, 0.75, 1, 0}, got, 0);
    }

    @Test
    void the_rest_period_applies_after_the_novelty_rule() {
        PostProcessor p = new PostProcessor(null, PostProcessor.Transform.NONE, NoveltyRule.numenta(),
                new RestPeriod(2, 0.9, 0.1));
        // raw ranks 0.5, 0.5; values 0, 10 (range 10), 20 novel -> 1.0 alarm; 30 novel but resting -> 0.1; 40 novel resting -> 0.1;
        // 50 novel and the rest is over -> 1.0
        double[] got = p.apply(new double[] {0, 10, 20, 30, 40, 50}, new double[] {0, 0, 0, 0, 0, 0});
        assertArrayEquals(new double[] {0.5, 0.5, 1.0, 0.1, 0.1, 1.0}, got, 0);
    }

    @Test
    void likelihood_level_ensemble_combines_each_members_own_score_worked_by_hand() {
        double nan = Double.NaN;
        // member A's raw scores 1, 3, 2, 4 and member B's 5, 4, NaN, 6, each ranked among its own earlier ones:
        // A: 0.5 (first), 3 vs {1}: 1, 2 vs {1, 3}: 0.5, 4 vs {1, 2, 3}: 1
        // B: 0.5 (first), 4 vs {5}: 0, none (left out), 6 vs {4, 5}: 1
        List<double[]> raw = List.of(new double[] {1, 3, 2, 4}, new double[] {5, 4, nan, 6});
        double[] values = new double[4];
        PostProcessor mean = new PostProcessor(null, PostProcessor.Transform.NONE, null, RestPeriod.none(), 2,
                Combine.MEAN);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 1.0}, mean.apply(values, raw), 0);
        PostProcessor max = new PostProcessor(null, PostProcessor.Transform.NONE, null, RestPeriod.none(), 2,
                Combine.MAX);
        assertArrayEquals(new double[] {0.5, 1.0, 0.5, 1.0}, max.apply(values, raw), 0);
        // the rest period acts once, on the combination: max alarms at row 1, row 2 is capped (rest of 2 rows
        // keeps row 3 quiet too)
        PostProcessor rested = new PostProcessor(null, PostProcessor.Transform.NONE, null, new RestPeriod(2, 0.9, 0.1),
                2, Combine.MAX);
        assertArrayEquals(new double[] {0.5, 1.0, 0.1, 0.1}, rested.apply(values, raw), 0);
        // a row where no member has a score is unknown (after the first scored row; before it, 0)
        PostProcessor none = new PostProcessor(null, PostProcessor.Transform.NONE, null, RestPeriod.none(), 2,
                Combine.MEAN);
        assertEquals(0.0, none.next(0, new double[] {nan, nan}), 0);
        assertEquals(0.5, none.next(0, new double[] {1, nan}), 0);
        assertEquals(PostProcessor.UNKNOWN, none.next(0, new double[] {nan, nan}), 0);
        assertEquals(2, none.unscoredRows());
        assertThrows(IllegalStateException.class, () -> none.next(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> none.next(0, new double[] {1, 2, 3}));
    }

    @Test
    void likelihood_level_ensemble_is_the_mean_of_per_member_likelihoods_and_one_member_is_the_single_processor() {
        int n = 400;
        double[] values = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            values[i] = Math.sin(i / 7.0) + 0.1 * r.nextGaussian();
            a[i] = i < 20 ? Double.NaN : -10 + r.nextGaussian() + (i > 300 && i < 310 ? 8 : 0);
            b[i] = i < 20 ? Double.NaN : 3 * r.nextGaussian() + (i > 250 && i < 255 ? 30 : 0);
        }
        java.util.function.Supplier<NumentaLikelihood> l = () -> new NumentaLikelihood(0, 50, 200, 20);
        double[] la = new PostProcessor(l.get(), PostProcessor.Transform.NONE, null, RestPeriod.none()).apply(values, a);
        double[] lb = new PostProcessor(l.get(), PostProcessor.Transform.NONE, null, RestPeriod.none()).apply(values, b);
        double[] both = new PostProcessor(l.get(), PostProcessor.Transform.NONE, null, RestPeriod.none(), 2,
                Combine.MEAN).apply(values, List.of(a, b));
        for (int i = 0; i < n; i++) {
            double want = i < 20 ? 0.0 : (la[i] + lb[i]) / 2; // no model before row 20: 0
            assertEquals(want, both[i], 1e-15, "row " + i);
        }
        double top = java.util.Arrays.stream(both).max().getAsDouble();
        assertTrue(top > 0.3, "highest combined score " + top); // one member alarming lifts the mean by half
        double[] one = new PostProcessor(l.get(), PostProcessor.Transform.NONE, NoveltyRule.numenta(),
                new RestPeriod(30, 0.5, 0.0301), 1, Combine.MAX).apply(values, List.of(a));
        double[] single = new PostProcessor(l.get(), PostProcessor.Transform.NONE, NoveltyRule.numenta(),
                new RestPeriod(30, 0.5, 0.0301)).apply(values, a);
        assertArrayEquals(single, one, 0);
    }
}
