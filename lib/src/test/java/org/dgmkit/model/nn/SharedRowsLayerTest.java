package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A dense layer on an input whose first columns repeat across rows, against the same layer on the tiled input. */
class SharedRowsLayerTest {

    private static double relative(INDArray expected, INDArray actual) {
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        return diff / Math.max(1e-30, expected.amaxNumber().doubleValue());
    }

    @Test
    void sharedRowsGiveTheTiledInputsOutputsAndGradients() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tol = dt == DataType.FLOAT ? 1e-6 : 1e-12;
            for (Activation act : new Activation[] {Activation.IDENTITY, Activation.TANH}) {
                int distinct = 6;
                int w = 9;
                int restWidth = 4;
                int[] rowOf = new int[150]; // 150 x 7 outputs: the row passes split over two threads
                for (int i = 0; i < rowOf.length; i++) {
                    rowOf[i] = (i * 7 + i / 11) % distinct;
                }
                Nd4j.getRandom().setSeed(8);
                INDArray s = Nd4j.randn(dt, distinct, w);
                INDArray rest = Nd4j.randn(dt, rowOf.length, restWidth);
                INDArray tiled = Nd4j.hstack(Nd4j.pullRows(s, 1, rowOf), rest);
                INDArray g = Nd4j.randn(dt, rowOf.length, 7);
                INDArray[] out = new INDArray[2];
                INDArray[] grads = new INDArray[2];
                for (int k = 0; k < 2; k++) {
                    ParameterSpace ps = new ParameterSpace(dt);
                    DenseLayer l = new DenseLayer(ps, "l", w + restWidth, 7, act, WeightInit.XAVIER);
                    ps.allocate(3L);
                    ps.block("l.b").value().assign(Nd4j.randn(dt, 1, 7));
                    out[k] = (k == 0 ? l.forward(tiled) : l.forwardShared(s, rowOf, rest)).dup();
                    l.backward(g.dup(), 0.5, false);
                    grads[k] = ps.gradients().dup();
                    if (k == 1) {
                        assertThrows(IllegalStateException.class, () -> l.backward(g.dup(), true), "no input gradient");
                    }
                }
                assertTrue(relative(out[0], out[1]) < tol, dt + " " + act + " forward " + relative(out[0], out[1]));
                assertTrue(relative(grads[0], grads[1]) < tol, dt + " " + act + " gradients " + relative(grads[0], grads[1]));
            }
        }
    }
}
