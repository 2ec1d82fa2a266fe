package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.dgmkit.plot.Exports;
import org.dgmkit.score.LikelihoodScorer;
import org.dgmkit.score.Metrics;
import org.dgmkit.score.anomaly.Noise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Notebook 05's sweep on 30 blurry random "digits" and a VAE trained one epoch on similar ones. */
class NoiseSweepTest {
    static INDArray grey;
    static Vae vae;
    static NoiseSweep sweep;
    static final Map<Noise, double[]> LEVELS = new LinkedHashMap<>();

    @TempDir
    Path out;

    @BeforeAll
    static void setUp() {
        Nd4j.getRandom().setSeed(3);
        grey = Nd4j.rand(DataType.FLOAT, 30, 784).muli(0.3);
        INDArray train = Nd4j.rand(DataType.FLOAT, 60, 784).lt(0.15).castTo(DataType.FLOAT);
        vae = new Vae(VaeConfig.bernoulli(784, List.of(8), 2));
        new Trainer(vae, TrainerConfig.defaults().withEpochs(1).withBatchSize(30).withProgress(false)).fit(train);
        LEVELS.put(Noise.GAUSSIAN, new double[] {0.1, 0.5});
        LEVELS.put(Noise.SALT_AND_PEPPER, new double[] {0.2});
        sweep = NoiseSweep.of(grey, LEVELS, 42);
        LikelihoodScorer scorer = LikelihoodScorer.defaults().withSeed(42).withProgress(false);
        sweep.score("vae", vae, scorer, 3);
        sweep.score("again", vae, scorer, 3);
    }

    @Test
    void setsAreNamedAndSeededAsTheNotebookDidIt() {
        assertEquals(List.of("GAUSSIAN 0.1", "GAUSSIAN 0.5", "SALT_AND_PEPPER 0.2"), List.copyOf(sweep.noisySets().keySet()));
        assertEquals(new MnistData(grey, new int[30]).sampleBinarized(43), sweep.clean());
        INDArray sp = Noise.SALT_AND_PEPPER.apply(grey, 0.2, 42 + 100 * Noise.SALT_AND_PEPPER.ordinal());
        assertEquals(new MnistData(sp, new int[30]).sampleBinarized(43), sweep.noisySets().get("SALT_AND_PEPPER 0.2"));
        assertTrue(sweep.examples(5).image().getHeight() > 50);
    }

    @Test
    void tablesHoldEveryModelSetAndLevel() {
        Table means = sweep.meanScores();
        assertEquals(2 * 4, means.rowCount());
        assertEquals(List.of("model", "set", "recon LL", "ELBO", "IW (K=3)"), means.columnNames());
        Table auroc = sweep.aurocTable();
        assertEquals(2 * 3, auroc.rowCount());
        assertEquals(List.of("vae", "vae", "vae", "again", "again", "again"), auroc.stringColumn("model").asList());
        assertEquals(List.of(0.1, 0.5, 0.2), auroc.doubleColumn("level").asList().subList(0, 3));
        // the AUROC of the clean set against one noisy set, computed directly
        var s = sweep.scores().get("vae");
        double[] clean = s.get("clean").reconstructionLogLikelihood();
        double[] noisy = s.get("GAUSSIAN 0.5").reconstructionLogLikelihood();
        double[] both = new double[60];
        int[] labels = new int[60];
        for (int i = 0; i < 30; i++) {
            both[i] = -clean[i];
            both[30 + i] = -noisy[i];
            labels[30 + i] = 1;
        }
        assertEquals(Metrics.rocAuc(both, labels), auroc.doubleColumn("AUROC recon LL").get(1), 1e-12);
        assertEquals(Metrics.averagePrecision(both, labels), auroc.doubleColumn("AP recon LL").get(1), 1e-12);
    }

    @Test
    void figuresAreNamedPerModelAndNoise() {
        assertEquals(List.of("vae-histogram-gaussian", "vae-histogram-salt_and_pepper", "again-histogram-gaussian",
                "again-histogram-salt_and_pepper"), List.copyOf(sweep.histograms().keySet()));
        assertEquals(List.of("vae-roc-gaussian", "vae-roc-salt_and_pepper", "again-roc-gaussian",
                "again-roc-salt_and_pepper"), List.copyOf(sweep.rocFigures().keySet()));
        assertEquals(List.of("auroc-vs-level-gaussian", "auroc-vs-level-salt_and_pepper"),
                List.copyOf(sweep.aurocVsLevel().keySet()));
    }

    @Test
    void headlinesAtOneLevelIndexAndExtremesInOrder() throws Exception {
        Exports exports = new Exports(out.toString(), "nb");
        sweep.recordHeadlines(exports, 0);
        List<String> lines = Files.readAllLines(out.resolve("tables/nb-results.csv"));
        assertEquals(1 + 2 * 2 * 3, lines.size(), "2 models x 2 noise types with a level 0 x 3 scores: " + lines);
        assertEquals("nb,VAE,MNIST clean vs GAUSSIAN noise 0.1,AUROC recon LL,"
                + sweep.rows().get(0).rocs().get(0).auc() + ",AUROC", lines.get(1));
        assertTrue(lines.get(3).contains("AUROC IW (K=3)"));
        var ex = sweep.extremes("vae", 4);
        double[] ll = ex.logLikelihood();
        for (int i = 1; i < 4; i++) {
            assertTrue(ll[ex.most()[i - 1]] <= ll[ex.most()[i]] && ll[ex.least()[i - 1]] <= ll[ex.least()[i]]);
        }
        for (double v : ll) {
            assertTrue(v >= ll[ex.most()[0]] && v <= ll[ex.least()[3]]);
        }
        assertTrue(ex.summary().startsWith("vae: recon LL of the most anomalous "), ex.summary());
        assertArrayEquals(new int[] {4, 4}, new int[] {ex.most().length, ex.least().length});
    }
}
