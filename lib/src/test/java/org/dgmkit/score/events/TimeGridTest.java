package org.dgmkit.score.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeGridTest {

    @Test
    void missing_timestamp_leaves_a_hole_with_label_zero_no_alarm_no_score() {
        // 0 60 120 _ 240 300: interval 60, 180 missing -> 6 points, rows at 0 1 2 4 5
        TimeGrid g = TimeGrid.of(new long[] {0, 60, 120, 240, 300});
        assertEquals(60, g.interval());
        assertEquals(6, g.length());
        assertEquals(4, g.position(3));
        assertArrayEquals(new int[] {1, 1, 1, 0, 1, 1}, g.labels(new int[] {1, 1, 1, 1, 1}));
        assertArrayEquals(new boolean[] {true, true, true, false, true, true},
                g.alarms(new boolean[] {true, true, true, true, true}));
        assertArrayEquals(new double[] {1, 2, 3, Double.NaN, 4, 5}, g.scores(new double[] {1, 2, 3, 4, 5}));
    }

    @Test
    void unsorted_rows_land_in_time_order_and_offsets_are_floored() {
        // sorted 1000 1060 1150: differences 60, 90 -> interval 60; (1150 - 1000) / 60 = 2.5 -> index 2
        TimeGrid g = TimeGrid.of(new long[] {1150, 1000, 1060});
        assertEquals(1000, g.start());
        assertEquals(3, g.length()); // 150 / 60 + 1
        assertArrayEquals(new int[] {0, 1, 1}, g.labels(new int[] {1, 0, 1})); // row 1 (t 1000) -> 0
        assertArrayEquals(new double[] {0.2, 0.3, 0.1}, g.scores(new double[] {0.1, 0.2, 0.3}));
    }

    @Test
    void one_row_no_row_duplicates() {
        assertEquals(1, TimeGrid.of(new long[] {42}).length());
        assertEquals(0, TimeGrid.of(new long[0]).length());
        assertEquals("timestamp 60 occurs more than once", assertThrows(IllegalArgumentException.class,
                () -> TimeGrid.of(new long[] {60, 0, 60})).getMessage());
        assertEquals("got 2 values for 3 timestamps", assertThrows(IllegalArgumentException.class,
                () -> TimeGrid.of(new long[] {0, 1, 2}).labels(new int[2])).getMessage());
    }
}
