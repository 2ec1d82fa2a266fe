package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.cli.KitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongRunFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void reads_comments_columns_and_rows_with_blank_cells_as_nan() throws Exception {
        Path f = write("run.csv", """
                # sdgm: settings auxSamples=1
                # sdgm: process from epoch 1, commit abc
                model,epoch,test_error,tuning_error,learning_rate,hours
                sdgm,1,22.46,18.84,0.0003,0.0334
                sdgm,2,18.5,,0.0003,0.07
                adgm,1,23.38,20.02,0.0003,0.0351
                """);
        LongRunFile r = LongRunFile.read(f);
        assertEquals(List.of("sdgm", "adgm"), r.models());
        assertEquals(2, r.provenance("sdgm").size());
        assertArrayEquals(new double[] {22.46, 18.5}, r.column("sdgm", "test_error"), 0);
        assertTrue(Double.isNaN(r.column("sdgm", "tuning_error")[1]));
        double[][] c = r.curve("sdgm", "epoch", "tuning_error"); // the blank row is left out
        assertArrayEquals(new double[] {1}, c[0], 0);
        assertEquals(0.07, r.firstAtOrBelow("sdgm", "test_error", 20, "hours"), 0);
        assertTrue(Double.isNaN(r.firstAtOrBelow("adgm", "test_error", 5, "hours")));
    }

    @Test
    void writing_and_reading_back_keeps_every_figure_and_replaces_one_models_rows() {
        LongRunFile f = LongRunFile.empty(SemiSupervisedLongRun.COLUMNS)
                .withModel("adgm", List.of("adgm: a"), List.of(new LongRunFile.Row("adgm", new double[] {1, 23.38,
                    20.02, 3e-4, 0.0351})))
                .withModel("sdgm", List.of("sdgm: s"), List.of(new LongRunFile.Row("sdgm", new double[] {1, 22.46,
                    Double.NaN, 3e-4, 0.0334})));
        f = f.withModel("adgm", List.of("adgm: b"), List.of(
                new LongRunFile.Row("adgm", new double[] {1, 23.38, 20.02, 3e-4, 0.0351}),
                new LongRunFile.Row("adgm", new double[] {2, 19.0, 17.0, 3e-4, 0.07})));
        Path p = dir.resolve("sub/out.csv");
        f.write(p);
        LongRunFile back = LongRunFile.read(p);
        assertEquals(List.of("sdgm: s", "adgm: b"), back.comments());
        assertArrayEquals(new double[] {1, 2}, back.column("adgm", "epoch"), 0);
        assertArrayEquals(new double[] {23.38, 19.0}, back.column("adgm", "test_error"), 0);
        assertEquals(3e-4, back.column("adgm", "learning_rate")[0], 0);
        assertTrue(Double.isNaN(back.column("sdgm", "tuning_error")[0]));
    }

    @Test
    void a_malformed_file_fails_naming_file_line_and_column() throws Exception {
        Path bad = write("bad.csv", "# c\nmodel,epoch,test_error\nsdgm,1,22.4\nsdgm,2,abc\n");
        KitException e = assertThrows(KitException.class, () -> LongRunFile.read(bad));
        assertTrue(e.getMessage().contains("bad.csv:4: column 'test_error' is 'abc'"), e.getMessage());
        Path cells = write("cells.csv", "model,epoch,test_error\nsdgm,1\n");
        e = assertThrows(KitException.class, () -> LongRunFile.read(cells));
        assertTrue(e.getMessage().contains("cells.csv:2: 2 cells, expected 3"), e.getMessage());
        Path header = write("header.csv", "# only comments\n");
        e = assertThrows(KitException.class, () -> LongRunFile.read(header));
        assertTrue(e.getMessage().contains("no header line"), e.getMessage());
        Path wrong = write("wrong.csv", "epoch,model\n1,sdgm\n");
        e = assertThrows(KitException.class, () -> LongRunFile.read(wrong));
        assertTrue(e.getMessage().contains("wrong.csv:1: expected a header 'model,"), e.getMessage());
    }

    @Test
    void a_model_name_that_would_break_the_csv_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LongRunFile.Row("chosen (auxvae, no refits)", new double[] {1}));
        assertTrue(e.getMessage().contains("'chosen (auxvae, no refits)'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LongRunFile.Row("# note", new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new LongRunFile.Row("a\nb", new double[] {1}));
    }

    @Test
    void every_committed_result_table_reads() throws Exception {
        // the notebooks read these; a row that does not parse fails a notebook only in the (slow) notebook run
        for (String name : List.of("02-long-run.csv", "04-long-run.csv", "09-selection.csv",
                "09-detectors.csv", "09-detectors-run2.csv")) {
            Path committed = Path.of("..", "notebooks", "results", name);
            LongRunFile.readIfPresent(committed).ifPresent(f -> assertTrue(f.rows().size() > 0, name));
        }
    }

    @Test
    void a_missing_file_is_empty_not_an_error() {
        assertTrue(LongRunFile.readIfPresent(dir.resolve("none.csv")).isEmpty());
    }

    @Test
    void the_committed_long_run_file_reads_when_present() {
        Path committed = Path.of("..", "notebooks", "results", "02-long-run.csv");
        LongRunFile.readIfPresent(committed).ifPresent(f -> {
            assertEquals(SemiSupervisedLongRun.COLUMNS, f.columns());
            for (String m : f.models()) {
                assertTrue(f.provenance(m).size() >= 2, "provenance of " + m + ": " + f.provenance(m));
                double[] e = f.column(m, "epoch");
                for (int i = 1; i < e.length; i++) {
                    assertTrue(e[i] > e[i - 1], m + ": epochs not increasing at row " + i);
                }
            }
        });
    }
}
