package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.catalog.ModelShape;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.plot.Exports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Notebook 06's protocols on two synthetic "digits": 0 lights the first pixels, 1 the last ones. */
class OneClassStudyTest {
    @TempDir
    Path dir;

    private static MnistData digits(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 784).lt(0.05).castTo(DataType.FLOAT);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(labels[i] == 0 ? 0 : 600, labels[i] == 0 ? 150 : 750))
                    .assign(1.0);
        }
        return new MnistData(x, labels);
    }

    @Test
    void bothProtocolsEveryModelAndDigit() throws Exception {
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withBatchSize(20).withProgress(false).withSeed(1);
        var study = new OneClassStudy(digits(80, 1), digits(40, 2), ModelShape.mnist(new int[] {8}, 2, 3), tc,
                dir.resolve("models"), 30, 2, 5);
        study.run(List.of("an-cho", "deep-svdd"), List.of("vae", "lvae"), new int[] {0, 1});
        assertEquals(List.of("an-cho", "deep-svdd"), study.protocols());
        assertTrue(Files.exists(dir.resolve("models/oc-deep-svdd-d1-lvae-8-z2-n30-e2-s3.zip")),
                "at most maxTrain normal digits, named as before");
        assertTrue(Files.exists(dir.resolve("models/oc-an-cho-d0-vae-8-z2-n30-e2-s3.zip")));
        // with 40 normal digits of one kind the Deep SVDD protocol separates the two easily
        double[] auc = study.auroc("deep-svdd", "vae", "recon LL");
        assertTrue(auc[0] > 0.9 && auc[1] > 0.9, java.util.Arrays.toString(auc));

        Table t = study.table("deep-svdd");
        assertEquals(List.of("digit", "vae recon LL", "vae ELBO", "vae IW", "lvae recon LL", "lvae ELBO", "lvae IW",
                "Deep SVDD (published)"), t.columnNames());
        assertEquals(List.of("0", "1", "mean"), t.stringColumn("digit").asList());
        assertEquals(Math.round(1000 * auc[1]) / 10.0, t.doubleColumn("vae recon LL").get(1));
        assertEquals(List.of(98.0, 99.7, 98.9), t.doubleColumn("Deep SVDD (published)").asList());
        assertEquals("AUROC (%), An & Cho: digit anomalous, other nine normal", study.table("an-cho").name());
        assertEquals(7, study.table("an-cho").columnCount(), "no published column for An & Cho");
        assertTrue(study.figure("deep-svdd").image().getWidth() > 100);

        Exports out = new Exports(dir.toString(), "nb");
        study.recordHeadlines(out);
        List<String> lines = Files.readAllLines(dir.resolve("tables/nb-results.csv"));
        assertEquals(1 + 2 * 2 * 3, lines.size());
        assertTrue(lines.get(1).startsWith("nb,VAE,\"MNIST one-class, an-cho protocol, mean over digits [0, 1]\","
                + "AUROC recon LL,"), lines.get(1));
        assertTrue(lines.get(3).contains("AUROC IW (K=2)"), lines.get(3));
        assertThrows(IllegalArgumentException.class, () -> study.run(List.of("other"), List.of("vae"), new int[] {0}));
    }
}
