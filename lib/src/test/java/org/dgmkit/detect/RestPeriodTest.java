package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    }
}
