package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Notebooks 03 and 04's studies on tiny random binary "digits" (784 pixels), one epoch each. */
class ModelStudiesTest {
    @TempDir
    Path models;

    private static INDArray binary(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, 784).lt(0.2).castTo(DataType.FLOAT);
    }

    private static final TrainerConfig ONE_EPOCH = TrainerConfig.defaults().withEpochs(1).withBatchSize(50)
            .withProgress(false).withSeed(1);

    @Test
    void likelihoodComparisonMeasuresAndCheckpointsEveryModel() {
        INDArray train = binary(100, 1);
        INDArray test = binary(40, 2);
        var c = new LikelihoodComparison(train, test, ONE_EPOCH, models, 3, 7);
        var r = c.fit("vae-a", new Vae(VaeConfig.bernoulli(784, List.of(8), 4)));
        c.fit("vae-b", new Vae(VaeConfig.bernoulli(784, List.of(8), 2)));
        assertTrue(Files.exists(models.resolve("vae-a-100.zip")), "checkpoint named after model and training rows");
        assertEquals(TestBounds.of((Vae) r.model(), test, 3, 7), r.bounds(), "the same numbers as measured directly");
        assertTrue(r.bounds().iw() >= r.bounds().elbo() - 1.0, "IW bound about the ELBO or above: " + r.bounds());
        assertEquals(Evaluation.activeUnits((Vae) r.model(), test, TestBounds.BATCH)[0], r.active());
        Table t = c.table("t");
        assertEquals(List.of("model", "test ELBO (nats)", "test IW bound K=3 (nats)", "active units (all layers)"),
                t.columnNames());
        assertEquals(List.of("vae-a", "vae-b"), t.stringColumn("model").asList());
        assertEquals(Math.round(r.bounds().elbo() * 100) / 100.0, t.doubleColumn(1).get(0));
        // a second comparison loads the checkpoint: same bounds without training
        var again = new LikelihoodComparison(train, test, ONE_EPOCH, models, 3, 7)
                .fit("vae-a", new Vae(VaeConfig.bernoulli(784, List.of(8), 4)));
        assertEquals(r.bounds(), again.bounds());
    }

    @Test
    void ladderStudyByDepthAndAblation() {
        INDArray train = binary(60, 3);
        INDArray test = binary(20, 4);
        var study = new LadderStudy(train, test, ONE_EPOCH.withWarmupEpochs(1), models, 2, 5);
        var byDepth = study.byDepth(2);
        assertEquals(List.of("lvae-L1-bn-warmup", "lvae-L2-bn-warmup"), byDepth.stream().map(r -> r.name()).toList());
        assertEquals(List.of(64, 32), byDepth.get(1).model().config().latentSizes());
        var ablation = study.ablation(byDepth.get(1));
        assertEquals(List.of("lvae-L2-bn-warmup", "lvae-L2-warmup", "lvae-L2-bn", "lvae-L2"),
                ablation.stream().map(r -> r.name()).toList());
        assertEquals("LVAE L=2 -BN +WU", ablation.get(1).label());
        assertTrue(Files.exists(models.resolve("lvae-L2.zip")));
        Table depth = LadderStudy.depthTable(byDepth);
        assertEquals(List.of(1, 2), depth.intColumn("stochastic layers").asList());
        Table abl = LadderStudy.ablationTable(ablation);
        assertEquals("Ablation at L = 2", abl.name());
        assertEquals(List.of("yes", "no", "yes", "no"), abl.stringColumn("batch norm").asList());
        assertEquals(List.of("yes", "yes", "no", "no"), abl.stringColumn("KL warm-up").asList());
        Table layers = study.layerTable(List.of(ablation.get(0), ablation.get(3)));
        assertEquals(4, layers.rowCount(), "two models x two layers");
        assertEquals(List.of(64, 32, 64, 32), layers.intColumn("units").asList());
        assertTrue(LadderStudy.loglikVsLayers(byDepth, 2).image().getWidth() > 100);
    }
}
