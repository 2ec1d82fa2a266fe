package org.dgmkit.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmkit.model.nn.HalfBatch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** The fused Java Adam gives ND4J's Adam updates and moments, step after step (float rounding: 1e-4 relative). */
class FlatAdamTest {

    @Test
    void gradientNormIsNd4jsForSmallAndLargeGradients() {
        for (long n : new long[] {7, Trainer.SMALL_GRADIENT, Trainer.SMALL_GRADIENT + 1}) {
            Nd4j.getRandom().setSeed(n);
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n);
            assertEquals(g.norm2Number().doubleValue(), Trainer.norm2(g), 1e-5 * Math.sqrt(n));
        }
        INDArray g = Nd4j.create(new float[] {3, 4}, 1, 2);
        assertEquals(5.0, Trainer.norm2(g), 0.0);
        g.putScalar(0, 1, Float.NaN);
        assertTrue(Double.isNaN(Trainer.norm2(g)));
    }

    @Test
    void matchesNd4jAdam() {
        int n = 10_001;
        Adam cfg = new Adam(3e-3);
        INDArray stateA = Nd4j.create(DataType.FLOAT, 1, 2L * n);
        INDArray stateB = Nd4j.create(DataType.FLOAT, 1, 2L * n);
        GradientUpdater nd4j = cfg.instantiate(stateA, true);
        FlatAdam ours = new FlatAdam(cfg, stateB);
        Nd4j.getRandom().setSeed(1);
        for (int it = 0; it < 5; it++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(it + 1);
            INDArray ga = g.dup();
            INDArray gb = g.dup();
            nd4j.applyUpdater(ga, it, 0);
            ours.apply(gb, it, 0);
            double diff = ga.sub(gb).amaxNumber().doubleValue();
            double scale = ga.amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * scale, "iteration " + it + ": update differs by " + diff + " (scale " + scale + ")");
            assertTrue(stateA.sub(stateB).amaxNumber().doubleValue() <= 1e-4 * stateA.amaxNumber().doubleValue(),
                    "moments differ at iteration " + it);
        }
    }

    @Test
    void updateInOnePassEqualsApplyThenSubtract() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int n = 5_003;
            Adam cfg = new Adam(1e-3);
            FlatAdam a = new FlatAdam(cfg, Nd4j.create(dt, 1, 2L * n));
            FlatAdam b = new FlatAdam(cfg, Nd4j.create(dt, 1, 2L * n));
            Nd4j.getRandom().setSeed(2);
            INDArray wa = Nd4j.randn(dt, 1, n);
            INDArray wb = wa.dup();
            for (int it = 0; it < 4; it++) {
                INDArray g = Nd4j.randn(dt, 1, n);
                INDArray ga = g.dup();
                a.apply(ga, it, 0);
                wa.subi(ga);
                INDArray gb = g.dup();
                b.update(wb, gb, it, 0);
                assertEquals(wa, wb, dt + " iteration " + it);
                assertEquals(0.0, gb.amaxNumber().doubleValue(), 0.0, "the gradient is zero for the next step");
            }
        }
    }

    /**
     * Parameters whose gradient stops: their first moments shrink by beta1 per step and would become subnormal (slow
     * arithmetic) after ~750 steps. The periodic flush keeps the state free of subnormals, and the weights stay bit for
     * bit those of the plain formula without any flush.
     */
    @Test
    void tinyMomentsAreFlushedWithoutChangingAnyWeight() {
        int n = 4096;
        Adam cfg = new Adam(1e-3);
        INDArray state = Nd4j.create(DataType.FLOAT, 1, 2L * n);
        FlatAdam ours = new FlatAdam(cfg, state);
        java.util.Random r = new java.util.Random(3);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) r.nextGaussian();
        }
        INDArray weights = Nd4j.createFromArray(new float[][] {w.clone()});
        float[] m = new float[n];
        float[] v = new float[n];
        float fb1 = (float) cfg.getBeta1();
        float fb2 = (float) cfg.getBeta2();
        float eps = (float) cfg.getEpsilon();
        int flushed = 0;
        for (int it = 0; it < 900; it++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                // a quarter always gets a gradient, a quarter only at the first step, the rest never
                g[i] = i % 4 == 0 || (i % 4 == 1 && it == 0) ? (float) (r.nextGaussian() * 1e-3) : 0f;
            }
            ours.update(weights, Nd4j.createFromArray(new float[][] {g}), it, 0);
            float a = (float) (cfg.getLearningRate(it, 0) * Math.sqrt(1 - Math.pow(cfg.getBeta2(), it + 1))
                    / (1 - Math.pow(cfg.getBeta1(), it + 1)));
            for (int i = 0; i < n; i++) {
                m[i] = fb1 * m[i] + (1 - fb1) * g[i];
                v[i] = fb2 * v[i] + (1 - fb2) * g[i] * g[i];
                w[i] = w[i] - a * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        }
        float[] s = state.toFloatVector();
        for (int i = 0; i < 2 * n; i++) {
            assertTrue(s[i] == 0f || Math.abs(s[i]) >= Float.MIN_NORMAL, "subnormal moment at " + i + ": " + s[i]);
            float plain = i < n ? m[i] : v[i - n];
            if (s[i] != plain) {
                assertTrue(s[i] == 0f && Math.abs(plain) < 1e-30f, "moment " + i + ": " + s[i] + " vs " + plain);
                flushed++;
            }
        }
        assertTrue(flushed >= n / 8, "the stopped gradients' first moments were flushed: " + flushed);
        boolean plainHasSubnormals = false;
        for (float x : m) {
            plainHasSubnormals |= x != 0f && Math.abs(x) < Float.MIN_NORMAL;
        }
        assertTrue(plainHasSubnormals, "without the flush some first moments are subnormal by now");
        org.junit.jupiter.api.Assertions.assertArrayEquals(w, weights.toFloatVector(), "weights bit for bit");
    }

    /** Gradients of two halves with a few exact zeros and negative zeros (whose sums keep their sign). */
    private static INDArray[] halves(DataType dt, int n, int it) {
        INDArray g0 = Nd4j.randn(dt, 1, n).muli(Math.pow(10, it % 5 - 3));
        INDArray g1 = Nd4j.randn(dt, 1, n).muli(Math.pow(10, it % 3 - 2));
        for (int i = it % 7; i < n; i += 97) {
            g0.putScalar(i, i % 2 == 0 ? -0.0 : 0.0);
            g1.putScalar(i, -0.0);
        }
        return new INDArray[] {g0, g1};
    }

    /**
     * The second gradient buffer added inside the pass: values and moments bit for bit those of HalfBatch.addInto
     * followed by the one-buffer update, over 300 steps (three moment flushes), both buffers left zero; lengths below
     * and above addInto's two-thread limit and not a multiple of the chunk.
     */
    @Test
    void secondBufferGivesTheValuesOfAddIntoThenUpdateBitForBit() {
        for (int n : new int[] {5_003, 70_001}) {
            Adam cfg = new Adam(2e-3);
            INDArray stateA = Nd4j.create(DataType.FLOAT, 1, 2L * n);
            INDArray stateB = Nd4j.create(DataType.FLOAT, 1, 2L * n);
            FlatAdam merged = new FlatAdam(cfg, stateA);
            FlatAdam fused = new FlatAdam(cfg, stateB);
            Nd4j.getRandom().setSeed(n);
            INDArray wa = Nd4j.randn(DataType.FLOAT, 1, n);
            INDArray wb = wa.dup();
            INDArray ga = Nd4j.create(DataType.FLOAT, 1, n);
            INDArray oa = Nd4j.create(DataType.FLOAT, 1, n);
            INDArray gb = Nd4j.create(DataType.FLOAT, 1, n);
            INDArray ob = Nd4j.create(DataType.FLOAT, 1, n);
            for (int it = 0; it < 300; it++) {
                INDArray[] h = halves(DataType.FLOAT, n, it);
                ga.assign(h[0]);
                oa.assign(h[1]);
                gb.assign(h[0]);
                ob.assign(h[1]);
                HalfBatch.addInto(ga, oa);
                merged.update(wa, ga, it, 0);
                fused.update(wb, gb, ob, it, 0);
                if (it % 50 == 0 || it == 299) {
                    assertArrayEquals(wa.toFloatVector(), wb.toFloatVector(), "n " + n + " values at step " + it);
                    assertArrayEquals(stateA.toFloatVector(), stateB.toFloatVector(), "n " + n + " moments at " + it);
                    assertArrayEquals(new float[n], gb.toFloatVector(), "first buffer zero");
                    assertArrayEquals(new float[n], ob.toFloatVector(), "second buffer zero");
                }
            }
            // the second buffer mattered: without it the weights differ
            FlatAdam half = new FlatAdam(cfg, stateA.dup());
            INDArray wc = wa.dup();
            INDArray[] h = halves(DataType.FLOAT, n, 300);
            half.update(wc, h[0].dup(), 300, 0);
            fused.update(wb, h[0].dup(), h[1].dup(), 300, 0);
            assertNotEqualsArrays(wc.toFloatVector(), wb.toFloatVector());
        }
    }

    private static void assertNotEqualsArrays(float[] a, float[] b) {
        assertTrue(!java.util.Arrays.equals(a, b), "the second buffer changed nothing");
    }

    /** A null second buffer is the one-buffer update. */
    @Test
    void nullSecondBufferIsTheOneBufferUpdate() {
        int n = 3_001;
        Adam cfg = new Adam(1e-3);
        FlatAdam a = new FlatAdam(cfg, Nd4j.create(DataType.FLOAT, 1, 2L * n));
        FlatAdam b = new FlatAdam(cfg, Nd4j.create(DataType.FLOAT, 1, 2L * n));
        Nd4j.getRandom().setSeed(4);
        INDArray wa = Nd4j.randn(DataType.FLOAT, 1, n);
        INDArray wb = wa.dup();
        for (int it = 0; it < 5; it++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n);
            a.update(wa, g.dup(), it, 0);
            b.update(wb, g.dup(), null, it, 0);
            assertArrayEquals(wa.toFloatVector(), wb.toFloatVector());
        }
    }

    /**
     * Buffers the fused pass does not take go the fallback way: the second added into the first and zeroed, then the
     * update as without it (DOUBLE buffers; FLOAT with the second buffer a view).
     */
    @Test
    void fallbackMergesFirstThenUpdates() {
        int n = 2_501;
        Adam cfg = new Adam(1e-3);
        // DOUBLE: through ND4J's Adam
        FlatAdam a = new FlatAdam(cfg, Nd4j.create(DataType.DOUBLE, 1, 2L * n));
        FlatAdam b = new FlatAdam(cfg, Nd4j.create(DataType.DOUBLE, 1, 2L * n));
        Nd4j.getRandom().setSeed(6);
        INDArray wa = Nd4j.randn(DataType.DOUBLE, 1, n);
        INDArray wb = wa.dup();
        for (int it = 0; it < 6; it++) {
            INDArray[] h = halves(DataType.DOUBLE, n, it);
            INDArray ga = h[0].dup();
            HalfBatch.addInto(ga, h[1].dup());
            a.update(wa, ga, it, 0);
            INDArray gb = h[0].dup();
            INDArray ob = h[1].dup();
            b.update(wb, gb, ob, it, 0);
            assertArrayEquals(wa.toDoubleVector(), wb.toDoubleVector(), "DOUBLE step " + it);
            assertArrayEquals(new double[n], gb.toDoubleVector());
            assertArrayEquals(new double[n], ob.toDoubleVector());
        }
        // FLOAT, second buffer a view (row 1 of a [2, n] matrix)
        FlatAdam c = new FlatAdam(cfg, Nd4j.create(DataType.FLOAT, 1, 2L * n));
        FlatAdam d = new FlatAdam(cfg, Nd4j.create(DataType.FLOAT, 1, 2L * n));
        INDArray wc = Nd4j.randn(DataType.FLOAT, 1, n);
        INDArray wd = wc.dup();
        INDArray rows = Nd4j.create(DataType.FLOAT, 2, n);
        for (int it = 0; it < 6; it++) {
            INDArray[] h = halves(DataType.FLOAT, n, it);
            INDArray gc = h[0].dup();
            HalfBatch.addInto(gc, h[1].dup());
            c.update(wc, gc, it, 0);
            INDArray gd = h[0].dup();
            INDArray od = rows.getRow(1, true);
            od.assign(h[1]);
            assertTrue(od.isView());
            d.update(wd, gd, od, it, 0);
            assertArrayEquals(wc.toFloatVector(), wd.toFloatVector(), "view step " + it);
            assertArrayEquals(new float[n], od.toFloatVector());
        }
    }

    @Test
    void secondBufferOfAnotherLengthOrTheFirstIsRefused() {
        FlatAdam a = new FlatAdam(new Adam(1e-3), Nd4j.create(DataType.FLOAT, 1, 20));
        INDArray w = Nd4j.create(DataType.FLOAT, 1, 10);
        INDArray g = Nd4j.create(DataType.FLOAT, 1, 10);
        assertThrows(IllegalArgumentException.class, () -> a.update(w, g, Nd4j.create(DataType.FLOAT, 1, 9), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> a.update(w, g, g, 0, 0));
    }
}
