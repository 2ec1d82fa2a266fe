package org.dgmkit.score.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    @Test
    void runs_at_the_start_in_the_middle_and_at_the_end() {
        // rows:    0  1  2  3  4  5  6  7  8
        // labels:  1  1  0  0  1  0  1  1  1  -> [0,2) at the start, [4,5) one row, [6,9) up to the end
        assertEquals(List.of(new Segment(0, 2), new Segment(4, 5), new Segment(6, 9)),
                Segments.of(new int[] {1, 1, 0, 0, 1, 0, 1, 1, 1}));
        assertEquals(3, Segments.of(new int[] {1, 1, 0, 0, 1, 0, 1, 1, 1}).get(2).length());
    }

    @Test
    void no_run_one_run_over_everything_and_no_rows() {
        assertEquals(List.of(), Segments.of(new int[] {0, 0, 0}));
        assertEquals(List.of(new Segment(0, 3)), Segments.of(new int[] {1, 1, 1}));
        assertEquals(List.of(), Segments.of(new int[0]));
        assertEquals(List.of(new Segment(1, 2)), Segments.of(new int[] {0, 1, 0}));
    }

    @Test
    void detection_window_of_the_delay_rule() {
        Segment s = new Segment(4, 9); // rows 4..8
        assertEquals(9, s.detectionEnd(-1)); // anywhere: [4, 9)
        assertEquals(5, s.detectionEnd(0)); // first row only: [4, 5)
        assertEquals(7, s.detectionEnd(2)); // first 3 rows: [4, 7)
        assertEquals(9, s.detectionEnd(10)); // window longer than the segment: cut at its end
        assertEquals(9, s.detectionEnd(Integer.MAX_VALUE)); // no int overflow
        assertThrows(IllegalArgumentException.class, () -> s.detectionEnd(-2));
    }

    @Test
    void bad_labels_and_segments_are_named() {
        assertEquals("labels[2] is 2, expected 0 (normal) or 1 (anomalous)", assertThrows(IllegalArgumentException.class,
                () -> Segments.of(new int[] {0, 1, 2})).getMessage());
        assertEquals("segment [3, 3) is empty or negative", assertThrows(IllegalArgumentException.class,
                () -> new Segment(3, 3)).getMessage());
    }
}
