package org.dgmkit.score.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dgmkit.cli.UsageException;
import org.junit.jupiter.api.Test;

class ScoreBenchmarkTest {

    @Test
    void tiny_run_ends_with_the_result_line() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ScoreBenchmark.run(List.of("--images", "20", "--samples", "1", "--nab-samples", "1"));
        } finally {
            System.setOut(original);
        }
        assertEquals(0, code);
        String[] lines = buffer.toString(StandardCharsets.UTF_8).trim().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("RESULT score images_samples_per_s=[0-9.]+ nab_series_s=[0-9.]+"), last);
    }

    @Test
    void bad_options_are_usage_errors() {
        assertEquals("bench score: unknown option '--fast'", assertThrows(UsageException.class,
                () -> ScoreBenchmark.run(List.of("--fast", "1"))).getMessage());
        assertEquals("bench score: --samples needs a positive integer, got '0'", assertThrows(UsageException.class,
                () -> ScoreBenchmark.run(List.of("--samples", "0"))).getMessage());
    }
}
