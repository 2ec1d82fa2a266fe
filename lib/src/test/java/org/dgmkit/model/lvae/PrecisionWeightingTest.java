package org.dgmkit.model.lvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.nn.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The precision-weighted merge against its formula, its gradient, and its behaviour at extreme variances. */
class PrecisionWeightingTest {

    @Test
    void scalarMergeMatchesHandNumbers() {
        // varQ = 1 / (1/1 + 1/3) = 0.75; muQ = (2/1 + (-1)/3) * 0.75 = 1.25
        double[] q = PrecisionWeighting.merge(2.0, 1.0, -1.0, 3.0);
        assertEquals(1.25, q[0], 1e-15);
        assertEquals(0.75, q[1], 1e-15);
        // equal variances: the mean is the average, the variance halves
        q = PrecisionWeighting.merge(4.0, 2.0, 0.0, 2.0);
        assertEquals(2.0, q[0], 1e-15);
        assertEquals(1.0, q[1], 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrecisionWeighting.merge(0, 0.0, 0, 1));
        assertTrue(e.getMessage().contains("varHat=0.0"), e.getMessage());
    }

    @Test
    void arrayMergeMatchesTheFormulaElementWise() {
        INDArray muHat = Nd4j.createFromArray(new double[][] {{2.0, 0.5, -3.0}, {1.0, 10.0, 0.0}});
        INDArray varHat = Nd4j.createFromArray(new double[][] {{1.0, 0.1, 4.0}, {2.0, 1e-3, 7.0}});
        INDArray muP = Nd4j.createFromArray(new double[][] {{-1.0, 1.5, 1.0}, {1.0, -2.0, 5.0}});
        INDArray varP = Nd4j.createFromArray(new double[][] {{3.0, 0.4, 4.0}, {0.5, 9.0, 0.25}});
        Gaussian q = PrecisionWeighting.merge(muHat, varHat, muP, varP);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double vh = varHat.getDouble(i, j);
                double vp = varP.getDouble(i, j);
                double varQ = 1 / (1 / vh + 1 / vp);
                double muQ = (muHat.getDouble(i, j) / vh + muP.getDouble(i, j) / vp) * varQ;
                assertEquals(muQ, q.mean().getDouble(i, j), 1e-12, "mean at " + i + "," + j);
                assertEquals(Math.log(varQ), q.logVar().getDouble(i, j), 1e-12, "log-variance at " + i + "," + j);
            }
        }
        // (2, 1) merged with (-1, 3), as in the scalar test
        assertEquals(1.25, q.mean().getDouble(0, 0), 1e-14);
        assertEquals(Math.log(0.75), q.logVar().getDouble(0, 0), 1e-14);
    }

    @Test
    void extremeLogVariancesStayFinite() {
        INDArray mu = Nd4j.createFromArray(new double[][] {{1.0, -1.0}});
        INDArray lvHat = Nd4j.createFromArray(new double[][] {{-700.0, 700.0}});
        INDArray lvP = Nd4j.createFromArray(new double[][] {{700.0, -700.0}});
        PrecisionWeighting.Merged m = PrecisionWeighting.mergeLogVar(mu, lvHat, mu.neg(), lvP);
        // the far more precise estimate wins completely
        assertEquals(1.0, m.mean().getDouble(0, 0), 1e-12);
        assertEquals(1.0, m.mean().getDouble(0, 1), 1e-12);
        assertEquals(-700.0, m.logVar().getDouble(0, 0), 1e-9);
        assertEquals(-700.0, m.logVar().getDouble(0, 1), 1e-9);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(4);
        INDArray muHat = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray lvHat = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray muP = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray lvP = Nd4j.randn(DataType.DOUBLE, 3, 4);
        // an arbitrary smooth scalar of the merged Gaussian: sum(a * muQ + b * logVarQ + muQ^2 exp(logVarQ))
        INDArray a = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray b = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray[] grads = {muHat.ulike(), lvHat.ulike(), muP.ulike(), lvP.ulike()};
        GradientCheck.Loss loss = withGrad -> {
            PrecisionWeighting.Merged m = PrecisionWeighting.mergeLogVar(muHat, lvHat, muP, lvP);
            INDArray var = org.nd4j.linalg.ops.transforms.Transforms.exp(m.logVar(), true);
            double value = a.mul(m.mean()).sumNumber().doubleValue() + b.mul(m.logVar()).sumNumber().doubleValue()
                    + m.mean().mul(m.mean()).muli(var).sumNumber().doubleValue();
            if (withGrad) {
                for (INDArray g : grads) {
                    g.assign(0.0);
                }
                INDArray gMean = a.add(m.mean().mul(var).muli(2));
                INDArray gLogVar = b.add(m.mean().mul(m.mean()).muli(var));
                PrecisionWeighting.backward(m, muHat, muP, gMean, gLogVar, grads[0], grads[1], grads[2], grads[3]);
            }
            return value;
        };
        List<GradientCheck.Target> targets = List.of(
                new GradientCheck.Target("muHat", muHat, () -> grads[0]),
                new GradientCheck.Target("logVarHat", lvHat, () -> grads[1]),
                new GradientCheck.Target("muP", muP, () -> grads[2]),
                new GradientCheck.Target("logVarP", lvP, () -> grads[3]));
        GradientCheck.Result r = new GradientCheck().check(loss, targets);
        assertTrue(r.passed(), r.report());
        assertEquals(48, r.checked());
    }
}
