package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The trailing mean and standard deviation keep their digits on a large level with a small spread. */
class TrailingStatsTest {
    @Test
    void a_large_level_with_a_small_spread_keeps_its_standard_deviation() {
        TrailingStats t = new TrailingStats(100);
        for (int i = 0; i < 1000; i++) { // across several recomputations of the sums
            t.add(1e8 + (i % 2 == 0 ? 0.5 : -0.5));
            if (i >= 99) {
                assertEquals(0.5, t.std(), 1e-6, "row " + i);
                assertEquals(1e8, t.mean(), 1e-6, "row " + i);
            }
        }
    }

    @Test
    void a_flat_window_has_no_spread_at_all() {
        TrailingStats t = new TrailingStats(50);
        for (int i = 0; i < 230; i++) {
            t.add(0.1);
            assertEquals(0.0, t.std(), 0.0, "row " + i);
            assertEquals(0.1, t.mean(), 1e-15, "row " + i);
        }
    }

    @Test
    void the_window_forgets_the_oldest_values() {
        TrailingStats t = new TrailingStats(3);
        for (double v : new double[] {100, 1, 2, 3}) {
            t.add(v);
        }
        assertEquals(2.0, t.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), t.std(), 1e-12);
    }
}
