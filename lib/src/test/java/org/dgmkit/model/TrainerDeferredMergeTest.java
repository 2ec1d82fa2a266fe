package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.StepProfile;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trainer.fit defers the merge of a split step's halves into Adam's pass (one pass over the buffers instead of two):
 * the weights, Adam moments and batch-norm state after a few epochs are bit for bit those of training with the
 * gradients merged at once, with and without gradient clipping and with a skipped non-finite step.
 */
class TrainerDeferredMergeTest {
    private int minRows;
    private boolean enabled;

    @BeforeEach
    void splitTinyBatches() {
        minRows = HalfBatch.minRows();
        enabled = HalfBatch.enabled();
        HalfBatch.setMinRows(4);
        HalfBatch.setEnabled(true);
    }

    @AfterEach
    void restore() {
        HalfBatch.setMinRows(minRows);
        HalfBatch.setEnabled(enabled);
        StepProfile.stop();
    }

    private static Vae vae() {
        return new Vae(new VaeConfig(6, List.of(5, 4), 3, List.of(4, 5), Activation.TANH,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.FLOAT, 7L));
    }

    private static Lvae lvae() {
        return new Lvae(new LvaeConfig(6, List.of(5, 4, 4), List.of(3, 2, 2), 2, Activation.LEAKY_RELU, true,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.FLOAT, 7L));
    }

    /** 50 binary rows: batches of 8 split, the last one of 2 does not. */
    private static INDArray data() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, 50, 6).gt(0.5).castTo(DataType.FLOAT);
    }

    /**
     * {@code inner} with its gradients merged before the trainer sees them (deferral has no effect): the behaviour of
     * the trainer before the merge was deferred. Optionally a NaN loss at one call.
     */
    private static TrainableModel merging(TrainableModel inner, boolean settle, int nanAt) {
        int[] calls = {0};
        return new TrainableModel() {
            public ParameterSpace parameters() {
                return inner.parameters();
            }

            public double lossAndGradients(Batch b, StepContext c) {
                double l = inner.lossAndGradients(b, c);
                if (settle) {
                    assertTrue(inner.parameters().defersReplicaMerge(), "the trainer defers the merge");
                    inner.parameters().settleGradients();
                }
                return calls[0]++ == nanAt ? Double.NaN : l;
            }

            public double loss(Batch b) {
                return inner.loss(b);
            }

            public void setTraining(boolean training) {
                inner.setTraining(training);
            }

            public String modelType() {
                return "test";
            }

            public JsonObject configJson() {
                return new JsonObject();
            }
        };
    }

    private record Run(float[] values, float[] adam, float[] state, long mergeNanos, long skipped) { }

    private static Run train(Supplier<TrainableModel> make, boolean deferred, double clipNorm, int nanAt) {
        TrainableModel inner = make.get();
        TrainableModel m = merging(inner, !deferred, nanAt);
        TrainerConfig c = TrainerConfig.defaults().withEpochs(3).withBatchSize(8).withLearningRate(3e-3)
                .withWarmupEpochs(2).withSeed(9).withProgress(false);
        if (clipNorm > 0) {
            c = c.withClipNorm(clipNorm);
        }
        Trainer t = new Trainer(m, c).printTo(new PrintStream(new ByteArrayOutputStream()));
        if (nanAt >= 0) {
            t.skipNonFiniteSteps(1);
        }
        StepProfile p = StepProfile.start(false);
        t.fit(data());
        StepProfile.stop();
        ParameterSpace ps = inner.parameters();
        assertFalse(ps.defersReplicaMerge(), "deferral off after fit");
        assertNull(ps.takePendingReplicaGradients(), "nothing pending after fit");
        return new Run(ps.values().toFloatVector(), t.updaterState().toFloatVector(), ps.state().toFloatVector(),
                p.mergeNanos(), t.skippedSteps());
    }

    private static void assertSame(Run merged, Run deferred, String what) {
        assertArrayEquals(merged.values, deferred.values, what + ": weights");
        assertArrayEquals(merged.adam, deferred.adam, what + ": Adam moments");
        assertArrayEquals(merged.state, deferred.state, what + ": state");
        assertEquals(merged.skipped, deferred.skipped, what + ": skipped steps");
    }

    @Test
    void deferredMergeGivesTheSameWeightsBitForBit() {
        for (Supplier<TrainableModel> make : List.<Supplier<TrainableModel>>of(TrainerDeferredMergeTest::vae,
                TrainerDeferredMergeTest::lvae)) {
            Run merged = train(make, false, 0, -1);
            Run deferred = train(make, true, 0, -1);
            String what = make.get().getClass().getSimpleName();
            assertSame(merged, deferred, what);
            assertTrue(merged.mergeNanos > 0, what + ": the steps were split and merged apart");
            assertEquals(0, deferred.mergeNanos, what + ": no merge pass of its own when deferred");
        }
    }

    /** Clipping at 0.05 scales every step: the norm must be that of the whole gradient. */
    @Test
    void deferredMergeWithClipNormGivesTheSameWeights() {
        for (Supplier<TrainableModel> make : List.<Supplier<TrainableModel>>of(TrainerDeferredMergeTest::vae,
                TrainerDeferredMergeTest::lvae)) {
            Run merged = train(make, false, 0.05, -1);
            Run deferred = train(make, true, 0.05, -1);
            assertSame(merged, deferred, make.get().getClass().getSimpleName() + " clipped");
            // and clipping did something
            Run unclipped = train(make, true, 0, -1);
            assertFalse(java.util.Arrays.equals(unclipped.values, deferred.values), "clipping changed the weights");
        }
    }

    /** A skipped step's gradients (the pending half too) do not leak into the next step. */
    @Test
    void skippedStepWithDeferredMergeGivesTheSameWeights() {
        Run merged = train(TrainerDeferredMergeTest::vae, false, 0, 3);
        Run deferred = train(TrainerDeferredMergeTest::vae, true, 0, 3);
        assertEquals(1, deferred.skipped);
        assertSame(merged, deferred, "skipped step");
    }
}
