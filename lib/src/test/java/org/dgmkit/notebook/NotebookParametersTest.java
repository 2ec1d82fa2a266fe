package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dgmkit.cli.KitException;
import org.junit.jupiter.api.Test;

/** Papermill-style parameter parsing and injection. */
class NotebookParametersTest {
    private static final String PARAMETERS = """
            #tag:parameters
            int epochs = 10;          // training epochs
            String noise = "gauss";
            double[] levels = {0.1, 0.2};
            long seed = 42L; boolean quick = false;
            /* a comment; with a semicolon */ float rate = 1e-3f;
            List<String> names = List.of("a;b");
            var label = "x";
            """;

    @Test
    void readsTheDeclarationsOfTheParametersCell() {
        Map<String, NotebookParameters.Declaration> declared =
                NotebookParameters.declarations(TestNotebooks.notebook("int before = 1;", PARAMETERS));
        assertEquals(List.of("epochs", "noise", "levels", "seed", "quick", "rate", "names", "label"),
                List.copyOf(declared.keySet()));
        assertEquals("double[]", declared.get("levels").type());
        assertEquals("List<String>", declared.get("names").type());
        assertEquals("{0.1, 0.2}", declared.get("levels").initializer());
    }

    @Test
    void injectsTypedDeclarationsRightAfterTheParametersCell() {
        Notebook notebook = TestNotebooks.notebook("int before = 1;", PARAMETERS, "int after = 2;");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("epochs", "3");
        values.put("noise", "salt \"and\" pepper");
        values.put("levels", "0.5,0.7");
        values.put("seed", "7");
        values.put("quick", "true");
        values.put("rate", "0.01");
        values.put("names", "List.of(\"z\")");
        values.put("label", "y");
        NotebookParameters.inject(notebook, "nb.ipynb", values);
        assertEquals(5, notebook.size());
        assertEquals(List.of("injected-parameters"), Notebook.tags(notebook.cell(3)));
        assertEquals("""
                // Parameters injected by ./kit run
                int epochs = 3;
                String noise = "salt \\"and\\" pepper";
                double[] levels = new double[]{0.5, 0.7};
                long seed = 7L;
                boolean quick = true;
                float rate = 0.01f;
                List<String> names = List.of("z");
                var label = "y";""", Notebook.source(notebook.cell(3)));
        assertEquals("int after = 2;", Notebook.source(notebook.cell(4)));

        NotebookParameters.inject(notebook, "nb.ipynb", Map.of("epochs", "4"));
        assertEquals(5, notebook.size(), "a second injection replaces the first");
        assertTrue(Notebook.source(notebook.cell(3)).contains("int epochs = 4;"));
    }

    @Test
    void undeclaredNamesAndBadValuesFailNamingNotebookAndParameter() {
        Notebook notebook = TestNotebooks.notebook(PARAMETERS);
        KitException undeclared = assertThrows(KitException.class,
                () -> NotebookParameters.inject(notebook, "nb.ipynb", Map.of("epoch", "3")));
        assertTrue(undeclared.getMessage().contains("nb.ipynb") && undeclared.getMessage().contains("'epoch'"),
                undeclared.getMessage());
        assertTrue(undeclared.getMessage().contains("declared: epochs"), undeclared.getMessage());
        KitException bad = assertThrows(KitException.class,
                () -> NotebookParameters.inject(notebook, "nb.ipynb", Map.of("epochs", "many")));
        assertTrue(bad.getMessage().contains("'epochs' is declared int"), bad.getMessage());
        KitException noCell = assertThrows(KitException.class,
                () -> NotebookParameters.inject(TestNotebooks.notebook("int x = 1;"), "plain.ipynb", Map.of("x", "2")));
        assertTrue(noCell.getMessage().contains("no cell tagged 'parameters'"), noCell.getMessage());
    }

    @Test
    void quickPropertiesApplyGenerallyOrPerNotebook() {
        Map<String, NotebookParameters.Declaration> declared =
                NotebookParameters.declarations(TestNotebooks.notebook(PARAMETERS));
        Properties quick = new Properties();
        quick.setProperty("epochs", "1");
        quick.setProperty("unknown", "5");
        quick.setProperty("02-vae.noise", "none");
        quick.setProperty("02-vae.epochs", "2");
        quick.setProperty("03-other.whatever", "9");
        Map<String, String> values = NotebookParameters.quickValues(quick, "02-vae", declared, "notebooks/02-vae.ipynb");
        assertEquals(Map.of("epochs", "2", "noise", "none"), values, "notebook-specific keys win; unknown names skip");
        assertEquals(Map.of("epochs", "1"), NotebookParameters.quickValues(quick, "01-x", declared, "01-x"));
        quick.setProperty("02-vae.nope", "1");
        KitException e = assertThrows(KitException.class,
                () -> NotebookParameters.quickValues(quick, "02-vae", declared, "notebooks/02-vae.ipynb"));
        assertTrue(e.getMessage().contains("02-vae.nope"), e.getMessage());
    }
}
