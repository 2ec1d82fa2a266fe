package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dgmkit.data.MnistData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class SemiSupervisedLongRunTest {
    @TempDir
    Path dir;

    /** 300 training and 100 test images of {@link #data}, and a log nobody reads. */
    private final MnistData train = data(300, 1);
    private final MnistData test = data(100, 2);
    private final PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());

    /** Random grey images of two kinds (bright left or right half) with their labels cycling over 10 classes. */
    static MnistData data(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int j = 0; j < 784; j++) {
                boolean bright = (j % 28 < 14) == (labels[i] % 2 == 0);
                x[i * 784 + j] = bright ? 0.6f + 0.4f * r.nextFloat() : 0.2f * r.nextFloat();
            }
        }
        return new MnistData(Nd4j.create(x, new long[] {n, 784}), labels);
    }

    /** SDGM on 300 digits (60 of them the tuning split), 2 labels per class, 2 epochs, no early stop. */
    private static SemiSupervisedLongRun.Settings tinyTwoEpochs() {
        return SemiSupervisedLongRun.Settings.defaults("sdgm").withImages(300, 60).withLabelsPerClass(2)
                .withTestSamples(2).withMaxEpochs(2).withTargetError(-1);
    }

    @Test
    void writes_one_row_per_epoch_and_resumes_where_it_stopped() {
        SemiSupervisedLongRun.Settings s = tinyTwoEpochs();
        Path out = dir.resolve("results/02-long-run.csv");
        SemiSupervisedLongRun.run(s, train, test, out, dir.resolve("models"), "commit test", quiet);
        LongRunFile first = LongRunFile.read(out);
        assertArrayEquals(new double[] {1, 2}, first.column("sdgm", "epoch"), 0);
        SemiSupervisedLongRun.run(s.withMaxEpochs(3), train, test, out, dir.resolve("models"), "commit later",
                quiet);
        LongRunFile f = LongRunFile.read(out);
        assertEquals(SemiSupervisedLongRun.COLUMNS, f.columns());
        assertArrayEquals(new double[] {1, 2, 3}, f.column("sdgm", "epoch"), 0);
        // the first two epochs' figures are the ones the first process wrote (loaded from the checkpoint)
        assertArrayEquals(first.column("sdgm", "test_error"), java.util.Arrays.copyOf(f.column("sdgm", "test_error"),
                2), 0);
        double[] hours = f.column("sdgm", "hours");
        assertTrue(hours[0] > 0 && hours[1] > hours[0] && hours[2] > hours[1], java.util.Arrays.toString(hours));
        for (double e : f.column("sdgm", "test_error")) {
            assertTrue(e >= 0 && e <= 100, "error " + e);
        }
        assertEquals(3e-4, f.column("sdgm", "learning_rate")[2], 0);
        // provenance: the settings and one line per process, in order
        assertEquals(3, f.provenance("sdgm").size(), f.provenance("sdgm").toString());
        assertTrue(f.provenance("sdgm").get(1).contains("from epoch 1") && f.provenance("sdgm").get(1)
                .contains("commit test"), f.provenance("sdgm").get(1));
        assertTrue(f.provenance("sdgm").get(2).contains("from epoch 3") && f.provenance("sdgm").get(2)
                .contains("commit later"), f.provenance("sdgm").get(2));
    }

    @Test
    void a_new_result_file_beside_a_checkpoint_gets_the_checkpoints_epochs_once() {
        SemiSupervisedLongRun.Settings s = tinyTwoEpochs();
        SemiSupervisedLongRun.run(s, train, test, dir.resolve("a.csv"), dir.resolve("models"), "commit a", quiet);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        SemiSupervisedLongRun.run(s.withMaxEpochs(3), train, test, dir.resolve("b.csv"), dir.resolve("models"),
                "commit b", new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        LongRunFile a = LongRunFile.read(dir.resolve("a.csv"));
        LongRunFile b = LongRunFile.read(dir.resolve("b.csv"));
        assertArrayEquals(new double[] {1, 2, 3}, b.column("sdgm", "epoch"), 0);
        assertArrayEquals(a.column("sdgm", "test_error"), java.util.Arrays.copyOf(b.column("sdgm", "test_error"), 2),
                0);
        // this process trained epoch 3 only, and says so; the log names each epoch once
        assertEquals(2, b.provenance("sdgm").size(), b.provenance("sdgm").toString());
        assertTrue(b.provenance("sdgm").get(1).contains("from epoch 3"), b.provenance("sdgm").get(1));
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("long-run sdgm: epoch 2 test error") && text.contains("long-run sdgm: epoch 3 test"),
                text);
        assertTrue(!text.contains("long-run sdgm: epoch 1 test error"), text);
    }

    @Test
    void a_rate_drop_branches_from_the_run_without_it_and_matches_training_it_from_scratch() {
        SemiSupervisedLongRun.Settings s = tinyTwoEpochs();
        SemiSupervisedLongRun.Settings dropped = s.withMaxEpochs(3).withDrop(2, 1e-4);
        SemiSupervisedLongRun.run(s, train, test, dir.resolve("a.csv"), dir.resolve("models"), "commit a", quiet);
        SemiSupervisedLongRun.run(dropped, train, test, dir.resolve("b.csv"), dir.resolve("models"), "commit b", quiet);
        SemiSupervisedLongRun.run(dropped, train, test, dir.resolve("c.csv"), dir.resolve("fresh"), "commit c", quiet);
        LongRunFile a = LongRunFile.read(dir.resolve("a.csv"));
        LongRunFile b = LongRunFile.read(dir.resolve("b.csv"));
        LongRunFile c = LongRunFile.read(dir.resolve("c.csv"));
        assertArrayEquals(new double[] {1, 2, 3}, b.column("sdgm", "epoch"), 0);
        assertArrayEquals(a.column("sdgm", "test_error"), java.util.Arrays.copyOf(b.column("sdgm", "test_error"), 2),
                0);
        // the branch (2 epochs loaded, 1 trained) is the run trained from scratch with the drop, number for number
        assertArrayEquals(c.column("sdgm", "test_error"), b.column("sdgm", "test_error"), 0);
        assertArrayEquals(c.column("sdgm", "tuning_error"), b.column("sdgm", "tuning_error"), 0);
        assertArrayEquals(new double[] {3e-4, 3e-4, 1e-4}, b.column("sdgm", "learning_rate"), 0);
        assertTrue(b.provenance("sdgm").get(0).contains("lr=3.0E-4 for 2 epochs, then 1.0E-4"),
                b.provenance("sdgm").get(0));
        assertTrue(b.provenance("sdgm").get(1).contains("branched from longrun-sdgm-") && b.provenance("sdgm").get(1)
                .contains("after epoch 2"), b.provenance("sdgm").toString());
        assertTrue(b.provenance("sdgm").get(2).contains("from epoch 3"), b.provenance("sdgm").toString());
        assertTrue(c.provenance("sdgm").stream().noneMatch(l -> l.contains("branched")), c.provenance("sdgm").toString());
        // resumed, the branch keeps saying where it came from
        SemiSupervisedLongRun.run(dropped.withMaxEpochs(4), train, test, dir.resolve("b.csv"), dir.resolve("models"),
                "commit d", quiet);
        List<String> resumed = LongRunFile.read(dir.resolve("b.csv")).provenance("sdgm");
        assertEquals(4, resumed.size(), resumed.toString());
        assertTrue(resumed.get(1).contains("branched from") && resumed.get(3).contains("from epoch 4"),
                resumed.toString());
    }

    @Test
    void a_drop_before_the_epochs_the_run_without_it_has_trained_is_refused() {
        SemiSupervisedLongRun.Settings s = tinyTwoEpochs();
        SemiSupervisedLongRun.run(s, train, test, dir.resolve("a.csv"), dir.resolve("models"), "commit a", quiet);
        org.dgmkit.cli.KitException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.dgmkit.cli.KitException.class, () -> SemiSupervisedLongRun.run(s.withMaxEpochs(3).withDrop(1, 1e-4),
                        train, test, dir.resolve("b.csv"), dir.resolve("models"), "commit b", quiet));
        assertTrue(e.getMessage().contains("has 2 epochs, past the drop after epoch 1"), e.getMessage());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("b.csv")), "no result file for a refused run");
    }

    @Test
    void a_drop_must_lower_the_rate() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> tinyTwoEpochs().withDrop(2, 3e-4));
        assertEquals(0, tinyTwoEpochs().withDrop(0, 1e-4).dropTo(), 0);
    }
}
