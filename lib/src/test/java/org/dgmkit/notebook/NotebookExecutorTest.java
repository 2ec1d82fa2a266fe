package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole notebooks executed in this JVM: outputs in nbformat, timings, and the stop at the first failing cell. */
class NotebookExecutorTest {
    @TempDir
    Path dir;

    private NotebookExecutor.Outcome execute(Notebook notebook, Path output, ByteArrayOutputStream progress) {
        List<Path> kernel = TestNotebooks.kernelEntries(dir.resolve("shim"));
        return NotebookExecutor.execute(notebook, output, "test.ipynb", kernel,
                new PrintStream(progress, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void writesStreamsResultsImagesAndTimings() {
        Notebook notebook = TestNotebooks.notebook(
                "int n = 3;\n%jars no-match-*.jar",
                "System.out.println(\"n is \" + n);\nSystem.out.print(\"10%\\r20%\\r\");\nSystem.err.println(\"careful\");\nn * 2",
                "",
                "import java.awt.image.BufferedImage;\nvar img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);\ndisplay(img);\nprintf(\"%d-%s%n\", n, \"done\");\nimg");
        Path output = dir.resolve("out/test.ipynb");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        NotebookExecutor.Outcome outcome = execute(notebook, output, progress);
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        assertEquals(3, outcome.executed(), "the blank cell is skipped, as nbclient does");

        Notebook written = Notebook.read(output);
        assertEquals(1, TestNotebooks.codeCell(written, 1).get("execution_count").getAsInt());
        assertTrue(TestNotebooks.text(TestNotebooks.outputs(written, 1), "stream")
                .startsWith("%jars: nothing matches 'no-match-*.jar'"), "a glob matching nothing is reported");
        JsonArray second = TestNotebooks.outputs(written, 2);
        assertEquals("n is 3\n10%\r20%\r", TestNotebooks.text(second, "stream").split("careful")[0],
                "stdout kept as printed, \\r progress included");
        assertEquals("stderr", second.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals("6", TestNotebooks.text(second, "execute_result"));
        assertTrue(TestNotebooks.codeCell(written, 3).get("execution_count").isJsonNull());

        JsonArray fourth = TestNotebooks.outputs(written, 4);
        assertEquals(List.of("display_data", "stream", "execute_result"), types(fourth));
        assertEquals("3-done\n", TestNotebooks.text(fourth, "stream"));
        for (int i : new int[] {0, 2}) {
            JsonObject data = fourth.get(i).getAsJsonObject().getAsJsonObject("data");
            assertTrue(data.get("image/png").getAsString().startsWith("iVBORw0KGgo"), "base64 PNG signature");
        }
        assertEquals(3, fourth.get(2).getAsJsonObject().get("execution_count").getAsInt());

        JsonObject metadata = TestNotebooks.codeCell(written, 4).getAsJsonObject("metadata");
        assertTrue(metadata.getAsJsonObject("execution").has("shell.execute_reply"));
        assertTrue(metadata.getAsJsonObject("dgmkit").get("wall_seconds").getAsDouble() >= 0);
        assertEquals("ok", written.metadata().getAsJsonObject("dgmkit").get("status").getAsString());
        assertEquals("Java", written.metadata().getAsJsonObject("language_info").get("name").getAsString());
        String log = progress.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("cell 3/3"), log);
    }

    /** As IJava 1.3.0 under nbconvert: a cell ending in display(...) also shows the returned id; NotebooksIT flags it. */
    @Test
    void aCellEndingInDisplayShowsTheDisplayIdAsItsResult() {
        Notebook notebook = TestNotebooks.notebook(
                "import java.awt.image.BufferedImage;\nvar img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);\ndisplay(img);",
                "img");
        Path output = dir.resolve("display-id.ipynb");
        NotebookExecutor.Outcome outcome = execute(notebook, output, new ByteArrayOutputStream());
        assertTrue(outcome.ok(), () -> String.valueOf(outcome.error()));
        Notebook written = Notebook.read(output);
        JsonArray first = TestNotebooks.outputs(written, 1);
        assertEquals(List.of("display_data", "execute_result"), types(first));
        assertTrue(NotebooksIT.showsDisplayId(first.get(1).getAsJsonObject()), first.toString());
        JsonArray second = TestNotebooks.outputs(written, 2);
        assertEquals(List.of("execute_result"), types(second));
        assertFalse(NotebooksIT.showsDisplayId(second.get(0).getAsJsonObject()), "an image result is no display id");
    }

    @Test
    void stopsAtTheFirstFailingCellAndWritesThePartialNotebook() {
        Notebook notebook = TestNotebooks.notebook(
                "System.out.println(\"before\");",
                "int[] a = new int[2];\nSystem.out.println(\"about to fail\");\na[5] = 1;",
                "System.out.println(\"never\");");
        Path output = dir.resolve("partial.ipynb");
        NotebookExecutor.Outcome outcome = execute(notebook, output, new ByteArrayOutputStream());
        assertFalse(outcome.ok());
        assertEquals(2, outcome.failedCell(), "0-based index of the failing cell (after the markdown cell)");
        assertEquals("EvalException", outcome.error().ename());

        Notebook written = Notebook.read(output);
        assertEquals("before\n", TestNotebooks.text(TestNotebooks.outputs(written, 1), "stream"));
        JsonArray failed = TestNotebooks.outputs(written, 2);
        assertEquals(List.of("stream", "error"), types(failed));
        JsonObject error = failed.get(1).getAsJsonObject();
        assertTrue(Notebook.text(error.get("traceback")).contains("java.lang.ArrayIndexOutOfBoundsException"));
        JsonObject third = TestNotebooks.codeCell(written, 3);
        assertTrue(third.get("execution_count").isJsonNull(), "later cells are not run");
        assertEquals(0, third.getAsJsonArray("outputs").size());
        JsonObject run = written.metadata().getAsJsonObject("dgmkit");
        assertEquals("failed", run.get("status").getAsString());
        assertEquals(3, run.get("failed_cell").getAsInt());
    }

    private static List<String> types(JsonArray outputs) {
        List<String> types = new java.util.ArrayList<>();
        outputs.forEach(o -> types.add(o.getAsJsonObject().get("output_type").getAsString()));
        return types;
    }
}
