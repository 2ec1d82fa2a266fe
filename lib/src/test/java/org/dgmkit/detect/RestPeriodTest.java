package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestPeriodTest {

    private static double[] run(RestPeriod rest, double... scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = rest.apply(scores[i]);
        }
        return out;
    }

    @Test
    void the_rows_after_an_alarm_are_capped() {
        // alarm level 0.5, two quiet rows capped at 0.1
        double[] got = run(new RestPeriod(2, 0.5, 0.1), 0.2, 0.9, 0.8, 0.05, 0.7, 0.6, 0.6, 0.3);
        // row 1 alarms; rows 2, 3 quiet (0.8 -> 0.1, 0.05 stays); row 4 alarms again; rows 5, 6 quiet; row 7 free
        assertArrayEquals(new double[] {0.2, 0.9, 0.1, 0.05, 0.7, 0.1, 0.1, 0.3}, got, 0);
    }

    @Test
    void a_score_exactly_at_the_level_is_an_alarm_and_zero_rows_is_off() {
        assertArrayEquals(new double[] {0.5, 0.0, 0.5}, run(new RestPeriod(1, 0.5, 0.0), 0.5, 0.9, 0.5), 0);
        double[] scores = {1, 1, 1};
        assertArrayEquals(scores, run(RestPeriod.none(), scores), 0);
        assertArrayEquals(scores, run(new RestPeriod(0, 0.5, 0.0), scores), 0);
    }

    @Test
    void bad_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RestPeriod(-1, 0.5, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new RestPeriod(3, 0.5, 0.6));
        assertThrows(IllegalArgumentException.class, () -> RestPeriod.episode(-1, 0.5, 0.0));
        assertThrows(IllegalArgumentException.class, () -> RestPeriod.episode(3, 0.5, 0.6));
        assertThrows(IllegalArgumentException.class, () -> RestPeriod.Mode.parse("sticky"));
    }

    /** An episode of high scores (rows 1-4), then a second alarm (row 8). Alarm level 0.5, cap 0.1, 2 rows. */
    static final double[] EPISODE = {0.2, 0.9, 0.8, 0.8, 0.8, 0.3, 0.2, 0.2, 0.7, 0.1};

    @Test
    void a_fixed_rest_ends_after_its_rows_even_inside_an_episode() {
        // row 1 alarms; rows 2, 3 capped; row 4 (0.8, still in the episode) alarms again; rows 5, 6 capped; row 8
        // alarms; row 9 capped (0.1 stays 0.1)
        assertArrayEquals(new double[] {0.2, 0.9, 0.1, 0.1, 0.8, 0.1, 0.1, 0.2, 0.7, 0.1},
                run(new RestPeriod(2, 0.5, 0.1), EPISODE), 0);
        assertEquals(RestPeriod.Mode.FIXED, new RestPeriod(2, 0.5, 0.1).mode());
    }

    @Test
    void an_episode_rest_lasts_while_the_trailing_uncapped_scores_are_high() {
        // window 2: row 1 passes (no high score before it); rows 2-4 have a high uncapped score one row back: capped;
        // row 5 (0.3): row 4's 0.8 one back, capped; row 6 (0.2): row 4 two back, capped (min 0.1); row 7: rows 5, 6
        // low, free; row 8 (0.7) free, an alarm; row 9 capped
        assertArrayEquals(new double[] {0.2, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.7, 0.1},
                run(RestPeriod.episode(2, 0.5, 0.1), EPISODE), 0);
        // window 1: only the row right after a high score is capped
        assertArrayEquals(new double[] {0.2, 0.9, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.7, 0.1},
                run(RestPeriod.episode(1, 0.5, 0.1), EPISODE), 0);
        // window 0 is off; a score exactly at the level counts as high
        assertArrayEquals(EPISODE, run(RestPeriod.episode(0, 0.5, 0.1), EPISODE), 0);
        assertArrayEquals(new double[] {0.5, 0.0, 0.0, 0.3}, run(RestPeriod.episode(1, 0.5, 0.0), 0.5, 0.5, 0.2, 0.3), 0);
        assertEquals(RestPeriod.Mode.EPISODE, RestPeriod.Mode.parse(" Episode"));
    }

    @Test
    void a_fresh_copy_keeps_the_mode_and_forgets_the_scores() {
        RestPeriod used = RestPeriod.episode(2, 0.5, 0.1);
        run(used, 0.9);
        RestPeriod fresh = used.fresh();
        assertEquals(RestPeriod.Mode.EPISODE, fresh.mode());
        assertEquals(2, fresh.rows());
        assertArrayEquals(run(RestPeriod.episode(2, 0.5, 0.1), EPISODE), run(fresh, EPISODE), 0);
    }

    @Test
    void both_modes_are_causal_truncated_input_gives_the_same_prefix() {
        Random r = new Random(3);
        double[] scores = new double[400];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.nextDouble() < 0.1 ? 0.5 + 0.5 * r.nextDouble() : 0.5 * r.nextDouble();
        }
        for (RestPeriod.Mode mode : RestPeriod.Mode.values()) {
            double[] full = run(new RestPeriod(mode, 7, 0.5, 0.0301), scores);
            for (int k : new int[] {1, 2, 50, 123, 399}) {
                double[] part = run(new RestPeriod(mode, 7, 0.5, 0.0301), Arrays.copyOf(scores, k));
                assertArrayEquals(Arrays.copyOf(full, k), part, 0, mode + " truncated at " + k);
            }
        }
        // the two modes do differ on this sequence
        assertNotEquals(Arrays.toString(run(new RestPeriod(7, 0.5, 0.0301), scores)),
                Arrays.toString(run(RestPeriod.episode(7, 0.5, 0.0301), scores)));
    }
}
