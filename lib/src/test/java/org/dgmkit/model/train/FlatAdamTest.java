package org.dgmkit.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** The fused Java Adam gives ND4J's Adam updates and moments, step after step (float rounding: 1e-4 relative). */
class FlatAdamTest {

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
}
