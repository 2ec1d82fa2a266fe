package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile NAME} reads notebooks/NAME.properties like --quick reads quick.properties. */
class RunProfileTest {

    @TempDir
    Path dir;

    @Test
    void profileFlagIsParsedAndExclusiveWithQuick() {
        assertEquals("paper", RunOptions.parse(List.of("--profile", "paper", "a.ipynb")).profile());
        assertEquals(null, RunOptions.parse(List.of("--quick")).profile());
        assertTrue(assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--quick", "--profile", "paper")))
                .getMessage().contains("either --quick or --profile paper"));
        assertTrue(assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--profile", "../x")))
                .getMessage().contains("--profile takes a name"));
    }

    @Test
    void profileFileIsReadAndAMissingOneIsNamed() throws Exception {
        Files.writeString(dir.resolve("paper.properties"), "epochs=1000\n04-x.iwK=5000\n");
        var p = RunCommand.profileProperties(dir, "paper");
        assertEquals("1000", p.getProperty("epochs"));
        assertEquals("5000", p.getProperty("04-x.iwK"));
        String m = assertThrows(KitException.class, () -> RunCommand.profileProperties(dir, "huge")).getMessage();
        assertTrue(m.contains("--profile huge: no " + dir.resolve("huge.properties")), m);
    }

    @Test
    void theCommittedPaperProfileOnlyNamesDeclaredParameters() throws Exception {
        Path notebooks = Path.of("..", "notebooks");
        var paper = RunCommand.profileProperties(notebooks, "paper");
        for (String key : paper.stringPropertyNames()) {
            String stem = key.substring(0, key.indexOf('.'));
            Path nb = notebooks.resolve(stem + ".ipynb");
            assertTrue(Files.isRegularFile(nb), "paper.properties names a missing notebook: " + key);
            var declared = NotebookParameters.declarations(Notebook.read(nb));
            assertTrue(declared.containsKey(key.substring(key.indexOf('.') + 1)), key + " is not declared in " + nb);
        }
    }
}
