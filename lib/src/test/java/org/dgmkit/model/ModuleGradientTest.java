package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BatchNorm;
import org.dgmkit.model.nn.BernoulliOutput;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.GaussianOutput;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.nn.ParameterSpace;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks of every module's backward pass (DOUBLE, tiny sizes). */
class ModuleGradientTest {

    private static INDArray randn(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    private static void assertPassed(GradientCheck.Result r) {
        assertTrue(r.passed(), "gradient check failed: " + r.failed() + " of " + r.checked() + " entries, worst rel "
                + r.maxRelativeError() + "\n" + r.report());
    }

    /** Parameters plus the input x (whose gradient the loss stores in {@code holder[0]}). */
    private static List<GradientCheck.Target> withInput(ParameterSpace ps, INDArray x, INDArray[] holder) {
        List<GradientCheck.Target> ts = new ArrayList<>(GradientCheck.targets(ps));
        ts.add(new GradientCheck.Target("x", x, () -> holder[0]));
        return ts;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseLayerGradientsForEveryActivation(Activation act) {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        DenseLayer a = new DenseLayer(ps, "a", 4, 5, act, WeightInit.XAVIER);
        DenseLayer b = new DenseLayer(ps, "b", 5, 3, act, WeightInit.XAVIER);
        ps.allocate(1);
        ps.values().addi(randn(2, 1, ps.size()).muli(0.3)); // non-zero biases too
        INDArray x = randn(3, 6, 4);
        INDArray w = randn(4, 6, 3);
        INDArray[] gx = new INDArray[1];
        GradientCheck.Loss loss = withGrad -> {
            INDArray y = b.forward(a.forward(x));
            double l = y.mul(w).sumNumber().doubleValue();
            if (withGrad) {
                ps.zeroGradients();
                INDArray g = b.backward(w.dup(), true);
                gx[0] = a.backward(g, true).dup();
            }
            return l;
        };
        assertPassed(new GradientCheck().check(loss, withInput(ps, x, gx)));
    }

    @Test
    void denseForwardMatchesPlainMatrixProduct() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        DenseLayer a = new DenseLayer(ps, "a", 3, 2, Activation.RELU, WeightInit.XAVIER);
        ps.allocate(7);
        INDArray x = randn(1, 5, 3);
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.relu(
                x.mmul(a.weights().value()).addRowVector(a.bias().value()), true);
        assertEquals(expected, a.forward(x));
        // the blocks are views of the flat buffer
        ps.values().assign(0.0);
        assertEquals(0.0, a.weights().value().sumNumber().doubleValue());
    }

    @Test
    void softplusIsStableForLargeInputs() {
        INDArray a = Nd4j.create(new float[] {-200f, -30f, 0f, 30f, 200f}, new long[] {1, 5});
        Activation.softplusInPlace(a, a.ulike());
        assertEquals(0.0, a.getDouble(0), 1e-30);
        assertEquals(Math.log1p(Math.exp(-30)), a.getDouble(1), 1e-7); // float: absolute, not relative, accuracy
        assertEquals(Math.log(2), a.getDouble(2), 1e-6);
        assertEquals(30.0, a.getDouble(3), 1e-5);
        assertEquals(200.0, a.getDouble(4), 1e-4);
    }

    @Test
    void gaussianLayerReparameterisationAndKlGradients() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        GaussianLayer q = new GaussianLayer(ps, "q", 4, 3, WeightInit.XAVIER);
        ps.allocate(5);
        INDArray h = randn(6, 5, 4);
        INDArray w = randn(7, 5, 3);
        INDArray[] gh = new INDArray[1];
        GradientCheck.Loss loss = withGrad -> {
            q.forward(h);
            Nd4j.getRandom().setSeed(99); // same eps every call
            INDArray z = q.sample();
            double l = z.mul(w).sumNumber().doubleValue()
                    + GaussianMath.klStandard(q.mean(), q.logVar()).sumNumber().doubleValue();
            if (withGrad) {
                ps.zeroGradients();
                q.addSampleGradient(w);
                GaussianMath.addKlStandardGradient(q.mean(), q.logVar(), 1.0, q.gradMean(), q.gradLogVar(),
                        q.scratch());
                gh[0] = q.backward(true).dup();
            }
            return l;
        };
        assertPassed(new GradientCheck().check(loss, withInput(ps, h, gh)));
    }

    @Test
    void gaussianLayerClampsLogVarianceAndStopsItsGradient() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        GaussianLayer q = new GaussianLayer(ps, "q", 2, 2, WeightInit.XAVIER, -1.0, 1.0);
        ps.allocate(5);
        q.logVarHead().bias().value().assign(Nd4j.create(new double[][] {{5.0, 0.0}}));
        q.logVarHead().weights().value().assign(0.0);
        INDArray h = randn(1, 3, 2);
        Gaussian g = q.forward(h);
        assertEquals(1.0, g.logVar().getDouble(0, 0), 0.0);
        assertEquals(0.0, g.logVar().getDouble(0, 1), 0.0);
        ps.zeroGradients();
        q.gradLogVar().assign(1.0);
        q.backward(false);
        assertEquals(0.0, q.logVarHead().bias().gradient().getDouble(0, 0), 0.0);
        assertEquals(3.0, q.logVarHead().bias().gradient().getDouble(0, 1), 1e-12);
    }

    @Test
    void bernoulliOutputGradientAndValue() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        BernoulliOutput out = new BernoulliOutput(ps, "out", 4, 6, WeightInit.XAVIER);
        ps.allocate(3);
        INDArray h = randn(8, 5, 4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6).gt(0.5).castTo(DataType.DOUBLE);
        INDArray[] gh = new INDArray[1];
        GradientCheck.Loss loss = withGrad -> {
            out.forward(h);
            double l = -out.logProbability(x);
            if (withGrad) {
                ps.zeroGradients();
                gh[0] = out.backward(-1.0, true).dup();
            }
            return l;
        };
        assertPassed(new GradientCheck().check(loss, withInput(ps, h, gh)));
        // value: x log p + (1 - x) log(1 - p)
        out.forward(h);
        double total = out.logProbability(x);
        INDArray p = out.mean();
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                double pij = p.getDouble(i, j);
                expected += x.getDouble(i, j) > 0.5 ? Math.log(pij) : Math.log(1 - pij);
            }
        }
        assertEquals(expected, total, 1e-10);
        assertEquals(total, out.logProbabilityRows().sumNumber().doubleValue(), 1e-10);
    }

    @Test
    void bernoulliOutputIsFiniteForExtremeLogitsInFloat() {
        ParameterSpace ps = new ParameterSpace(DataType.FLOAT);
        BernoulliOutput out = new BernoulliOutput(ps, "out", 1, 2, WeightInit.XAVIER);
        ps.allocate(3);
        out.logitLayer().weights().value().assign(0.0);
        out.logitLayer().bias().value().assign(Nd4j.create(new float[][] {{200f, -200f}}));
        out.forward(Nd4j.ones(DataType.FLOAT, 1, 1));
        double lp = out.logProbability(Nd4j.create(new float[][] {{0f, 0f}}));
        assertEquals(-200.0, lp, 1e-3); // log(1 - sigmoid(200)) = -200, log(1 - sigmoid(-200)) = 0
    }

    @Test
    void gaussianOutputLearnedVarianceGradientAndValue() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        GaussianOutput out = GaussianOutput.learnedVariance(ps, "out", 3, 4, WeightInit.XAVIER);
        ps.allocate(4);
        checkGaussianOutput(ps, out);
    }

    @Test
    void gaussianOutputFixedVarianceGradientAndValue() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        GaussianOutput out = GaussianOutput.fixedVariance(ps, "out", 3, 4, WeightInit.XAVIER, Math.log(0.5));
        ps.allocate(4);
        checkGaussianOutput(ps, out);
    }

    @Test
    void gaussianOutputSharedVarianceGradientAndValue() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        GaussianOutput out = GaussianOutput.sharedVariance(ps, "out", 3, 4, WeightInit.XAVIER, -0.3);
        ps.allocate(4);
        assertEquals(-0.3, out.sharedLogVarBlock().value().getDouble(0, 2), 0);
        out.sharedLogVarBlock().value().assign(Nd4j.create(new double[][] {{-0.5, 0.2, 0.0, 1.1}}));
        checkGaussianOutput(ps, out);
        assertEquals(1.1, out.logVar().getDouble(3, 3), 0); // every row shares the column's log-variance
        assertTrue(out.learned());
    }

    /** Gradient check of a 3 -> 4 Gaussian output on fixed random data, and its log-density against GaussianMath's. */
    private static void checkGaussianOutput(ParameterSpace ps, GaussianOutput out) {
        INDArray h = randn(9, 5, 3);
        INDArray x = randn(10, 5, 4);
        INDArray[] gh = new INDArray[1];
        GradientCheck.Loss loss = withGrad -> {
            out.forward(h);
            double l = -out.logProbability(x);
            if (withGrad) {
                ps.zeroGradients();
                gh[0] = out.backward(-1.0, true).dup();
            }
            return l;
        };
        assertPassed(new GradientCheck().check(loss, withInput(ps, h, gh)));
        out.forward(h);
        double total = out.logProbability(x);
        INDArray expected = GaussianMath.logDensity(x, out.mean(), out.logVar());
        assertEquals(expected.sumNumber().doubleValue(), total, 1e-10);
    }

    @Test
    void batchNormGradientsInTrainingAndEvaluationMode() {
        for (boolean train : new boolean[] {true, false}) {
            ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
            BatchNorm bn = new BatchNorm(ps, "bn", 3, true);
            ps.allocate(1);
            bn.runningMean().assign(randn(5, 1, 3));
            ps.values().addi(randn(2, 1, ps.size()).muli(0.3));
            bn.setTraining(train);
            INDArray x = randn(11, 6, 3).muli(2).addi(1);
            INDArray w = randn(12, 6, 3);
            INDArray[] gx = new INDArray[1];
            INDArray state = ps.state().dup();
            GradientCheck.Loss loss = withGrad -> {
                ps.state().assign(state); // running stats must not drift between calls
                double l = bn.forward(x).mul(w).sumNumber().doubleValue();
                if (withGrad) {
                    ps.zeroGradients();
                    gx[0] = bn.backward(w.dup(), true).dup();
                }
                return l;
            };
            assertPassed(new GradientCheck().check(loss, withInput(ps, x, gx)));
        }
    }

    @Test
    void batchNormNormalisesAndTracksRunningStatistics() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        BatchNorm bn = new BatchNorm(ps, "bn", 2, false, 0.5, 1e-5);
        ps.reserve("dummy", new ParameterSpace.Constant(0), 1); // BN without affine has no trainable params
        ps.allocate(1);
        INDArray x = Nd4j.create(new double[][] {{1, 10}, {3, 30}});
        INDArray y = bn.forward(x);
        assertEquals(-1.0, y.getDouble(0, 0), 1e-4);
        assertEquals(1.0, y.getDouble(1, 1), 1e-4);
        assertEquals(1.0, bn.runningMean().getDouble(0, 0), 1e-12); // 0.5 * 0 + 0.5 * 2
        assertEquals(1.0, bn.runningVar().getDouble(0, 0), 1e-12); // 0.5 * 1 + 0.5 * 1
        assertEquals(50.5, bn.runningVar().getDouble(0, 1), 1e-12); // 0.5 * 1 + 0.5 * 100
    }

    @Test
    void gaussianMathGradientsAndIdentities() {
        INDArray mq = randn(1, 4, 3);
        INDArray lq = randn(2, 4, 3).muli(0.5);
        INDArray mp = randn(3, 4, 3);
        INDArray lp = randn(4, 4, 3).muli(0.5);
        INDArray z = randn(5, 4, 3);
        // KL against N(0, I) is the general KL with zero mean and log-variance
        assertEquals(GaussianMath.klStandard(mq, lq), GaussianMath.kl(mq, lq, mq.ulike(), lq.ulike()));
        INDArray[] g = new INDArray[5];
        GradientCheck.Loss loss = withGrad -> {
            double l = GaussianMath.kl(mq, lq, mp, lp).sumNumber().doubleValue()
                    + 0.7 * GaussianMath.logDensity(z, mp, lp).sumNumber().doubleValue()
                    - 0.3 * GaussianMath.logStandardDensity(z).sumNumber().doubleValue();
            if (withGrad) {
                for (int i = 0; i < 5; i++) {
                    g[i] = mq.ulike();
                }
                GaussianMath.addKlGradient(mq, lq, mp, lp, 1.0, g[0], g[1], g[2], g[3]);
                GaussianMath.addLogDensityGradient(z, mp, lp, 0.7, g[4], g[2], g[3]);
                GaussianMath.addLogStandardDensityGradient(z, -0.3, g[4]);
            }
            return l;
        };
        List<GradientCheck.Target> ts = List.of(
                new GradientCheck.Target("mq", mq, () -> g[0]), new GradientCheck.Target("lq", lq, () -> g[1]),
                new GradientCheck.Target("mp", mp, () -> g[2]), new GradientCheck.Target("lp", lp, () -> g[3]),
                new GradientCheck.Target("z", z, () -> g[4]));
        assertPassed(new GradientCheck().check(loss, ts));
        // log N(0; 0, 1) in one dimension
        assertEquals(-0.5 * Math.log(2 * Math.PI), GaussianMath.logStandardDensity(Nd4j.zeros(DataType.DOUBLE, 1, 1))
                .getDouble(0), 1e-12);
    }

    @Test
    void gradientCheckDetectsAWrongGradient() {
        INDArray p = randn(1, 1, 3);
        INDArray[] g = new INDArray[1];
        GradientCheck.Loss loss = withGrad -> {
            if (withGrad) {
                g[0] = p.mul(3.0); // wrong: d/dp sum(p^2) = 2p
            }
            return p.mul(p).sumNumber().doubleValue();
        };
        GradientCheck.Result r = new GradientCheck().check(loss, List.of(new GradientCheck.Target("p", p, () -> g[0])));
        assertEquals(3, r.failed());
    }

    @Test
    void badSizesAreRejected() {
        ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseLayer(ps, "enc0", 0, 3, Activation.RELU, WeightInit.XAVIER));
        assertTrue(e.getMessage().contains("enc0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterSpace(DataType.INT));
        new DenseLayer(ps, "a", 2, 3, Activation.RELU, WeightInit.XAVIER);
        assertThrows(IllegalArgumentException.class,
                () -> new DenseLayer(ps, "a", 2, 3, Activation.RELU, WeightInit.XAVIER));
    }
}
