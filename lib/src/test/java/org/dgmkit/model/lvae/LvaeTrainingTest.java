package org.dgmkit.model.lvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.Checkpoint;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Short LVAE trainings with the shared Trainer: the loss falls, runs are seeded, checkpoints round-trip. */
class LvaeTrainingTest {

    @TempDir
    Path dir;

    /** 240 binary rows of 20 bits: four prototypes with 10% of the bits flipped. */
    static INDArray data() {
        Nd4j.getRandom().setSeed(123);
        INDArray protos = Nd4j.rand(DataType.FLOAT, 4, 20).gt(0.5).castTo(DataType.FLOAT);
        INDArray x = Nd4j.create(DataType.FLOAT, 240, 20);
        for (int i = 0; i < 240; i++) {
            x.putRow(i, protos.getRow(i % 4));
        }
        INDArray flips = Nd4j.rand(DataType.FLOAT, 240, 20).lt(0.1).castTo(DataType.FLOAT);
        return x.addi(flips).subi(x.mul(flips).muli(2)); // xor
    }

    static LvaeConfig config(boolean batchNorm) {
        return new LvaeConfig(20, List.of(24, 16), List.of(6, 3), 1, Activation.LEAKY_RELU, batchNorm,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.FLOAT, 5L);
    }

    static TrainerConfig trainer(int epochs) {
        return TrainerConfig.defaults().withEpochs(epochs).withBatchSize(40).withLearningRate(3e-3)
                .withWarmupEpochs(3).withProgress(false);
    }

    @Test
    void shortTrainingLowersTheLossAndIsSeeded() {
        INDArray x = data();
        Lvae fresh = new Lvae(config(true));
        fresh.setTraining(false);
        Nd4j.getRandom().setSeed(9);
        double before = fresh.loss(Batch.of(x));
        Trainer t = new Trainer(new Lvae(config(true)), trainer(8));
        double[] a = t.fit(x).trainLosses();
        Lvae trained = t.model(Lvae.class);
        trained.setTraining(false);
        Nd4j.getRandom().setSeed(9);
        double after = trained.loss(Batch.of(x));
        assertTrue(after < before - 2 && after > 0, "full -ELBO should fall: before " + before + " after " + after);
        assertTrue(a[7] < a[0], "train losses " + Arrays.toString(a));
        double[] b = new Trainer(new Lvae(config(true)), trainer(8)).fit(x).trainLosses();
        assertArrayEquals(a, b, 0.0, "same seeds, same run");
        double[] c = new Trainer(new Lvae(config(true).withSeed(6)), trainer(8)).fit(x).trainLosses();
        assertFalse(Arrays.equals(a, c), "another weight seed, another run");

        // the shared evaluation package: bounds, per-layer KL and active units of the trained model
        double elbo = Evaluation.elbo(trained, x, 100, 3);
        double iw = Evaluation.importanceWeighted(trained, x, 50, 100, 3);
        assertTrue(elbo < iw && iw < 0, "elbo " + elbo + " iw50 " + iw);
        assertEquals(-after, elbo, 1.0, "Evaluation's ELBO and the model's loss estimate the same bound");
        double[] kl = Evaluation.klPerLayer(trained, x, 100, 3);
        assertEquals(2, kl.length);
        assertTrue(kl[0] > 0 && kl[1] > 0, Arrays.toString(kl));
        int[] active = Evaluation.activeUnits(trained, x, 100);
        assertEquals(2, active.length);
        assertTrue(active[0] >= 1 && active[0] <= 6 && active[1] <= 3, Arrays.toString(active));
    }

    @Test
    void checkpointRoundTripKeepsWeightsBatchNormStatisticsAndScores() {
        INDArray x = data();
        Path ck = dir.resolve("lvae.zip");
        Trainer t = Trainer.trainOrLoad(new Lvae(config(true)), trainer(2), ck, x);
        assertEquals(Lvae.TYPE, Checkpoint.header(ck).modelType());
        Trainer loaded = Trainer.load(ck);
        Lvae a = t.model(Lvae.class);
        Lvae b = loaded.model(Lvae.class);
        assertEquals(a.config(), b.config());
        assertEquals(a.parameters().values(), b.parameters().values());
        assertEquals(a.parameters().state(), b.parameters().state());
        assertNotEquals(new Lvae(config(true)).parameters().state(), b.parameters().state(),
                "running statistics moved away from their initial values");
        Nd4j.getRandom().setSeed(4);
        INDArray wa = a.sample(x).logWeight();
        Nd4j.getRandom().setSeed(4);
        INDArray wb = b.sample(x).logWeight();
        assertEquals(wa, wb);
        assertEquals(2, loaded.epochsDone());
    }
}
