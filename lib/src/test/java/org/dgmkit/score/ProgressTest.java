package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void prints_one_carriage_return_line_and_a_final_newline() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress p = new Progress("IW bound", "row-samples", 200, true, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        p.advance(50);
        p.advance(150);
        p.finish();
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rIW bound: 50/200 row-samples (25%)"), out);
        assertTrue(out.contains("\rIW bound: 200/200 row-samples (100%)"), out);
        assertTrue(out.endsWith("\n") && out.contains("took"), out);
    }

    @Test
    void disabled_progress_is_silent() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress p = new Progress("x", "rows", 10, false, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        p.advance(10);
        p.finish();
        assertEquals("", buffer.toString(StandardCharsets.UTF_8));
    }
}
