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
}
