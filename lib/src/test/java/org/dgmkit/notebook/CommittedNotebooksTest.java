package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed notebooks as Jupyter with the real IJava 1.3.0 kernel reads them (checked without running them):
 * nbformat 4.5 cells each with a unique id (nbformat warns on a missing one and will reject it), the {@code java}
 * kernelspec, no outputs, and no cell ending in a bare {@code display(...)} call (IJava then shows the returned
 * display id as the cell's result).
 */
class CommittedNotebooksTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    static List<Path> committed() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
            assertFalse(all.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
            return all;
        }
    }

    @Test
    void everyCellHasAUniqueIdAndTheJavaKernelspec() throws IOException {
        for (Path file : committed()) {
            Notebook nb = Notebook.read(file);
            assertTrue(nb.usesCellIds(), file + ": not nbformat 4.5");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < nb.size(); i++) {
                JsonElement id = nb.cell(i).get("id");
                assertTrue(id != null && id.isJsonPrimitive() && id.getAsString().matches("[a-zA-Z0-9_-]{1,64}"),
                        file + ": cell " + (i + 1) + " has no valid id (nbformat 4.5 needs one)");
                assertTrue(ids.add(id.getAsString()), file + ": cell id " + id + " is used twice");
            }
            JsonObject spec = nb.metadata().getAsJsonObject("kernelspec");
            assertEquals("java", spec == null ? null : spec.get("name").getAsString(), file + ": kernelspec");
        }
    }

    @Test
    void noOutputsAndNoCellEndingInDisplay() throws IOException {
        for (Path file : committed()) {
            Notebook nb = Notebook.read(file);
            for (int i = 0; i < nb.size(); i++) {
                JsonObject cell = nb.cell(i);
                if (!Notebook.type(cell).equals("code")) {
                    continue;
                }
                assertEquals(0, cell.getAsJsonArray("outputs").size(), file + ": cell " + (i + 1) + " is committed with outputs");
                String last = Notebook.source(cell).strip().lines().reduce((a, b) -> b).orElse("").strip();
                assertFalse(endsInDisplay(last), file + ": cell " + (i + 1) + " ends in '" + last
                        + "': IJava shows the display id as its result; end the cell with the object itself");
            }
        }
    }

    static boolean endsInDisplay(String lastLine) {
        return lastLine.matches("display\\(.*\\);?");
    }

    @Test
    void displayEndingIsRecognised() {
        assertTrue(endsInDisplay("display(out.figure(\"a\", f));"));
        assertTrue(endsInDisplay("display(img)"));
        assertFalse(endsInDisplay("figures.forEach((n, f) -> display(out.figure(n, f)));"));
        assertFalse(endsInDisplay("out.figure(\"a\", f)"));
    }
}
