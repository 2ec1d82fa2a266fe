package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoveltyRuleTest {

    private static boolean[] run(NoveltyRule rule, double... values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = rule.test(values[i]);
        }
        return out;
    }

    @Test
    void values_beyond_five_percent_of_the_range_seen_are_novel() {
        // after 10 and 20 the range is 10: novel above 20.5 or below 9.5
        boolean[] got = run(NoveltyRule.numenta(), 10, 20, 20.5, 21.1, 9.5, 8.9, 15);
        // 20.5 is not beyond 20.5 (it becomes the max: range 10.5, upper bound 20.5 + 0.525 = 21.025); 21.1 is
        // beyond; then the range is 11.1 and the lower bound 10 - 0.555 = 9.445: 9.5 is inside (and the new min:
        // range 11.6, lower bound 9.5 - 0.58 = 8.92), 8.9 outside
        assertArrayEquals(new boolean[] {false, false, false, true, false, true, false}, got);
    }

    @Test
    void nothing_is_novel_until_two_different_values_were_seen() {
        boolean[] got = run(NoveltyRule.numenta(), 5, 5, 5, 1000, -1000);
        // 1000 arrives while min == max: not novel (Numenta's `if minVal != maxVal`); -1000 is
        assertArrayEquals(new boolean[] {false, false, false, false, true}, got);
    }

    @Test
    void tolerance_zero_flags_every_new_extreme_and_nan_is_ignored() {
        NoveltyRule rule = new NoveltyRule(0);
        assertArrayEquals(new boolean[] {false, false, true, false, true},
                run(rule, 1, 2, 3, Double.NaN, 0));
        assertFalse(new NoveltyRule(0.5).fresh().test(1e9));
        assertThrows(IllegalArgumentException.class, () -> new NoveltyRule(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new NoveltyRule(Double.NaN));
        assertTrue(NoveltyRule.numenta().tolerance() == 0.05);
    }
}
