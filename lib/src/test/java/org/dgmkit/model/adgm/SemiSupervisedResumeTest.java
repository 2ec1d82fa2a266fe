package org.dgmkit.model.adgm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.CheckpointException;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Resumable semi-supervised training, checkpoint errors, the NaN guard and input pruning. */
class SemiSupervisedResumeTest {

    @TempDir
    Path dir;

    static final int[] LABELLED = IntStream.range(0, 10).toArray();

    static MnistData data() {
        INDArray[] c = AdgmTest.clusters(200, 1);
        return new MnistData(c[0], AdgmTest.ints(c[1]));
    }

    /** Batch norm, 2 draws of a, the official init, step decay inside the run: everything resume must carry. */
    static AdgmConfig config() {
        return new AdgmConfig(40, 10, List.of(16), 4, 4, GenerativeForm.SDGM, true, 2.0, Activation.RELU,
                DataType.FLOAT, 3L, true, AdgmInit.OFFICIAL, 2);
    }

    static TrainerConfig trainer(int epochs) {
        return TrainerConfig.defaults().withEpochs(epochs).withBatchSize(50).withLearningRate(3e-3)
                .withStepDecay(3, 0.5, 1e-4).withClipNorm(10).withProgress(false);
    }

    @Test
    void stoppedAndResumedRunEqualsTheUninterruptedOne() {
        MnistData d = data();
        Path whole = dir.resolve("whole.zip");
        SemiSupervised.Run full = SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(4), d, d, 2,
                whole, 1);
        Path part = dir.resolve("part.zip");
        SemiSupervised.Run first = SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(2), d, d, 2,
                part, 1);
        assertEquals(2, first.trainer().epochsDone());
        SemiSupervised.Run resumed = SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(4), d, d, 2,
                part, 1);
        assertEquals(4, resumed.trainer().epochsDone());
        assertEquals(full.model().parameters().values(), resumed.model().parameters().values());
        assertEquals(full.model().parameters().state(), resumed.model().parameters().state());
        assertEquals(full.trainer().updaterState(), resumed.trainer().updaterState());
        assertEquals(full.trainer().iteration(), resumed.trainer().iteration());
        assertArrayEquals(full.trainer().history().trainLosses(), resumed.trainer().history().trainLosses());
        assertArrayEquals(full.trainer().history().epochs().stream().mapToDouble(TrainingHistory.Epoch::lr).toArray(),
                resumed.trainer().history().epochs().stream().mapToDouble(TrainingHistory.Epoch::lr).toArray());
        assertEquals(List.of(1, 2, 3, 4), resumed.testEpochs());
        assertEquals(full.testErrors(), resumed.testErrors());
        assertEquals(full.validationErrors(), resumed.validationErrors());
        // a finished checkpoint loads without training, curves included
        SemiSupervised.Run loaded = SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(4), d, d, 2,
                part, 1);
        assertEquals(full.testErrors(), loaded.testErrors());
        assertEquals(4, loaded.trainer().history().size());
    }

    @Test
    void checkpointsEveryNEpochsAndAfterTheLast() throws Exception {
        MnistData d = data();
        Path file = dir.resolve("every.zip");
        Trainer[] seen = new Trainer[1];
        SemiSupervised.Run run = SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(3), null, null, 1,
                file, 2);
        seen[0] = run.trainer();
        assertEquals(3, Trainer.load(file).epochsDone());
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "temporary file left behind");
        // with every 2 epochs, a 5-epoch run stopped after epoch 3 would resume from epoch 2: check the file after 4
        Path other = dir.resolve("other.zip");
        new Trainer(new Adgm(config()), trainer(5)).checkpointTo(other).checkpointEvery(2)
                .afterEpoch(done -> {
                    if (done == 3) {
                        assertEquals(2, Trainer.load(other).epochsDone());
                    }
                })
                .fit(new SemiSupervisedBatches(d.images(), d.subset(LABELLED).images(), d.subset(LABELLED).oneHot(10),
                        10, true, DataType.FLOAT), null);
        assertEquals(5, Trainer.load(other).epochsDone());
    }

    @Test
    void mismatchedOrCorruptCheckpointsFailClearlyAndStayUntouched() throws Exception {
        MnistData d = data();
        Path file = dir.resolve("run.zip");
        SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED, trainer(1), null, null, 1, file, 1);
        byte[] before = Files.readAllBytes(file);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SemiSupervised.trainOrLoad(
                new Adgm(config().withAuxSamples(1)), d, LABELLED, trainer(2), null, null, 1, file, 1));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("auxSamples"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED,
                trainer(2).withLearningRate(1e-3), null, null, 1, file, 1));
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        int[] otherLabels = IntStream.range(10, 20).toArray();
        e = assertThrows(CheckpointException.class, () -> SemiSupervised.trainOrLoad(new Adgm(config()), d,
                otherLabels, trainer(2), null, null, 1, file, 1));
        assertTrue(e.getMessage().contains("training data differ"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        // flip bytes in the middle of the file: a clear error naming the file, and the file left as it was
        byte[] broken = before.clone();
        for (int i = broken.length / 2; i < broken.length / 2 + 64; i++) {
            broken[i] ^= 0x5A;
        }
        Files.write(file, broken);
        e = assertThrows(CheckpointException.class, () -> SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED,
                trainer(2), null, null, 1, file, 1));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(broken, Files.readAllBytes(file));
        Files.write(file, new byte[] {1, 2, 3});
        e = assertThrows(CheckpointException.class, () -> SemiSupervised.trainOrLoad(new Adgm(config()), d, LABELLED,
                trainer(2), null, null, 1, file, 1));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    /** A model whose loss is NaN on chosen steps; its state buffer changes on every forward like batch norm's. */
    @Test
    void nonFiniteStepsAreSkippedWithoutTouchingParametersOrState() {
        MnistData d = data();
        Adgm inner = new Adgm(config());
        long[] calls = {0};
        org.dgmkit.model.train.TrainableModel flaky = new org.dgmkit.model.train.TrainableModel() {
            public org.dgmkit.model.nn.ParameterSpace parameters() {
                return inner.parameters();
            }

            public double lossAndGradients(Batch b, StepContext c) {
                double l = inner.lossAndGradients(b, c);
                long k = calls[0]++;
                if (k == 1 || k == 2) {
                    inner.parameters().state().addi(Double.NaN); // like batch-norm averages poisoned by a NaN batch
                    return Double.NaN;
                }
                return l;
            }

            public double loss(Batch b) {
                return inner.loss(b);
            }

            public String modelType() {
                return Adgm.TYPE;
            }

            public com.google.gson.JsonObject configJson() {
                return inner.configJson();
            }
        };
        SemiSupervisedBatches src = new SemiSupervisedBatches(d.images(), d.subset(LABELLED).images(),
                d.subset(LABELLED).oneHot(10), 10, true, DataType.FLOAT);
        Trainer t = new Trainer(flaky, trainer(1)).printTo(new java.io.PrintStream(new java.io.ByteArrayOutputStream()))
                .skipNonFiniteSteps(2);
        t.fit(src, null);
        assertEquals(2, t.skippedSteps());
        assertEquals(2, t.iteration()); // 4 batches, 2 skipped
        assertTrue(Double.isFinite(inner.parameters().values().sumNumber().doubleValue()), "NaN parameters");
        assertTrue(Double.isFinite(inner.parameters().state().sumNumber().doubleValue()), "NaN batch-norm state");
        // without the guard the first NaN stops the run
        calls[0] = 0;
        Trainer strict = new Trainer(flaky, trainer(1)).printTo(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> strict.fit(src, null));
        assertTrue(ex.getMessage().contains("diverged") && ex.getMessage().contains("batch 2/4"), ex.getMessage());
    }

    @Test
    void inputPruningKeepsTheVaryingPixels() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 1, 0.5f, 0}, {0, 0, 0.5f, 1}, {0, 1, 0.5f, 0}});
        InputPruning p = InputPruning.fit(x, 0.1);
        assertArrayEquals(new int[] {1, 3}, p.kept());
        assertEquals(2, p.keptSize());
        INDArray pruned = p.apply(x);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}}), pruned);
        INDArray back = p.expand(pruned, 0.0);
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1, 0, 0}, {0, 0, 0, 1}, {0, 1, 0, 0}}), back);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(pruned));
        assertTrue(e.getMessage().contains("[n, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputPruning.fit(x, 5.0));
        // a pruned model trains on the kept columns only
        Adgm m = new Adgm(AdgmTest.tiny(GenerativeForm.ADGM, true).withInputSize(p.keptSize()));
        assertTrue(Double.isFinite(m.loss(new Batch(null, null, pruned.castTo(DataType.DOUBLE)))));
    }
}
