package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused passes against the ND4J formulations they replace (the gradient checks cover their derivatives in
 * DOUBLE; this covers FLOAT, the polynomial exp/log, views and the two-thread split).
 */
class FusedTest {

    private static INDArray randn(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, shape);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(diff <= tol * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }

    @Test
    void polynomialExpAndLogMatchMathToFarBelowFloatRounding() {
        double worst = 0;
        for (double x = -707; x <= 708; x += 0.0137) {
            worst = Math.max(worst, Math.abs(Fused.fastExp(x) / Math.exp(x) - 1));
        }
        assertTrue(worst < 1e-9, "fastExp relative error " + worst);
        assertEquals(0.0, Fused.fastExp(-1000), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Fused.fastExp(1000), 0.0);
        assertTrue(Double.isNaN(Fused.fastExp(Double.NaN)));
        double worstLog = 0;
        for (double e = 0; e <= 1; e += 1e-4) {
            double exact = Math.log1p(e);
            worstLog = Math.max(worstLog, e == 0 ? Math.abs(Fused.fastLog1pUnit(e)) : Math.abs(Fused.fastLog1pUnit(e)
                    / exact - 1));
        }
        assertTrue(worstLog < 5e-8, "fastLog1pUnit relative error " + worstLog);
        for (double x : new double[] {-800, -30, -1, 0, 1e-9, 2.5, 40, 800}) {
            assertEquals(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), Fused.softplus(x, false),
                    1e-7 * Math.max(1, Math.abs(x)));
            assertEquals(1 / (1 + Math.exp(-x)), Fused.sigmoid(x, false), 1e-9);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void biasActivationAndItsBackwardMatchNd4j(Activation act) {
        for (int rows : new int[] {7, 300}) { // 300 x 200 is split over the helper thread
            INDArray pre = randn(DataType.FLOAT, 1, rows, 200);
            INDArray bias = randn(DataType.FLOAT, 2, 1, 200);
            INDArray expected = pre.addRowVector(bias);
            act.applyInPlace(expected, expected.ulike());
            INDArray y = pre.dup();
            Fused.biasActivation(Elements.of(y), Elements.of(bias), act);
            assertClose(expected, y, 2e-6, act + " forward");

            INDArray g = randn(DataType.FLOAT, 3, rows, 200);
            INDArray expectedG = g.dup();
            act.backpropInPlace(y, expectedG, g.ulike());
            expectedG.muli(0.5);
            INDArray biasGrad = Nd4j.ones(DataType.FLOAT, 1, 200);
            Fused.activationBackward(Elements.of(y), Elements.of(g), act, 0.5, Elements.of(biasGrad));
            assertClose(expectedG, g, 2e-6, act + " backward");
            assertClose(expectedG.sum(true, 0).addi(1.0), biasGrad, 2e-5, act + " bias gradient");
        }
    }

    @Test
    void bernoulliInFloatMatchesTheExactDoublePass() {
        INDArray logits = randn(DataType.DOUBLE, 4, 400, 150).muli(6);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 400, 150).gt(0.6).castTo(DataType.DOUBLE);
        INDArray rows = Nd4j.create(DataType.DOUBLE, 400);
        INDArray g = logits.ulike();
        double total = Fused.bernoulli(Elements.of(logits), Elements.of(x), Elements.of(rows), Elements.of(g));
        INDArray sp = Transforms.log(Transforms.exp(logits, true).addi(1.0), false);
        INDArray expectedRows = logits.mul(x).subi(sp).sum(1);
        assertClose(expectedRows, rows, 1e-12, "log p rows (DOUBLE)");
        assertClose(x.sub(Transforms.sigmoid(logits, true)), g, 1e-12, "gradient (DOUBLE)");
        assertEquals(expectedRows.sumNumber().doubleValue(), total, 1e-9 * Math.abs(total));

        INDArray lf = logits.castTo(DataType.FLOAT);
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray rf = Nd4j.create(DataType.FLOAT, 400);
        INDArray gf = lf.ulike();
        double totalF = Fused.bernoulli(Elements.of(lf), Elements.of(xf), Elements.of(rf), Elements.of(gf));
        assertEquals(total, totalF, 1e-6 * Math.abs(total), "FLOAT total");
        assertClose(rows, rf, 1e-6, "log p rows (FLOAT)");
        assertClose(g, gf, 1e-6, "gradient (FLOAT)");

        // each data row scored against 3 consecutive logit rows, without building the repeated data
        INDArray few = xf.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all());
        INDArray tiled = few.repeat(0, 4);
        INDArray r1 = Nd4j.create(DataType.FLOAT, 400);
        INDArray r2 = Nd4j.create(DataType.FLOAT, 400);
        Fused.bernoulli(Elements.of(lf), Elements.of(tiled), Elements.of(r1), null);
        Fused.bernoulli(Elements.of(lf), Elements.of(few), 4, Elements.of(r2), null);
        assertEquals(r1, r2);
        assertThrows(IllegalArgumentException.class,
                () -> Fused.bernoulli(Elements.of(lf), Elements.of(few), 3, Elements.of(r2), null));
    }

    @Test
    void gaussianPassesMatchTheClosedForms() {
        INDArray z = randn(DataType.FLOAT, 7, 50, 9);
        INDArray mean = randn(DataType.FLOAT, 8, 50, 9);
        INDArray logVar = randn(DataType.FLOAT, 9, 50, 9);
        INDArray diff = z.sub(mean);
        INDArray expected = diff.mul(diff).muli(Transforms.exp(logVar.neg(), false)).addi(logVar)
                .addi(GaussianMath.LOG_2PI).sum(1).muli(-0.5);
        assertClose(expected, GaussianMath.logDensity(z, mean, logVar), 2e-6, "log density");
        INDArray kl = Transforms.exp(logVar, true).addi(mean.mul(mean)).subi(logVar).subi(1.0).sum(1).muli(0.5);
        assertClose(kl, GaussianMath.klStandard(mean, logVar), 2e-6, "KL to N(0, I)");

        INDArray eps = randn(DataType.FLOAT, 10, 50, 9);
        INDArray sigma = eps.ulike();
        INDArray sample = eps.ulike();
        Fused.reparameterise(Elements.of(mean), Elements.of(logVar), Elements.of(eps), Elements.of(sigma),
                Elements.of(sample));
        assertClose(Transforms.exp(logVar.mul(0.5), false), sigma, 2e-6, "sigma");
        assertClose(eps.mul(sigma).addi(mean), sample, 2e-6, "z");
    }

    @Test
    void clampReportsAndMasksOnlyOutOfRangeEntries() {
        INDArray v = Nd4j.createFromArray(new float[][] {{-20f, 0f}, {3f, 17f}});
        INDArray mask = v.ulike();
        assertTrue(Fused.clamp(Elements.of(v), -16, 16, Elements.of(mask)));
        assertEquals(Nd4j.createFromArray(new float[][] {{-16f, 0f}, {3f, 16f}}), v);
        assertEquals(Nd4j.createFromArray(new float[][] {{0f, 1f}, {1f, 0f}}), mask);
        INDArray inside = Nd4j.createFromArray(new float[][] {{1f, 2f}});
        assertTrue(!Fused.clamp(Elements.of(inside), -16, 16, null));
    }

    @Test
    void elementsOfColumnAndRowBlocksIndexTheRightEntries() {
        INDArray m = Nd4j.arange(0, 60).castTo(DataType.FLOAT).reshape(6, 10);
        Elements cols = Elements.of(m.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 7)));
        assertEquals(4, cols.cols);
        assertEquals(6, cols.rows);
        assertEquals(2 * 10 + 3 + 1, cols.get(2, 1), 0.0);
        Elements rows = Elements.of(m.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()));
        assertEquals(3, rows.rows);
        assertEquals(4 * 10 + 9, rows.get(2, 9), 0.0);
        Elements vector = Elements.of(Nd4j.arange(0, 5).castTo(DataType.DOUBLE));
        assertEquals(5, vector.rows);
        assertEquals(1, vector.cols);
        assertEquals(3.0, vector.get(3, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Elements.of(m.transpose()));
        assertThrows(IllegalArgumentException.class, () -> Elements.of(Nd4j.zeros(DataType.INT, 2, 2)));
    }

    @Test
    void batchNormFusedWithItsActivationMatchesTheSeparateSteps() {
        for (int rows : new int[] {5, 400}) {
            ParameterSpace ps = new ParameterSpace(DataType.FLOAT);
            BatchNorm bn = new BatchNorm(ps, "bn", 130, true);
            ps.allocate(1);
            ps.values().assign(randn(DataType.FLOAT, 2, 1, ps.size()).muli(0.5).addi(1.0));
            INDArray x = randn(DataType.FLOAT, 3, rows, 130).muli(3).addi(1.5);
            INDArray mu = x.mean(true, 0);
            INDArray var = x.var(false, 0).reshape(1, 130);
            INDArray xhat = x.subRowVector(mu).divRowVector(Transforms.sqrt(var.add(1e-5), false));
            INDArray expected = xhat.mulRowVector(ps.block("bn.gamma").value()).addiRowVector(ps.block("bn.beta").value());
            Activation.LEAKY_RELU.applyInPlace(expected, expected.ulike());
            INDArray y = bn.forward(x, Activation.LEAKY_RELU);
            assertClose(expected, y, 1e-5, "forward");
            assertClose(mu.mul(0.1), bn.runningMean(), 1e-5, "running mean");
        }
    }

    /** One forward and backward of a batch norm with a shift, in {@code dt}; returns y, dx, d gamma, d beta, d shift. */
    private static INDArray[] batchNormPass(DataType dt, int rows, boolean training, Activation act) {
        ParameterSpace ps = new ParameterSpace(dt);
        ParameterSpace.Block shift = ps.reserve("shift", new ParameterSpace.Constant(0.0), 1, 130);
        BatchNorm bn = new BatchNorm(ps, "bn", 130, true);
        ps.allocate(1);
        ps.values().assign(randn(DataType.FLOAT, 2, 1, ps.size()).muli(0.5).addi(1.0));
        ps.zeroGradients();
        bn.setTraining(training);
        // without an activation a large common offset (the float pass must not lose the deviations to it); with one
        // a small offset, as float rounding near the kink may switch a rectifier's slope (a true difference of the two)
        double offset = act == Activation.IDENTITY ? 40 : 2;
        INDArray x = randn(DataType.FLOAT, 3, rows, 130).muli(3).addi(offset).castTo(dt);
        INDArray y = bn.forward(x, shift, act).dup();
        INDArray g = randn(DataType.FLOAT, 4, rows, 130).castTo(dt);
        INDArray dx = bn.backward(g, act, true).dup();
        return new INDArray[] {y, dx, ps.block("bn.gamma").gradient().dup(), ps.block("bn.beta").gradient().dup(),
            shift.gradient().dup()};
    }

    @Test
    void batchNormInFloatArithmeticMatchesTheDoublePasses() {
        String[] what = {"y", "dx", "d gamma", "d beta", "d shift"};
        // 4 000 x 130 entries: the passes split over two threads
        for (int rows : new int[] {5, 400, 4000}) {
            for (boolean training : new boolean[] {true, false}) {
                for (Activation act : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
                    Activation.SOFTPLUS}) {
                    INDArray[] f = batchNormPass(DataType.FLOAT, rows, training, act);
                    INDArray[] d = batchNormPass(DataType.DOUBLE, rows, training, act);
                    for (int i = 0; i < f.length; i++) {
                        // column sums over thousands of rows: relative to the sum of the magnitudes
                        double tol = i < 2 ? 1e-5 : 1e-5 * Math.max(1, Math.sqrt(rows));
                        assertClose(d[i], f[i], tol, what[i] + " (" + rows + " rows, training " + training + ", " + act
                                + ")");
                    }
                }
            }
        }
    }

    /** A 6 -> 5 Gaussian output in {@code dt} with some log-variances beyond the clamp; its value and gradients. */
    private static INDArray[] gaussianOutputPass(DataType dt, String mode) {
        ParameterSpace ps = new ParameterSpace(dt);
        GaussianOutput out = switch (mode) {
            case "head" -> GaussianOutput.learnedVariance(ps, "out", 6, 5, WeightInit.XAVIER);
            case "shared" -> GaussianOutput.sharedVariance(ps, "out", 6, 5, WeightInit.XAVIER, 0.0);
            default -> GaussianOutput.fixedVariance(ps, "out", 6, 5, WeightInit.XAVIER, Math.log(0.3));
        };
        ps.allocate(3);
        ps.values().assign(randn(DataType.FLOAT, 5, 1, ps.size()).castTo(dt));
        if (mode.equals("head")) { // column 0's log-variance above the clamp for every row, column 1's below
            ps.block("out.logVar.b").value().putScalar(0, 0, 40.0).putScalar(0, 1, -40.0);
        } else if (mode.equals("shared")) {
            ps.block("out.logVar").value().putScalar(0, 0, 17.0).putScalar(0, 1, -20.0);
        }
        ps.zeroGradients();
        INDArray h = randn(DataType.FLOAT, 6, 300, 6).castTo(dt);
        INDArray x = randn(DataType.FLOAT, 7, 300, 5).castTo(dt);
        out.forward(h);
        double lp = out.logProbability(x);
        INDArray rows = out.logProbabilityRows().dup();
        INDArray gh = out.backward(-1.0 / 300, true).dup();
        return new INDArray[] {Nd4j.scalar(lp / 300), rows, gh, ps.gradients().dup()};
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"head", "shared", "fixed"})
    void gaussianOutputInFloatMatchesTheDoublePassAndClampedEntriesGetNoGradient(String mode) {
        INDArray[] f = gaussianOutputPass(DataType.FLOAT, mode);
        INDArray[] d = gaussianOutputPass(DataType.DOUBLE, mode);
        String[] what = {"mean log-density", "row log-densities", "input gradient", "parameter gradients"};
        for (int i = 0; i < f.length; i++) {
            assertClose(d[i], f[i], 1e-5, mode + ": " + what[i]);
        }
        if (mode.equals("head")) {
            // columns 0 and 1 of the log-variance head were clamped in every row: their bias gets nothing
            ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
            GaussianOutput.learnedVariance(ps, "out", 6, 5, WeightInit.XAVIER);
            ps.allocate(3);
            long at = ps.block("out.logVar.b").offset();
            assertEquals(0.0, d[3].getDouble(0, at), 0.0);
            assertEquals(0.0, d[3].getDouble(0, at + 1), 0.0);
            assertTrue(Math.abs(d[3].getDouble(0, at + 2)) > 1e-6);
        } else if (mode.equals("shared")) {
            ParameterSpace ps = new ParameterSpace(DataType.DOUBLE);
            GaussianOutput.sharedVariance(ps, "out", 6, 5, WeightInit.XAVIER, 0.0);
            ps.allocate(3);
            long at = ps.block("out.logVar").offset();
            assertEquals(0.0, d[3].getDouble(0, at), 0.0);
            assertEquals(0.0, d[3].getDouble(0, at + 1), 0.0);
            assertTrue(Math.abs(d[3].getDouble(0, at + 2)) > 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void floatRowsGiveTheValuesOfTheDoubleRowsToFloatRounding(Activation f) {
        int k = Fused.kind(f);
        float[] x = {-3.5f, -1e-30f, -0.0f, 0.0f, Float.MIN_VALUE, 1e-30f, 0.25f, 7.0f, 3e38f, -3e38f};
        float[] v = x.clone();
        Fused.activateRowFloats(k, v, v.length);
        float[] s = v.clone();
        Fused.slopeRowFloats(k, s, s.length);
        for (int c = 0; c < x.length; c++) {
            double y = Fused.activate(k, x[c], false);
            assertEquals(y, v[c], Math.abs(y) * 1.2e-7, f + " f(" + x[c] + ")");
            double slope = Fused.slope(k, v[c], false);
            assertEquals(slope, s[c], Math.abs(slope) * 1.2e-7, f + " f'(" + x[c] + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void branchFreeRowsGiveTheValuesOfTheEntryByEntryFunctions(Activation f) {
        int k = Fused.kind(f);
        // float values, among them both zeros, the smallest positive float and large ones
        double[] x = {-3.5, -1e-30, -0.0, 0.0, Float.MIN_VALUE, 1e-30, 0.25, 7.0, 3e38, -3e38};
        for (boolean exact : new boolean[] {false, true}) {
            double[] v = x.clone();
            Fused.activateRow(k, v, v.length, exact);
            double[] s = new double[x.length];
            Fused.slopeRow(k, v, s, v.length, exact);
            for (int c = 0; c < x.length; c++) {
                double y = Fused.activate(k, x[c], exact);
                assertEquals(y, v[c], 0.0, f + " f(" + x[c] + ")");
                assertEquals(Fused.slope(k, y, exact), s[c], 0.0, f + " f'(" + x[c] + ")");
            }
        }
    }

    @Test
    void rowCopiesReadAndWriteTheRowsOfAView() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.arange(0, 20).castTo(dt).reshape(4, 5);
            INDArray view = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 4)); // rows 1-2, cols 1-3
            Elements e = Elements.of(view);
            double[] row = new double[3];
            e.readRow(1, row, new float[3]);
            assertEquals(java.util.List.of(11.0, 12.0, 13.0), java.util.List.of(row[0], row[1], row[2]));
            e.writeRow(0, new double[] {-1, -2, -3}, new float[3]);
            assertEquals(-1.0, a.getDouble(1, 1));
            assertEquals(-3.0, a.getDouble(1, 3));
            assertEquals(5.0, a.getDouble(1, 0), "outside the view untouched");
            assertEquals(9.0, a.getDouble(1, 4), "outside the view untouched");
        }
    }

    @Test
    void gatherAndPlaceCopyRowsAsTileAndConcatenationDo() {
        for (DataType from : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (DataType to : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray a = randn(from, 3, 6, 4);
                INDArray view = a.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(1, 4)); // [4, 3], row stride 4
                // gather: rows tiled twice, as Nd4j.tile(view, 2, 1)
                INDArray tiled = Nd4j.create(to, 8, 3);
                Fused.gatherRows(Elements.of(view), new int[] {0, 1, 2, 3, 0, 1, 2, 3}, Elements.of(tiled));
                assertClose(Nd4j.tile(view, 2, 1).castTo(to), tiled, 0, from + " -> " + to + " gathered rows");
                assertThrows(IllegalArgumentException.class,
                        () -> Fused.gatherRows(Elements.of(view), new int[] {0, 4, 1, 2, 3, 0, 1, 2}, Elements.of(tiled)));
                // place: [view | 2 x view] by columns, then stacked under itself by rows
                INDArray wide = Nd4j.create(to, 8, 9);
                Fused.place(Elements.of(view), Elements.of(wide), 0, 0);
                Fused.place(Elements.of(tiled), Elements.of(wide), 0, 3);
                Fused.place(Elements.of(tiled.get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 2))), Elements.of(wide),
                        4, 6);
                INDArray expected = Nd4j.create(to, 8, 9);
                expected.get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3)).assign(view);
                expected.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).assign(tiled);
                expected.get(NDArrayIndex.interval(4, 8), NDArrayIndex.interval(6, 8))
                        .assign(tiled.get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 2)));
                assertClose(expected, wide, 0, from + " -> " + to + " placed blocks");
                assertThrows(IllegalArgumentException.class, () -> Fused.place(Elements.of(tiled), Elements.of(wide), 1, 0));
            }
        }
    }

    @Test
    void bernoulliWithARowMapScoresTheTiledData() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray logits = randn(dt, 5, 700, 784).muli(3); // 700 x 784: split over the helper thread
            INDArray x = Nd4j.rand(dt, 70, 784);
            int[] xRow = new int[700];
            for (int i = 0; i < xRow.length; i++) {
                xRow[i] = (i * 13) % 70;
            }
            INDArray tiled = Nd4j.pullRows(x, 1, xRow);
            INDArray rows = Nd4j.create(dt, 700);
            INDArray g = Nd4j.create(dt, 700, 784);
            double total = Fused.bernoulli(Elements.of(logits), Elements.of(tiled), Elements.of(rows), Elements.of(g));
            INDArray mappedRows = Nd4j.create(dt, 700);
            INDArray mappedG = Nd4j.create(dt, 700, 784);
            double mapped = Fused.bernoulli(Elements.of(logits), Elements.of(x), xRow, Elements.of(mappedRows),
                    Elements.of(mappedG));
            assertEquals(total, mapped, 0.0, dt + " total");
            assertEquals(rows, mappedRows, dt + " rows");
            assertEquals(g, mappedG, dt + " gradient");
            // and the tiled pass against the plain ND4J formula, in double (a float sum of 784 terms rounds to 1e-6)
            INDArray ld = logits.castTo(DataType.DOUBLE);
            INDArray td = tiled.castTo(DataType.DOUBLE);
            INDArray sp = Transforms.log(Transforms.exp(ld.neg(), true).addi(1.0), false).addi(ld);
            INDArray expectedRows = ld.mul(td).subi(sp).sum(1);
            assertClose(expectedRows, mappedRows, dt == DataType.FLOAT ? 1e-6 : 1e-12, dt + " log p rows");
            assertClose(td.sub(Transforms.sigmoid(ld, true)), mappedG, dt == DataType.FLOAT ? 1e-6 : 1e-12,
                    dt + " gradient");
            assertThrows(IllegalArgumentException.class, () -> Fused.bernoulli(Elements.of(logits), Elements.of(x),
                    new int[] {0, 70}, null, null));
        }
    }

    @Test
    void rowWeightsInTheActivationPassGiveTheValuesOfAScaleRowsPassBeforeIt() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (Activation act : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.TANH}) {
                for (int rows : new int[] {9, 600}) { // 600 x 784: split over the helper thread
                    INDArray y = randn(dt, 6, rows, 784);
                    act.applyInPlace(y, y.ulike());
                    INDArray g = randn(dt, 7, rows, 784);
                    INDArray w = Nd4j.rand(dt, rows, 1);
                    INDArray twoPasses = g.dup();
                    INDArray biasTwo = Nd4j.ones(dt, 1, 784);
                    Fused.scaleRows(Elements.of(twoPasses), Elements.of(w));
                    Fused.activationBackward(Elements.of(y), Elements.of(twoPasses), act, -0.3, Elements.of(biasTwo));
                    INDArray onePass = g.dup();
                    INDArray biasOne = Nd4j.ones(dt, 1, 784);
                    Fused.activationBackward(Elements.of(y), Elements.of(onePass), act, Elements.of(w), -0.3,
                            Elements.of(biasOne));
                    assertEquals(twoPasses, onePass, dt + " " + act + " gradient");
                    assertEquals(biasTwo, biasOne, dt + " " + act + " bias gradient");
                }
            }
        }
    }
}
