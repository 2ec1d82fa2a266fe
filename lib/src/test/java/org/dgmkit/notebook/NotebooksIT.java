package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook of the series in quick mode through the runner (as {@code ./kit run --quick} does, after
 * {@code package}) and checks each executed notebook: all code cells ran without error outputs, figures were shown
 * inline and exported as PNG + SVG, tables were shown and exported as CSV.
 */
class NotebooksIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path OUT = Path.of("target", "notebooks-it").toAbsolutePath();
    static final Pattern DISPLAY_ID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    @BeforeAll
    static void runAll() throws IOException {
        if (Files.exists(OUT)) {
            try (Stream<Path> s = Files.walk(OUT)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertEquals(0, RunCommand.run(List.of("--quick", "--out", OUT.toString()), ROOT, System.err));
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyNotebookRanCleanAndExportedItsResults() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path source : notebooks()) {
            String stem = source.getFileName().toString().replace(".ipynb", "");
            tests.add(DynamicTest.dynamicTest(stem, () -> check(source, stem)));
        }
        assertFalse(tests.isEmpty(), "no notebooks found in " + ROOT.resolve("notebooks"));
        return tests;
    }

    @Test
    void theRunReportLinksEveryNotebookFigureAndTable() throws IOException {
        String report = Files.readString(OUT.resolve("index.html"));
        List<Path> notebooks = notebooks();
        assertTrue(report.contains(notebooks.size() + " notebook(s): " + notebooks.size() + " ok"), report);
        for (Path nb : notebooks) {
            assertTrue(report.contains("href=\"notebooks/" + nb.getFileName() + "\""), "no link to " + nb.getFileName());
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(OUT.resolve("figures"))) {
            s.filter(p -> p.toString().endsWith(".png")).forEach(files::add);
        }
        try (Stream<Path> s = Files.list(OUT.resolve("tables"))) {
            s.filter(p -> p.toString().endsWith(".csv")).forEach(files::add);
        }
        assertTrue(files.size() > 20, "too few figures and tables: " + files);
        for (Path f : files) {
            String link = "href=\"" + OUT.relativize(f).toString().replace('\\', '/') + "\"";
            assertTrue(report.contains(link), "index.html does not link " + OUT.relativize(f));
        }
    }

    @Test
    void theNabNotebooksScoreEveryModelAndWriteNabResultsFolders() throws IOException {
        // 08: the study's three models on the 11 artificial files, beside the published detectors
        List<String> nab08 = Files.readAllLines(OUT.resolve("tables/08-nab-anomaly-nab-scores.csv"));
        for (String model : List.of("vae", "auxvae", "lvae", "numenta")) {
            assertTrue(nab08.stream().anyMatch(l -> l.startsWith(model + ",") || l.startsWith(model + " (")),
                    "08: no row for " + model + ": " + nab08);
        }
        assertTrue(Files.size(OUT.resolve("figures/08-nab-anomaly/study-failure-and-fix.png")) > 1000);
        // 09: every model of its parameter cell in the scoreboard, the split table and a results folder per model
        List<String> board = Files.readAllLines(OUT.resolve("tables/09-nab-corpus-scoreboard.csv"));
        List<String> split = Files.readAllLines(OUT.resolve("tables/09-nab-corpus-held-out.csv"));
        for (String model : List.of("vae", "auxvae", "sdgm", "lvae")) {
            assertTrue(board.stream().anyMatch(l -> l.startsWith(model + ",")), "09: no " + model + " in " + board);
            assertEquals(3, split.stream().filter(l -> l.startsWith(model + ",")).count(), "09 split: " + split);
            Path results = OUT.resolve("nab-results/dgmkit_" + model);
            assertTrue(Files.isRegularFile(results.resolve("detector.json")), "no " + results + "/detector.json");
            try (Stream<Path> csv = Files.walk(results)) {
                assertEquals(6, csv.filter(p -> p.toString().endsWith(".csv")).count(), model + ": 6 files in quick mode");
            }
        }
    }

    /** The notebooks of quick-outputs.txt write exactly the figures and tables listed there. */
    @Test
    void notebooksWriteTheFiguresAndTablesTheyAlwaysWrote() throws IOException {
        java.util.Map<String, java.util.TreeSet<String>> expected = new java.util.TreeMap<>();
        try (var in = NotebooksIT.class.getResourceAsStream("quick-outputs.txt")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split(" ", 3);
                    expected.computeIfAbsent(f[0], k -> new java.util.TreeSet<>()).add(f[1] + " " + f[2]);
                }
            }
        }
        assertFalse(expected.isEmpty());
        for (var e : expected.entrySet()) {
            String stem = e.getKey();
            java.util.TreeSet<String> actual = new java.util.TreeSet<>();
            Path figures = OUT.resolve("figures").resolve(stem);
            if (Files.isDirectory(figures)) {
                try (Stream<Path> s = Files.list(figures)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                            .forEach(n -> actual.add("figure " + n.substring(0, n.length() - 4)));
                }
            }
            try (Stream<Path> s = Files.list(OUT.resolve("tables"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(stem + "-") && n.endsWith(".csv"))
                        .forEach(n -> actual.add("table " + n.substring(stem.length() + 1, n.length() - 4)));
            }
            assertEquals(e.getValue(), actual, stem + ": figures and tables written in quick mode");
        }
    }

    static void check(Path source, String stem) throws IOException {
        Path executed = OUT.resolve("notebooks").resolve(source.getFileName());
        assertTrue(Files.isRegularFile(executed), "no executed notebook " + executed);
        JsonObject nb = new JsonParser().parse(Files.readString(executed)).getAsJsonObject();
        int images = 0;
        int html = 0;
        int codeCells = 0;
        StringBuilder allSource = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            codeCells++;
            String src = join(cell.getAsJsonArray("source"));
            allSource.append(src).append('\n');
            assertFalse(cell.get("execution_count").isJsonNull(), stem + ": a code cell did not run: " + src);
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                assertFalse(type.equals("error"), stem + ": error output in cell: " + src + "\n" + out);
                if (out.has("data")) {
                    JsonObject data = out.getAsJsonObject("data");
                    // IJava shows display(...)'s returned id when a cell ends in that call: end it with the object
                    assertFalse(showsDisplayId(out), stem + ": a cell ending in display(...) shows its display id"
                            + " as the result: " + src);
                    images += data.has("image/png") ? 1 : 0;
                    html += data.has("text/html") ? 1 : 0;
                }
            }
        }
        assertTrue(codeCells > 2, stem + ": too few code cells");
        // every exported figure was also shown, and every figure file has its PNG and SVG
        // exported names: a literal ("digits") must exist exactly; a computed one ("curve-L" + n) by its prefix
        // exports are calls on a variable (out.figure("name", ...)), not a library's static method of that name
        List<String[]> figures = names(allSource,
                Pattern.compile("\\b[a-z]\\w*\\.figure\\(\"([^\"]+)\"\\s*([,+])"));
        List<String[]> tables = names(allSource,
                Pattern.compile("\\b[a-z]\\w*\\.table\\(\"([^\"]+)\"\\s*([,+])"));
        assertTrue(images >= Math.min(1, figures.size()), stem + ": no image/png output");
        Path figureDir = OUT.resolve("figures").resolve(stem);
        for (String[] f : figures) {
            if (f[1].equals(",")) {
                assertTrue(Files.size(figureDir.resolve(f[0] + ".png")) > 1000, stem + ": figure " + f[0] + ".png missing");
                assertTrue(Files.readString(figureDir.resolve(f[0] + ".svg")).contains("<svg"), stem + ": " + f[0] + ".svg missing");
            } else {
                assertTrue(exists(figureDir, f[0], ".png") && exists(figureDir, f[0], ".svg"),
                        stem + ": no figure " + f[0] + "*.png/.svg in " + figureDir);
            }
        }
        if (!tables.isEmpty()) {
            assertTrue(html >= 1, stem + ": tables exported but none shown as HTML");
        }
        for (String[] t : tables) {
            if (t[1].equals(",")) {
                Path csv = OUT.resolve("tables").resolve(stem + "-" + t[0] + ".csv");
                assertTrue(Files.readAllLines(csv).size() >= 2, stem + ": table " + csv + " missing or empty");
            } else {
                assertTrue(exists(OUT.resolve("tables"), stem + "-" + t[0], ".csv"), stem + ": no table " + t[0] + "*.csv");
            }
        }
    }

    static boolean exists(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith(prefix) && n.endsWith(suffix));
        }
    }

    static List<String[]> names(CharSequence source, Pattern p) {
        List<String[]> names = new ArrayList<>();
        Matcher m = p.matcher(source);
        while (m.find()) {
            names.add(new String[] {m.group(1), m.group(2)});
        }
        return names;
    }

    /** A cell result that is only a display id: what IJava shows for a cell ending in {@code display(...)}. */
    static boolean showsDisplayId(JsonObject output) {
        if (!output.get("output_type").getAsString().equals("execute_result") || !output.has("data")) {
            return false;
        }
        JsonObject data = output.getAsJsonObject("data");
        return data.size() == 1 && data.has("text/plain")
                && DISPLAY_ID.matcher(text(data.get("text/plain")).trim().replace("\"", "")).matches();
    }

    /** A notebook text field: a string or a list of lines. */
    static String text(JsonElement field) {
        return field.isJsonArray() ? join(field.getAsJsonArray()) : field.getAsString();
    }

    static String join(JsonArray lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.getAsString()));
        return sb.toString();
    }
}
