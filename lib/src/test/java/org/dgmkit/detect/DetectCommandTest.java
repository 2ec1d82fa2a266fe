package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit detect} on users' CSV files as they are: messy headers, quoted ISO timestamps, blanks, a repeated hour,
 * labels; folders with a broken file; standard input; and one clear error with nothing written for bad input.
 */
class DetectCommandTest {
    @TempDir
    Path dir;

    /** Tiny, quick models: the tests check the plumbing, not the detector's quality. */
    static final List<String> TINY = List.of("--set", "hidden=8", "--set", "latent=2", "--set", "epochs=2",
            "--set", "samples=2", "--set", "ensemble=1", "--probation", "100");

    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /**
     * A monitoring export: header {@code "Time","Value","Label"}, quoted ISO timestamps in UTC every 10 minutes, a
     * spike labelled at rows 300-302, blank values at rows 50 and 200, and (with {@code dst}) the local-time hour
     * that repeats when daylight saving time ends, written without an offset.
     */
    static List<String> export(int rows, boolean dst) {
        List<String> lines = new ArrayList<>(List.of("\"Time\",\"Value\",\"Label\""));
        LocalDateTime t = LocalDateTime.of(2020, 10, 30, 0, 0);
        for (int i = 0; i < rows; i++) {
            double v = 10 + Math.sin(2 * Math.PI * i / 144) + (i >= 300 && i <= 302 ? 9 : 0) + 0.05 * Math.cos(i * 1.7);
            String value = i == 50 || i == 200 ? "" : Double.toString(v);
            String label = i >= 300 && i <= 302 ? "1" : "0";
            String time = dst ? t.toString().replace('T', ' ') : ISO.format(t);
            lines.add("\"" + time + "\"," + value + "," + label);
            t = t.plusMinutes(10);
            if (dst && i == 240) {
                t = t.minusHours(1); // clocks go back: the last hour repeats
            }
        }
        return lines;
    }

    private Path write(String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.write(p, lines);
        return p;
    }

    /** Runs detect with the tiny settings; returns {exit code as text, log}. */
    private String[] run(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(TINY);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = DetectCommand.run(all, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), buf.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void a_monitoring_export_runs_unchanged_with_its_labels() throws Exception {
        Path in = write("export.csv", export(400, false));
        Path out = dir.resolve("res");
        String[] r = run(List.of("--csv", in.toString(), "--label-column", "Label", "--out", out.toString()));
        assertEquals("0", r[0], r[1]);
        List<String> rows = Files.readAllLines(out.resolve("export.csv"));
        assertEquals("timestamp,value,anomaly_score,raw_score,alarm,label", rows.get(0));
        assertEquals(401, rows.size(), "one output row per input row");
        assertTrue(rows.get(1).startsWith("2020-10-30T00:00:00Z,"), rows.get(1));
        assertEquals(List.of("2020-10-30T08:20:00Z", "", "", "", "0", "0"), List.of(rows.get(51).split(",", -1)),
                "a blank value: no score, no alarm, its place kept");
        for (int i = 1; i <= 100; i++) { // before the model exists: score 0, no alarm
            String[] p = rows.get(i).split(",", -1);
            assertTrue(p[2].isEmpty() || Double.parseDouble(p[2]) == 0.0, rows.get(i));
            assertEquals("0", p[4], rows.get(i));
        }
        String summary = Files.readString(out.resolve("summary.csv"));
        assertTrue(summary.startsWith("series,status,rows,missing,carried,repeated,backward"), summary);
        assertTrue(summary.contains("export,ok,400,2,0,0,0,100,"), summary);
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("series,ap,segments,segments_hit,alarm_episodes,false_alarm_episodes,event_precision,"
                + "event_recall,event_f1,point_adjusted_f1", metrics.get(0));
        assertTrue(metrics.get(1).startsWith("export,"), metrics.get(1));
        assertEquals("1", metrics.get(1).split(",")[2], "one labelled segment");
        assertTrue(Files.size(out.resolve("export.png")) > 1000);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<img src=\"export.png\"") && html.contains("Label metrics"), html);
        assertTrue(r[1].contains("[1/1] export: 400 rows (2 missing)") && r[1].contains("rows/s"), r[1]);
        assertTrue(r[1].contains("segments hit"), r[1]);
    }

    @Test
    void the_repeated_hour_of_a_daylight_saving_change_is_scored_in_file_order_or_refused() throws Exception {
        Path in = write("dst.csv", export(400, true));
        Path out = dir.resolve("dst-out");
        String[] r = run(List.of("--csv", in.toString(), "--out", out.toString()));
        assertEquals("0", r[0], r[1]);
        assertEquals(401, Files.readAllLines(out.resolve("dst.csv")).size());
        // rows 241..246 repeat the times of rows 235..240: the first is backward, the rest step forward again
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("dst,ok,400,2,0,0,1,"),
                Files.readString(out.resolve("summary.csv")));
        KitException e = assertThrows(KitException.class, () -> run(List.of("--csv", in.toString(), "--strict-time",
                "--out", dir.resolve("strict").toString())));
        assertTrue(e.getMessage().contains("dst.csv:243"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("strict")), "nothing written");
    }

    @Test
    void missing_values_under_each_policy_keep_the_rows_aligned() throws Exception {
        Path in = write("gaps.csv", export(400, false));
        Path skip = dir.resolve("skip.csv");
        run(List.of("--csv", in.toString(), "--out", skip.toString()));
        Path carry = dir.resolve("carry.csv");
        run(List.of("--csv", in.toString(), "--missing", "carry", "--out", carry.toString()));
        List<String> s = Files.readAllLines(skip);
        List<String> c = Files.readAllLines(carry);
        assertEquals(401, s.size());
        assertEquals(401, c.size());
        String[] skipped = s.get(201).split(",", -1);
        assertEquals("", skipped[1]);
        assertEquals("", skipped[2]);
        String[] carried = c.get(201).split(",", -1);
        assertEquals(c.get(200).split(",", -1)[1], carried[1], "the last value carried");
        assertFalse(carried[2].isEmpty(), "a carried row is scored");
        assertTrue(Files.exists(dir.resolve("skip.png")), "the plot beside the scores");
        KitException e = assertThrows(KitException.class, () -> run(List.of("--csv", in.toString(), "--missing",
                "fail", "--out", dir.resolve("fail.csv").toString())));
        assertTrue(e.getMessage().contains("gaps.csv:52") && e.getMessage().contains("Value"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("fail.csv")));
    }

    /** An input stream that offers one line at a time and never says more is ready: rows scored one by one. */
    static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = 0;
                while (n < len && pos < bytes.length) {
                    b[off + n++] = bytes[pos];
                    if (bytes[pos++] == '\n') {
                        break;
                    }
                }
                return n;
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    @Test
    void standard_input_gives_the_scores_of_the_same_rows_read_from_a_file() throws Exception {
        List<String> lines = export(400, false);
        Path in = write("live.csv", lines);
        Path fromFile = dir.resolve("file.csv");
        run(List.of("--csv", in.toString(), "--label-column", "Label", "--out", fromFile.toString()));
        byte[] bytes = Files.readAllBytes(in);
        for (InputStream stdin : List.of(new ByteArrayInputStream(bytes), trickle(bytes))) {
            List<String> args = new ArrayList<>(List.of("--csv", "-", "--label-column", "Label", "--out", "-"));
            args.addAll(TINY);
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int code = DetectCommand.run(args, stdin, new PrintStream(rows, true, StandardCharsets.UTF_8),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            assertEquals(0, code);
            List<String> got = List.of(rows.toString(StandardCharsets.UTF_8).split("\n"));
            assertEquals(Files.readAllLines(fromFile), got, "standard output holds the scored rows only");
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("[1/1] stdin: 400 rows"), log.toString());
        }
    }

    @Test
    void a_folder_with_one_broken_file_scores_the_others_and_says_so() throws Exception {
        write("many/a.csv", export(400, false));
        write("many/sub/b.csv", export(400, true));
        write("many/broken.csv", List.of("Time,Value", "2020-01-01 00:00:00,1", "yesterday,2"));
        Path out = dir.resolve("many-out");
        String[] r = run(List.of("--csv", dir.resolve("many").toString(), "--out", out.toString(), "--threads",
                "2"));
        assertEquals(Integer.toString(DetectCommand.SOME_FAILED), r[0], r[1]);
        assertTrue(Files.exists(out.resolve("a.csv")) && Files.exists(out.resolve("sub_b.csv")));
        assertFalse(Files.exists(out.resolve("broken.csv")));
        String summary = Files.readString(out.resolve("summary.csv"));
        assertTrue(summary.contains("broken,error,") && summary.contains("broken.csv:3"), summary);
        assertTrue(summary.contains("a,ok,400") && summary.contains("sub_b,ok,400"), summary);
        assertTrue(r[1].contains("FAILED") && r[1].contains("2 series scored, 1 failed"), r[1]);
        assertTrue(Files.readString(out.resolve("index.html")).contains("1 of 3 series could not be scored"));
        // the same files by glob
        String[] g = run(List.of("--csv", dir.resolve("many").toString() + "/a*.csv", "--out",
                dir.resolve("glob-out").toString()));
        assertEquals("0", g[0], g[1]);
        assertTrue(Files.exists(dir.resolve("glob-out/a.csv")));
        // a folder holding only the broken file is still a folder: a summary naming it, and the exit code
        write("lone/broken.csv", List.of("Time,Value", "2020-01-01 00:00:00,1", "yesterday,2"));
        String[] lone = run(List.of("--csv", dir.resolve("lone").toString(), "--out", dir.resolve("lone-out")
                .toString()));
        assertEquals(Integer.toString(DetectCommand.SOME_FAILED), lone[0], lone[1]);
        assertTrue(Files.readString(dir.resolve("lone-out/summary.csv")).contains("broken.csv:3"));
    }

    private void assertFails(List<String> lines, List<String> extra, String... expected) throws Exception {
        Path in = write("bad.csv", lines);
        Path out = dir.resolve("bad-out");
        List<String> args = new ArrayList<>(List.of("--csv", in.toString(), "--out", out.toString()));
        args.addAll(extra);
        KitException e = assertThrows(KitException.class, () -> run(args));
        for (String x : expected) {
            assertTrue(e.getMessage().contains(x), "expected '" + x + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
        assertFalse(Files.exists(out), "something was written");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("bad.csv"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void bad_input_gives_one_error_naming_file_line_and_cause_and_writes_nothing() throws Exception {
        List<String> good = export(400, false);
        assertFails(good, List.of("--value-column", "Load"), "'Load'", "Time", "Value", "Label");
        assertFails(List.of("Time,host", "2020-01-01 00:00:00,a", "2020-01-01 00:01:00,b"), List.of(),
                "numeric");
        assertFails(List.of("Time,Value", "01/02/2020 10:00,1"), List.of(), "bad.csv:2", "yyyy-MM-dd");
        assertFails(List.of(), List.of(), "empty");
        List<String> badLabel = new ArrayList<>(good);
        badLabel.set(7, badLabel.get(7).replaceAll(",0$", ",maybe"));
        assertFails(badLabel, List.of("--label-column", "Label"), "bad.csv:8", "maybe", "expected 0, 1, true or false");
        assertFails(export(90, false), List.of(), "89 usable rows", "at least 101");
    }

    @Test
    void series_with_the_same_file_name_or_a_report_files_name_keep_their_own_outputs() throws Exception {
        write("logs/h1/cpu.csv", export(400, false));
        write("logs/h2/cpu.csv", export(400, true));
        write("logs/summary.csv", export(400, false));
        Path out = dir.resolve("logs-out");
        String[] r = run(List.of("--csv", dir.resolve("logs").toString() + "/**.csv", "--out", out.toString()));
        assertEquals("0", r[0], r[1]);
        for (String name : List.of("h1_cpu", "h2_cpu", "summary-2")) {
            assertTrue(Files.readString(out.resolve(name + ".csv")).startsWith("timestamp,value,anomaly_score"), name);
        }
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("summary-2,ok,400"), "the report's own");
        // scores over their own input are refused before anything runs
        KitException e = assertThrows(KitException.class, () -> run(List.of("--csv", dir.resolve("logs/h1").toString(),
                "--out", dir.resolve("logs/h1").toString())));
        assertTrue(e.getMessage().contains("would overwrite"), e.getMessage());
        assertEquals(1, Files.readAllLines(dir.resolve("logs/h1/cpu.csv")).stream().filter(l -> l.contains("Time"))
                .count(), "the input is untouched");
    }

    @Test
    void standard_input_written_to_a_file_leaves_nothing_when_the_input_is_bad() throws Exception {
        List<String> lines = new ArrayList<>(export(400, false));
        lines.set(350, "\"yesterday\",1,0");
        Path out = dir.resolve("live-out/scores.csv");
        List<String> args = new ArrayList<>(List.of("--csv", "-", "--label-column", "Label", "--out", out.toString()));
        args.addAll(TINY);
        InputStream stdin = new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        KitException e = assertThrows(KitException.class, () -> DetectCommand.run(args, stdin, quiet, quiet));
        assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(), left.toList(), "no scores and no partial file");
        }
        byte[] latin1 = "Time,Value\n2020-01-01 00:00:00,1\n2020-01-01 00:01:00,\u00e91\n".getBytes(
                StandardCharsets.ISO_8859_1);
        KitException bytes = assertThrows(KitException.class, () -> DetectCommand.run(List.of("--csv", "-", "--out",
                "-"), new ByteArrayInputStream(latin1), quiet, quiet));
        assertTrue(bytes.getMessage().contains("not UTF-8"), bytes.getMessage());
        UsageException zero = assertThrows(UsageException.class, () -> DetectCommand.parse(List.of("--csv", "x.csv",
                "--threshold", "0")));
        assertTrue(zero.getMessage().contains("(0, 1]"), zero.getMessage());
    }
}
