package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.nab.NabTimestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kit detect} on a user's CSV: scores, alarms and plot for good input; one clear error and no output for bad. */
class DetectCommandTest {
    @TempDir
    Path dir;

    static final List<String> TINY = List.of("--set", "hidden=8", "--set", "latent=2", "--set", "epochs=2",
            "--set", "samples=2");

    /** A 5-minute series with a daily cycle and a spike at row 500. */
    static List<String> csv(int rows) {
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        LocalDateTime t0 = LocalDateTime.of(2024, 3, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            double v = 10 + Math.sin(2 * Math.PI * i / 288) + (i == 500 ? 8 : 0) + 0.05 * Math.cos(i * 1.7);
            lines.add(NabTimestamps.format(t0.plusMinutes(5L * i)) + "," + v);
        }
        return lines;
    }

    private String run(Path input, Path out) {
        List<String> args = new ArrayList<>(List.of("--csv", input.toString(), "--out", out.toString()));
        args.addAll(TINY);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DetectCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_good_series_gets_scores_alarms_and_a_plot() throws Exception {
        Path in = dir.resolve("mine.csv");
        Files.write(in, csv(900));
        Path out = dir.resolve("res/scores.csv");
        String log = run(in, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("timestamp,value,anomaly_score,raw_score,alarm", lines.get(0));
        assertEquals(901, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            String[] p = l.split(",", -1);
            double s = Double.parseDouble(p[2]);
            assertTrue(s >= 0 && s <= 1, l);
            assertEquals(s >= 0.5 ? "1" : "0", p[4], l);
        }
        // the spike at row 500 is far outside the range seen: the novelty rule alarms there
        assertEquals("1", lines.get(501).split(",")[4], lines.get(501));
        assertTrue(Files.size(dir.resolve("res/scores.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("res/scores.svg")).contains("<svg"));
        assertTrue(log.contains("detect mine.csv") && log.contains("900/900"), log);
        assertTrue(log.contains("alarms (score >= 0.5)"), log);
    }

    private void assertFails(List<String> lines, String expected) throws Exception {
        Path in = dir.resolve("bad.csv");
        Files.write(in, lines);
        Path out = dir.resolve("bad-out/scores.csv");
        KitException e = assertThrows(KitException.class, () -> run(in, out));
        assertTrue(e.getMessage().startsWith(in + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad-out")), "something was written");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("bad.csv"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void bad_input_gives_one_error_naming_file_line_and_cause_and_writes_nothing() throws Exception {
        List<String> good = csv(900);
        List<String> missing = new ArrayList<>(good);
        missing.set(11, good.get(11).split(",")[0] + ",");
        assertFails(missing, ":12: missing value");
        List<String> text = new ArrayList<>(good);
        text.set(21, good.get(21).split(",")[0] + ",n/a");
        assertFails(text, ":22: expected a finite number as value, found 'n/a'");
        List<String> unsorted = new ArrayList<>(good);
        unsorted.set(31, good.get(29));
        assertFails(unsorted, ":32: unsorted timestamp");
        List<String> duplicate = new ArrayList<>(good);
        duplicate.set(41, good.get(40));
        assertFails(duplicate, ":42: duplicate timestamp");
        // 900 rows have a probationary period of 135 rows; 10 rows (probation 1) still need the fit row 16 and one more
        assertFails(csv(10), ":12: the series ends after 10 rows; expected at least 17");
        assertFails(List.of("time,value", "2024-01-01 00:00:00,1"), ":1: expected the header 'timestamp,value'");
    }
}
