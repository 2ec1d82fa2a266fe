package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.dgmkit.model.adgm.Adgm;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AdgmInit;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.FlatAdam;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Training steps that split their batch between two threads ({@link HalfBatch}) compute the whole batch's loss and
 * gradient: equal to the unsplit step up to rounding (batch norm included, through the exchanged statistics), green
 * under finite differences, and the same numbers run to run.
 */
class HalfBatchTest {
    private int minRows;
    private boolean enabled;

    @BeforeEach
    void splitTinyBatches() {
        minRows = HalfBatch.minRows();
        enabled = HalfBatch.enabled();
        HalfBatch.setMinRows(2);
        HalfBatch.setEnabled(true);
    }

    @AfterEach
    void restore() {
        HalfBatch.setMinRows(minRows);
        HalfBatch.setEnabled(enabled);
    }

    private static Lvae lvae(DataType dt, boolean batchNorm) {
        Lvae m = new Lvae(new LvaeConfig(6, List.of(5, 4, 4), List.of(3, 2, 2), 2, Activation.LEAKY_RELU, batchNorm,
                VaeConfig.Likelihood.BERNOULLI, 0.0, dt, 7L));
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(dt, 1, m.parameters().size()).muli(0.1));
        return m;
    }

    private static Vae vae(DataType dt) {
        return new Vae(new VaeConfig(6, List.of(5, 4), 3, List.of(4, 5), Activation.TANH,
                VaeConfig.Likelihood.BERNOULLI, 0.0, dt, 7L));
    }

    /** A small ADGM / SDGM (or M2 without the auxiliary variable), with batch norm and two draws of a. */
    private static Adgm adgm(DataType dt, GenerativeForm form, boolean auxiliary, boolean batchNorm) {
        Adgm m = new Adgm(new AdgmConfig(6, 3, List.of(5, 4), 3, 2, form, auxiliary, 0.8, Activation.TANH, dt, 7L,
                batchNorm, AdgmInit.KIT, 2));
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(dt, 1, m.parameters().size()).muli(0.1));
        return m;
    }

    private static AuxiliaryVae auxVae(DataType dt, GenerativeForm form, int layers) {
        return new AuxiliaryVae(new AuxiliaryVaeConfig(6, List.of(5), 3, layers == 1 ? List.of(3) : List.of(3, 2),
                form, Activation.TANH, dt, 7L));
    }

    /** {@code labelled} one-hot labelled rows and {@code unlabelled} rows of 6 binary pixels. */
    private static Batch semiSupervised(int labelled, int unlabelled, DataType dt) {
        INDArray x = binary(labelled + unlabelled, dt);
        INDArray y = Nd4j.zeros(dt, labelled, 3);
        for (int i = 0; i < labelled; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new Batch(HalfBatch.rows(x, 0, labelled).dup(), y, HalfBatch.rows(x, labelled, x.rows()).dup());
    }

    private static INDArray binary(int n, DataType dt) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, n, 6).gt(0.5).castTo(dt);
    }

    /** Loss, gradient and state after one step at noise seed 11, split or not. */
    private static double[][] step(TrainableModel m, INDArray x, boolean split) {
        return step(m, Batch.of(x), split);
    }

    private static double[][] step(TrainableModel m, Batch batch, boolean split) {
        HalfBatch.setEnabled(split);
        m.parameters().zeroGradients();
        Nd4j.getRandom().setSeed(11);
        double loss = m.lossAndGradients(batch, new StepContext(0, 0, 0.6));
        HalfBatch.setEnabled(true);
        return new double[][] {{loss}, m.parameters().gradients().toDoubleVector(),
            m.parameters().state().toDoubleVector()};
    }

    private static void assertSplitMatchesWhole(Supplier<TrainableModel> make, int rows) {
        assertSplitMatchesWhole(make, Batch.of(binary(rows, DataType.DOUBLE)));
    }

    private static void assertSplitMatchesWhole(Supplier<TrainableModel> make, Batch batch) {
        double[][] whole = step(make.get(), batch, false);
        double[][] split = step(make.get(), batch, true);
        assertEquals(whole[0][0], split[0][0], 1e-12 * Math.abs(whole[0][0]));
        double scale = 0;
        for (double g : whole[1]) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 0);
        assertArrayEquals(whole[1], split[1], 1e-12 * scale);
        assertArrayEquals(whole[2], split[2], 1e-12);
    }

    @Test
    void splitLvaeWithBatchNormEqualsTheWholeBatch() {
        assertSplitMatchesWhole(() -> lvae(DataType.DOUBLE, true), 7);
        assertSplitMatchesWhole(() -> lvae(DataType.DOUBLE, true), 10);
    }

    @Test
    void splitLvaeWithoutBatchNormAndVaeEqualTheWholeBatch() {
        assertSplitMatchesWhole(() -> lvae(DataType.DOUBLE, false), 9);
        assertSplitMatchesWhole(() -> vae(DataType.DOUBLE), 9);
    }

    @Test
    void splitStepsTakeBatchesThatAreRowViews() {
        // row views at offsets where ND4J's own get of the second half's rows gave a rank-0 array
        INDArray big = binary(20, DataType.DOUBLE);
        assertSplitMatchesWhole(() -> vae(DataType.DOUBLE), Batch.of(big.get(NDArrayIndex.interval(5, 13),
                NDArrayIndex.all())));
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        assertSplitMatchesWhole(() -> adgm(DataType.DOUBLE, GenerativeForm.ADGM, true, true),
                new Batch(big.get(NDArrayIndex.interval(3, 9), NDArrayIndex.all()), y,
                        big.get(NDArrayIndex.interval(9, 17), NDArrayIndex.all())));
    }

    @Test
    void splitAdgmSdgmAndM2EqualTheWholeBatch() {
        for (GenerativeForm form : GenerativeForm.values()) {
            for (boolean bn : new boolean[] {true, false}) {
                // odd counts: the halves get unequal shares of labelled and unlabelled rows
                assertSplitMatchesWhole(() -> adgm(DataType.DOUBLE, form, true, bn), semiSupervised(5, 7, DataType.DOUBLE));
                assertSplitMatchesWhole(() -> adgm(DataType.DOUBLE, form, true, bn), semiSupervised(0, 6, DataType.DOUBLE));
                assertSplitMatchesWhole(() -> adgm(DataType.DOUBLE, form, true, bn), semiSupervised(4, 1, DataType.DOUBLE));
            }
        }
        assertSplitMatchesWhole(() -> adgm(DataType.DOUBLE, GenerativeForm.ADGM, false, true),
                semiSupervised(3, 4, DataType.DOUBLE));
    }

    @Test
    void splitAuxiliaryVaeEqualsTheWholeBatch() {
        for (GenerativeForm form : GenerativeForm.values()) {
            assertSplitMatchesWhole(() -> auxVae(DataType.DOUBLE, form, 1), 9);
            assertSplitMatchesWhole(() -> auxVae(DataType.DOUBLE, form, 2), 8);
        }
    }

    @Test
    void splitAdgmReportsTheWholeBatchsLabelledLossAndAccuracy() {
        Batch b = semiSupervised(5, 7, DataType.DOUBLE);
        Adgm whole = adgm(DataType.DOUBLE, GenerativeForm.ADGM, true, true);
        Adgm split = adgm(DataType.DOUBLE, GenerativeForm.ADGM, true, true);
        step(whole, b, false);
        step(split, b, true);
        assertEquals(whole.lastLabelledLoss(), split.lastLabelledLoss(), 1e-12 * Math.abs(whole.lastLabelledLoss()));
        assertEquals(whole.lastUnlabelledLoss(), split.lastUnlabelledLoss(),
                1e-12 * Math.abs(whole.lastUnlabelledLoss()));
        assertEquals(whole.lastLabelledAccuracy(), split.lastLabelledAccuracy(), 0.0);
    }

    @Test
    void splitGradientsMatchFiniteDifferences() {
        // the gradient comes from the split step, the differenced loss from the unsplit forward pass
        for (TrainableModel m : List.<TrainableModel>of(lvae(DataType.DOUBLE, true), vae(DataType.DOUBLE),
                adgm(DataType.DOUBLE, GenerativeForm.SDGM, true, true), auxVae(DataType.DOUBLE, GenerativeForm.ADGM, 2))) {
            Batch batch = m instanceof Adgm ? semiSupervised(3, 4, DataType.DOUBLE) : Batch.of(binary(7, DataType.DOUBLE));
            StepContext ctx = new StepContext(0, 0, 0.6);
            GradientCheck.Loss loss = withGrad -> {
                Nd4j.getRandom().setSeed(11);
                if (withGrad) {
                    m.parameters().zeroGradients();
                    return m.lossAndGradients(batch, ctx);
                }
                HalfBatch.setEnabled(false);
                try {
                    return m.lossAndGradients(batch, ctx);
                } finally {
                    HalfBatch.setEnabled(true);
                }
            };
            GradientCheck.Result r = new GradientCheck().maxPerTarget(4).check(loss, m.parameters());
            assertTrue(r.passed(), m + ": " + r.failed() + " of " + r.checked() + " failed\n" + r.report());
        }
    }

    /** Parameters after five Adam steps on FLOAT batches of 100 (the default split threshold applies). */
    private static float[] trained(Supplier<TrainableModel> make) {
        HalfBatch.setMinRows(minRowsDefault());
        TrainableModel m = make.get();
        Adam adam = new Adam(1e-3);
        FlatAdam opt = new FlatAdam(adam, Nd4j.create(DataType.FLOAT, 1, adam.stateSize(m.parameters().size())));
        INDArray x = binary(100, DataType.FLOAT);
        Nd4j.getRandom().setSeed(5);
        for (int i = 0; i < 5; i++) {
            m.lossAndGradients(Batch.of(x), new StepContext(0, i, 1.0));
            opt.update(m.parameters().values(), m.parameters().gradients(), i, 0);
        }
        return m.parameters().values().toFloatVector();
    }

    private static int minRowsDefault() {
        return Integer.getInteger("dgmkit.halfBatch.minRows", 64);
    }

    @Test
    void modelsTrainingAtTheSameTimeOnTwoThreadsGetTheirOwnNumbers() throws Exception {
        // every split step gets its second thread, so concurrent training (nab-detect trains files in parallel)
        // splits exactly as training alone does
        Supplier<TrainableModel> l = () -> lvae(DataType.FLOAT, true);
        float[] alone = trained(l);
        float[][] got = new float[2][];
        Thread[] ts = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            ts[i] = new Thread(() -> got[k] = trained(l));
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertArrayEquals(alone, got[0]);
        assertArrayEquals(alone, got[1]);
    }

    @Test
    void sameSeedSameNumbersWhenSplit() {
        Supplier<TrainableModel> l = () -> lvae(DataType.FLOAT, true);
        Supplier<TrainableModel> v = () -> vae(DataType.FLOAT);
        assertTrue(HalfBatch.applies(100));
        assertArrayEquals(trained(l), trained(l));
        assertArrayEquals(trained(v), trained(v));
        // and the split run stays within float rounding of the unsplit one (batch norm sums the halves' statistics
        // in another order and computes in float: a few float roundings per step, grown by the training steps)
        HalfBatch.setEnabled(false);
        float[] whole = trained(l);
        HalfBatch.setEnabled(true);
        float[] split = trained(l);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], split[i], 2e-3, "parameter " + i);
        }
    }
}
