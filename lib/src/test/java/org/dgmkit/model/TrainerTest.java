package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.CheckpointException;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trainer: determinism, schedules, early stopping, checkpoints and exact resume. */
class TrainerTest {

    @TempDir
    Path dir;

    static INDArray data() {
        Nd4j.getRandom().setSeed(123);
        // two prototypes with flipped bits: learnable structure
        INDArray protos = Nd4j.rand(DataType.FLOAT, 2, 20).gt(0.5).castTo(DataType.FLOAT);
        INDArray x = Nd4j.create(DataType.FLOAT, 240, 20);
        for (int i = 0; i < 240; i++) {
            x.putRow(i, protos.getRow(i % 2));
        }
        INDArray flips = Nd4j.rand(DataType.FLOAT, 240, 20).lt(0.1).castTo(DataType.FLOAT);
        return x.addi(flips).subi(x.mul(flips).muli(2)); // xor
    }

    static VaeConfig config() {
        return new VaeConfig(20, List.of(16), 4, List.of(16), Activation.RELU, VaeConfig.Likelihood.BERNOULLI, 0,
                DataType.FLOAT, 5L);
    }

    static TrainerConfig trainerConfig(int epochs) {
        return TrainerConfig.defaults().withEpochs(epochs).withBatchSize(50).withLearningRate(3e-3)
                .withWarmupEpochs(2).withStepDecay(2, 0.5, 1e-4).withClipNorm(50).withProgress(false);
    }

    @Test
    void sameSeedSameLossesDifferentSeedDifferentLosses() {
        INDArray x = data();
        double[] a = new Trainer(new Vae(config()), trainerConfig(3)).fit(x).trainLosses();
        double[] b = new Trainer(new Vae(config()), trainerConfig(3)).fit(x).trainLosses();
        double[] c = new Trainer(new Vae(config()), trainerConfig(3).withSeed(7)).fit(x).trainLosses();
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
        assertTrue(a[2] < a[0], "loss should fall: " + java.util.Arrays.toString(a));
    }

    @Test
    void resumedRunContinuesExactly() {
        INDArray x = data();
        Trainer full = new Trainer(new Vae(config()), trainerConfig(4));
        full.fit(x);
        Path ck = dir.resolve("vae.zip");
        Trainer first = new Trainer(new Vae(config()), trainerConfig(2)).checkpointTo(ck);
        first.fit(x);
        Trainer resumed = Trainer.trainOrLoad(new Vae(config()), trainerConfig(4), ck, x);
        assertEquals(4, resumed.epochsDone());
        assertEquals(full.iteration(), resumed.iteration());
        assertArrayEquals(full.history().trainLosses(), resumed.history().trainLosses(), 0.0);
        assertEquals(full.model().parameters().values(), resumed.model().parameters().values());
        assertEquals(full.updaterState(), resumed.updaterState());
    }

    @Test
    void checkpointRoundTripAndTrainOrLoadReuse() throws Exception {
        INDArray x = data();
        Path ck = dir.resolve("sub/run.zip");
        Trainer t = Trainer.trainOrLoad(new Vae(config()), trainerConfig(2), ck, x);
        assertTrue(Files.exists(ck));
        Trainer loaded = Trainer.load(ck);
        assertEquals(t.model().parameters().values(), loaded.model().parameters().values());
        assertEquals(t.updaterState(), loaded.updaterState());
        assertEquals(2, loaded.epochsDone());
        assertEquals(t.model(Vae.class).config(), loaded.model(Vae.class).config());
        assertArrayEquals(t.history().trainLosses(), loaded.history().trainLosses(), 0.0);
        // same settings: reused without training (the file is untouched)
        long modified = Files.getLastModifiedTime(ck).toMillis();
        Trainer again = Trainer.trainOrLoad(new Vae(config()), trainerConfig(2), ck, x);
        assertEquals(modified, Files.getLastModifiedTime(ck).toMillis());
        assertEquals(t.model().parameters().values(), again.model().parameters().values());
        // different model configuration: trained anew
        Trainer other = Trainer.trainOrLoad(new Vae(config().withSeed(6)), trainerConfig(2), ck, x);
        assertNotEquals(t.model().parameters().values(), other.model().parameters().values());
        assertEquals(6L, Trainer.load(ck).model(Vae.class).config().seed());
    }

    @Test
    void corruptTruncatedAndMismatchedCheckpointsFailNamingTheFile() throws Exception {
        INDArray x = data();
        Path ck = dir.resolve("good.zip");
        new Trainer(new Vae(config()), trainerConfig(1)).checkpointTo(ck).fit(x);
        byte[] bytes = Files.readAllBytes(ck);

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Trainer.load(truncated));
        assertTrue(e.getMessage().contains("truncated.zip"), e.getMessage());

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip");
        e = assertThrows(CheckpointException.class, () -> Trainer.load(garbage));
        assertTrue(e.getMessage().contains("garbage.zip"), e.getMessage());

        Path missing = dir.resolve("missing.zip");
        e = assertThrows(CheckpointException.class, () -> Trainer.load(missing));
        assertTrue(e.getMessage().contains("missing.zip") && e.getMessage().contains("no such file"), e.getMessage());

        // flip bytes inside the stored parameters: the zip CRC catches it
        Path flipped = dir.resolve("flipped.zip");
        byte[] f = bytes.clone();
        for (int i = f.length / 2; i < f.length / 2 + 64; i++) {
            f[i] ^= 0x5A;
        }
        Files.write(flipped, f);
        e = assertThrows(CheckpointException.class, () -> Trainer.load(flipped));
        assertTrue(e.getMessage().contains("flipped.zip"), e.getMessage());

        // a configuration that does not fit the stored parameters
        Path mismatched = dir.resolve("mismatched.zip");
        rewriteConfig(ck, mismatched);
        e = assertThrows(CheckpointException.class, () -> Trainer.load(mismatched));
        assertTrue(e.getMessage().contains("mismatched.zip") && e.getMessage().contains("params.bin"), e.getMessage());
    }

    /** Copies a checkpoint with latentSize changed in its JSON. */
    private static void rewriteConfig(Path from, Path to) throws Exception {
        try (var zin = new java.util.zip.ZipFile(from.toFile());
             var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            var entries = zin.entries();
            while (entries.hasMoreElements()) {
                var en = entries.nextElement();
                byte[] b = zin.getInputStream(en).readAllBytes();
                if (en.getName().equals("checkpoint.json")) {
                    JsonObject root = new com.google.gson.JsonParser().parse(new String(b)).getAsJsonObject();
                    root.getAsJsonObject("modelConfig").addProperty("latentSize", 5);
                    b = root.toString().getBytes();
                }
                zout.putNextEntry(new java.util.zip.ZipEntry(en.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
    }

    @Test
    void schedulesAndConfigValidation() {
        TrainerConfig c = TrainerConfig.defaults().withLearningRate(1e-2).withStepDecay(3, 0.5, 2e-3)
                .withWarmupEpochs(4);
        assertEquals(1e-2, c.learningRateAt(0), 0);
        assertEquals(1e-2, c.learningRateAt(2), 0);
        assertEquals(5e-3, c.learningRateAt(3), 1e-15);
        assertEquals(2.5e-3, c.learningRateAt(6), 1e-15);
        assertEquals(2e-3, c.learningRateAt(9), 0); // floor
        assertEquals(0.25, c.klWeightAt(1.0), 1e-15);
        assertEquals(1.0, c.klWeightAt(7.5), 0);
        assertEquals(1.0, TrainerConfig.defaults().klWeightAt(0), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.defaults().withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withValidation(1.5, 0));
        assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
        assertEquals(c, TrainerConfig.fromJson(c.toJson()));
    }

    @Test
    void clippingLimitsTheStepAndHistoryRendersAndProgressPrints() {
        INDArray x = data();
        Vae free = new Vae(config());
        Vae clipped = new Vae(config());
        INDArray start = free.parameters().values().dup();
        new Trainer(free, trainerConfig(1).withClipNorm(0)).fit(x);
        // clipping the gradient norm to 1e-12 leaves Adam's step at ~lr * 1e-12 / 1e-8 per entry
        new Trainer(clipped, trainerConfig(1).withClipNorm(1e-12)).fit(x);
        double moveFree = free.parameters().values().sub(start).norm2Number().doubleValue();
        double moveClipped = clipped.parameters().values().sub(start).norm2Number().doubleValue();
        assertTrue(moveClipped < 0.01 * moveFree, moveClipped + " vs " + moveFree);

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Trainer t = new Trainer(new Vae(config()), trainerConfig(2).withProgress(true).withValidation(0.25, 0))
                .printTo(new PrintStream(buf, true));
        TrainingHistory h = t.fit(x);
        String printed = buf.toString();
        assertTrue(printed.contains("\r") && printed.contains("epoch 2/2") && printed.contains("samples/s")
                && printed.contains("val loss"), printed);
        assertEquals(2, printed.split("\n").length, printed);
        assertEquals(2, h.table().rowCount());
        assertTrue(Double.isFinite(h.valLosses()[1]));
        BufferedImage img = h.plot(300, 200);
        assertEquals(300, img.getWidth());
    }

    @Test
    void batchSourceShufflesRowsWithLabelsReproducibly() {
        INDArray x = Nd4j.arange(0, 23).castTo(DataType.DOUBLE).reshape(23, 1);
        INDArray y = x.mul(10);
        org.dgmkit.model.train.ArrayBatchSource src =
                new org.dgmkit.model.train.ArrayBatchSource(x, y, DataType.FLOAT, true);
        assertEquals(3, src.batchCount(10));
        src.startEpoch(1);
        double[] seen = new double[23];
        int k = 0;
        for (int b = 0; b < 3; b++) {
            Batch batch = src.batch(b, 10);
            assertEquals(b < 2 ? 10 : 3, batch.x().rows());
            for (int i = 0; i < batch.x().rows(); i++) {
                assertEquals(batch.x().getDouble(i, 0) * 10, batch.y().getDouble(i, 0), 0.0);
                seen[k++] = batch.x().getDouble(i, 0);
            }
        }
        double[] order = seen.clone();
        java.util.Arrays.sort(seen);
        for (int i = 0; i < 23; i++) {
            assertEquals(i, seen[i], 0.0); // a permutation
        }
        src.startEpoch(1);
        assertEquals(order[0], src.batch(0, 10).x().getDouble(0, 0), 0.0);
        src.startEpoch(2);
        double[] other = new double[23];
        for (int b = 0; b < 3; b++) {
            INDArray bx = src.batch(b, 10).x();
            for (int i = 0; i < bx.rows(); i++) {
                other[b * 10 + i] = bx.getDouble(i, 0);
            }
        }
        assertFalse(java.util.Arrays.equals(order, other));
        // batches are views kept per batch size: another size gets its own
        assertEquals(5, src.batch(0, 5).x().rows());
        assertEquals(3, src.batch(4, 5).x().rows());
        assertEquals(other[20], src.batch(4, 5).x().getDouble(0, 0), 0.0);
        assertEquals(3, src.batch(2, 10).x().rows());
    }

    @Test
    void binarizingSourceDrawsFreshBernoulliDataEachEpoch() {
        INDArray p = Nd4j.create(DataType.FLOAT, 2000, 3);
        p.getColumn(0).assign(0.0);
        p.getColumn(1).assign(1.0);
        p.getColumn(2).assign(0.3);
        org.dgmkit.model.train.BinarizingBatchSource src =
                new org.dgmkit.model.train.BinarizingBatchSource(p, null, DataType.FLOAT);
        src.startEpoch(1);
        INDArray a = src.batch(0, 2000).x().dup();
        assertEquals(0.0, a.getColumn(0).sumNumber().doubleValue(), 0.0);
        assertEquals(2000.0, a.getColumn(1).sumNumber().doubleValue(), 0.0);
        assertEquals(0.3, a.getColumn(2).meanNumber().doubleValue(), 0.03);
        assertEquals(a.length(), a.eq(0).castTo(DataType.INT).sumNumber().intValue()
                + a.eq(1).castTo(DataType.INT).sumNumber().intValue()); // binary
        src.startEpoch(2);
        assertNotEquals(a, src.batch(0, 2000).x());
        src.startEpoch(1);
        assertEquals(a, src.batch(0, 2000).x());
        assertThrows(IllegalArgumentException.class,
                () -> new org.dgmkit.model.train.BinarizingBatchSource(p.mul(2), null, DataType.FLOAT));
    }

    /** A one-parameter model whose training pushes p up while the validation loss is p: it only gets worse. */
    static final class Worsening implements TrainableModel {
        final ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        final ParameterSpace.Block p = ps.reserve("p", new ParameterSpace.Constant(0), 1, 1);

        Worsening() {
            ps.allocate(1);
        }

        @Override
        public ParameterSpace parameters() {
            return ps;
        }

        @Override
        public double lossAndGradients(Batch batch, StepContext ctx) {
            p.gradient().assign(-1.0);
            return -p.value().getDouble(0);
        }

        @Override
        public double loss(Batch batch) {
            return p.value().getDouble(0);
        }

        @Override
        public String modelType() {
            return "worsening";
        }

        @Override
        public JsonObject configJson() {
            return new JsonObject();
        }
    }

    @Test
    void earlyStoppingRestoresTheBestParameters() {
        Worsening m = new Worsening();
        Trainer t = new Trainer(m, TrainerConfig.defaults().withEpochs(10).withBatchSize(10).withProgress(false)
                .withValidation(0.5, 2));
        t.fit(Nd4j.zeros(DataType.DOUBLE, 20, 1));
        assertTrue(t.stoppedEarly());
        assertEquals(3, t.epochsDone());
        // best was after epoch 1: p = lr (one Adam step of size ~lr per batch, 1 batch per epoch)
        assertEquals(t.history().valLosses()[0], m.p.value().getDouble(0), 1e-12);
    }
}
