package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.cli.KitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./kit run} end to end through the child JVM (working directory, parameters, output files, failures). */
class RunCommandTest {
    @TempDir
    Path root;

    @Test
    void runsNotebooksInTheirFolderWithInjectedParameters() throws IOException {
        Path notebooks = Files.createDirectories(root.resolve("notebooks"));
        Files.writeString(notebooks.resolve("input.txt"), "from the notebook folder\n");
        Files.writeString(notebooks.resolve(RunCommand.QUICK_FILE), "epochs=2\nb-second.noise=quiet\n");
        TestNotebooks.write(TestNotebooks.notebook(
                "#tag:parameters\nint epochs = 50;\nString noise = \"gauss\";",
                "System.out.println(epochs + \" \" + noise);",
                "new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"input.txt\"))).trim()"),
                notebooks.resolve("a-first.ipynb"));
        TestNotebooks.write(TestNotebooks.notebook(
                "#tag:parameters\nint epochs = 50;\nString noise = \"gauss\";\ndouble rate = 0.5;",
                "System.out.println(epochs + \" \" + noise + \" \" + rate);",
                "var f = java.nio.file.Path.of(\"../results/figures/b-second/curve.png\");\n"
                        + "java.nio.file.Files.createDirectories(f.getParent());\n"
                        + "java.nio.file.Files.writeString(f, \"png\");\n"
                        + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"../results/tables/b-second-t.csv\"), \"a\\n1\\n\");"),
                notebooks.resolve("b-second.ipynb"));
        Files.createDirectories(root.resolve("results/tables"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = RunCommand.run(List.of("--quick", "--heap", "512m", "-p", "rate", "0.25", "--out", "results"),
                root, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, code, log.toString(StandardCharsets.UTF_8));

        Notebook first = Notebook.read(root.resolve("results/notebooks/a-first.ipynb"));
        assertEquals("2 gauss\n", TestNotebooks.text(TestNotebooks.outputs(first, 3), "stream"),
                "quick.properties applies epochs=2; -p rate is not declared here and skipped");
        assertEquals("from the notebook folder", TestNotebooks.text(TestNotebooks.outputs(first, 4), "execute_result"),
                "relative paths resolve against the notebook's folder");
        Notebook second = Notebook.read(root.resolve("results/notebooks/b-second.ipynb"));
        assertEquals("2 quiet 0.25\n", TestNotebooks.text(TestNotebooks.outputs(second, 3), "stream"));
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("notebooks/a-first.ipynb: cell 4/4 (notebook cell 5)"), "the injected cell counts: " + progress);
        String report = Files.readString(root.resolve("results/index.html"));
        assertTrue(report.contains("2 notebook(s): 2 ok"), report);
        assertTrue(report.contains("<a href=\"notebooks/a-first.ipynb\">") && report.contains("<a href=\"notebooks/b-second.ipynb\">"));
        assertTrue(report.contains("src=\"figures/b-second/curve.png\"") && report.contains("href=\"tables/b-second-t.csv\""), report);
        assertTrue(progress.contains("report: results/index.html"), progress);
    }

    @Test
    void aFailingCellStopsTheRunNamingNotebookAndCell() throws IOException {
        Path notebooks = Files.createDirectories(root.resolve("notebooks"));
        TestNotebooks.write(TestNotebooks.notebook(
                "int ok = 1;",
                "Object nothing = null;\nnothing.toString()",
                "System.out.println(\"not reached\");"), notebooks.resolve("broken.ipynb"));
        TestNotebooks.write(TestNotebooks.notebook("int never = 1;"), notebooks.resolve("later.ipynb"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        KitException e = assertThrows(KitException.class, () -> RunCommand.run(List.of("--heap", "512m"), root,
                new PrintStream(log, true, StandardCharsets.UTF_8)));
        String message = e.getMessage();
        assertTrue(message.contains("notebooks/broken.ipynb: cell 3 (code cell 2) failed"), message);
        assertTrue(message.contains("java.lang.NullPointerException"), message);
        assertTrue(message.contains("partial notebook written to"), message);
        Notebook partial = Notebook.read(root.resolve("out/notebooks/broken.ipynb"));
        assertEquals("error", TestNotebooks.outputs(partial, 2).get(0).getAsJsonObject().get("output_type").getAsString());
        assertTrue(TestNotebooks.codeCell(partial, 3).get("execution_count").isJsonNull());
        assertTrue(Files.notExists(root.resolve("out/notebooks/later.ipynb")), "the run stops at the failure");
        String report = Files.readString(root.resolve("out/index.html"));
        assertTrue(report.contains("2 notebook(s): 0 ok, 1 failed, 1 not run"), report);
        assertTrue(report.contains("<td class=\"failed\">failed</td>") && report.contains("<td>2 of 3</td>"), report);
        assertTrue(report.contains("cell 3 (code cell 2) failed") && report.contains("NullPointerException"), report);
        assertTrue(report.contains("<td class=\"not-run\">not run</td>"), report);
    }

    @Test
    void aNotebookThatExitsTheJvmIsNotTakenForSuccess() throws IOException {
        Path notebooks = Files.createDirectories(root.resolve("notebooks"));
        TestNotebooks.write(TestNotebooks.notebook("System.exit(0);", "int after = 1;"), notebooks.resolve("quits.ipynb"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        KitException e = assertThrows(KitException.class, () -> RunCommand.run(List.of("--heap", "256m", "quits"), root, quiet));
        assertTrue(e.getMessage().contains("stopped before the last cell"), e.getMessage());
    }
}
