package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.dgmkit.data.MnistData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LadderLongRunTest {
    @TempDir
    Path dir;

    @Test
    void logs_the_bounds_every_few_epochs_the_final_k_at_the_end_and_resumes() {
        MnistData train = SemiSupervisedLongRunTest.data(200, 1);
        MnistData test = SemiSupervisedLongRunTest.data(40, 2);
        LadderLongRun.Settings s = LadderLongRun.Settings.paper(2, 3).withWarmupEpochs(2)
                .withEvaluation(2, 20, 3, 5);
        Path out = dir.resolve("04-long-run.csv");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        LadderLongRun.run(s, train, test, out, dir.resolve("models"), "commit a", quiet);
        LongRunFile f = LongRunFile.read(out);
        assertEquals(LadderLongRun.COLUMNS, f.columns());
        // epochs 1 (always), 2 (every 2) and 3 (the last: final K on all test digits)
        assertArrayEquals(new double[] {1, 2, 3}, f.column("lvae-L2", "epoch"), 0);
        assertArrayEquals(new double[] {3, 3, 5}, f.column("lvae-L2", "iw_k"), 0);
        assertArrayEquals(new double[] {20, 20, 40}, f.column("lvae-L2", "test_images"), 0);
        assertArrayEquals(new double[] {0.5, 1, 1}, f.column("lvae-L2", "kl_weight"), 1e-12);
        for (double iw : f.column("lvae-L2", "test_iw")) {
            assertTrue(iw < 0 && Double.isFinite(iw), "bound " + iw);
        }
        // more epochs: resumes after epoch 3 and keeps the rows logged so far
        LadderLongRun.run(s.withEpochs(4), train, test, out, dir.resolve("models"), "commit b", quiet);
        LongRunFile g = LongRunFile.read(out);
        assertArrayEquals(new double[] {1, 2, 3, 4}, g.column("lvae-L2", "epoch"), 0);
        assertArrayEquals(f.column("lvae-L2", "test_iw"), java.util.Arrays.copyOf(g.column("lvae-L2", "test_iw"), 3),
                0, "the rows logged before the stop are kept");
        assertEquals(5, g.column("lvae-L2", "iw_k")[3], 0);
        assertTrue(g.provenance("lvae-L2").get(0).contains("test digits sampled once (seed "
                + LadderLongRun.TEST_SEED + ")"), "the paper's dynamically binarised test digits are recorded");
        assertEquals(3, g.provenance("lvae-L2").size(), g.provenance("lvae-L2").toString()); // settings, 2 processes
        assertTrue(g.provenance("lvae-L2").get(2).contains("from epoch 4") && g.provenance("lvae-L2").get(2)
                .contains("commit b"), g.provenance("lvae-L2").get(2));
    }
}
