package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report lists this run's figures and tables per notebook, with status and times, in name order. */
class RunReportTest {
    @TempDir
    Path out;

    private PreparedNotebook prepared(String stem) {
        return new PreparedNotebook(Path.of("notebooks", stem + ".ipynb"), "notebooks/" + stem + ".ipynb",
                out.resolve("notebooks").resolve(stem + ".ipynb"), TestNotebooks.notebook("int a = 1;"),
                Map.of("epochs", "2"));
    }

    private Path write(String relative, String content) throws IOException {
        Path p = out.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void listsThisRunsFiguresAndTablesWithStatusAndTime() throws IOException {
        Path stale = write("figures/01-a/old.png", "png");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
        RunReport report = new RunReport(out, "./kit run --quick", List.of(prepared("01-a"), prepared("02-b"),
                prepared("03-c")));
        report.started(0);
        write("figures/01-a/z curve.png", "png");
        write("figures/01-a/z curve.svg", "svg");
        write("figures/01-a/a<b.png", "png");
        write("tables/01-a-results.csv", "model,value\nVAE,1.5\nLVAE,2.5\n");
        Files.setLastModifiedTime(write("tables/02-b-other.csv", "x\n1\n"),
                FileTime.from(Instant.now().minusSeconds(60)));
        TestNotebooks.notebook("int a = 1;").write(out.resolve("notebooks/01-a.ipynb"));
        report.finished(0, 12.34, null);
        report.started(1);
        write("tables/02-b-partial.csv", "x\n1\n");
        report.finished(1, 200, "notebook notebooks/02-b.ipynb: cell 3 (code cell 2) failed: java.lang.Error: <boom>");
        String html = Files.readString(report.file());

        assertTrue(html.contains("3 notebook(s): 1 ok, 1 failed, 1 not run"), html);
        assertTrue(html.contains("./kit run --quick"));
        // figures of this run only, by name, as thumbnails linking PNG and SVG; names escaped and URL-encoded
        assertFalse(html.contains("old.png"), "a figure from an earlier run is not this run's");
        int a = html.indexOf("src=\"figures/01-a/a%3Cb.png\"");
        int z = html.indexOf("src=\"figures/01-a/z%20curve.png\"");
        assertTrue(a > 0 && z > a, html);
        assertTrue(html.contains("<a href=\"figures/01-a/z%20curve.svg\">svg</a>"), html);
        assertTrue(html.contains("alt=\"a&lt;b\""), html);
        // tables linked with a preview
        assertTrue(html.contains("<a href=\"tables/01-a-results.csv\">tables/01-a-results.csv</a>"), html);
        assertTrue(html.contains("<caption>2 rows</caption>") && html.contains("<td>LVAE</td>"), html);
        assertFalse(html.contains("02-b-other.csv"), "written before 02-b started");
        assertTrue(html.contains("href=\"tables/02-b-partial.csv\""), "a failed notebook's tables are listed too");
        // status, wall time, the failure's message, the executed notebook
        assertTrue(html.contains("<td class=\"ok\">ok</td><td>12.3 s</td><td>0 of 1</td><td>2</td><td>1</td>"), html);
        assertTrue(html.contains("<td class=\"failed\">failed</td><td>3.3 min</td>"), html);
        assertTrue(html.contains("<pre>notebook notebooks/02-b.ipynb: cell 3 (code cell 2) failed: java.lang.Error: &lt;boom&gt;</pre>"));
        assertTrue(html.contains("<td class=\"not-run\">not run</td>"), html);
        assertTrue(html.contains("executed notebook: <a href=\"notebooks/01-a.ipynb\">"), html);
        assertTrue(html.contains("parameters {epochs=2}"), html);
        assertEquals(html, Files.readString(report.write()), "rewriting without news changes nothing");
    }

    @Test
    void aPreviewShowsTheFirstRowsOfALongTable() throws IOException {
        StringBuilder csv = new StringBuilder("i\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append('\n');
        }
        String html = RunReport.preview(write("tables/t.csv", csv.toString()));
        assertTrue(html.contains("<caption>20 rows, first " + RunReport.PREVIEW_ROWS + " shown</caption>"), html);
        assertTrue(html.contains(">7</td>") && !html.contains(">8</td>"), html);
    }
}
