package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The FLOAT Bernoulli pass (float exp and log, branch-free) against the formula in double with Math.exp and
 * Math.log1p, entry by entry over logits from -100 to 100, 0, +-1e-8, tiny and huge magnitudes: each term
 * x l - softplus(l) and each gradient x - sigmoid(l) within 1e-6 relative or 1e-7 absolute, the row sums likewise,
 * and the repeats and row-map variants giving the values of the materialised data.
 */
class FusedBernoulliFloatTest {

    /** Relative tolerance of a term or gradient (a few float ulps). */
    private static final double REL = 1e-6;
    /** Absolute tolerance for values near 0. */
    private static final double ABS = 1e-7;

    private static final int COLS = 784;
    private static final int ROWS = 600; // 600 x 784 entries: split over the helper thread

    /** Logits: special values, a grid over [-100, 100] and random normal x 3, all rounded to float. */
    private static float[] logits(int n, long seed) {
        float[] special = {0f, -0f, 1e-8f, -1e-8f, 1e-30f, -1e-30f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-4f, -1e-4f,
            0.5f, -0.5f, 1f, -1f, 16f, -16f, 17f, -17f, 30f, -30f, 86.9f, -86.9f, 87f, -87f, 88f, -88f, 100f, -100f,
            104f, -104f, 200f, -200f, 1e4f, -1e4f, 1e30f, -1e30f, 3e38f, -3e38f};
        float[] l = new float[n];
        Random rnd = new Random(seed);
        int grid = n / 2;
        for (int i = 0; i < n; i++) {
            if (i < special.length) {
                l[i] = special[i];
            } else if (i < grid) {
                l[i] = (float) (-100 + 200.0 * (i - special.length) / (grid - special.length - 1));
            } else {
                l[i] = (float) (3 * rnd.nextGaussian());
            }
        }
        // shuffle so that every row mixes signs and magnitudes
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float t = l[i];
            l[i] = l[j];
            l[j] = t;
        }
        return l;
    }

    /** Data: binary in even rows, uniform in [0, 1] in odd rows. */
    private static float[] data(int n, int cols, long seed) {
        float[] x = new float[n];
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            x[i] = (i / cols) % 2 == 0 ? (rnd.nextBoolean() ? 1f : 0f) : rnd.nextFloat();
        }
        return x;
    }

    /** x l - softplus(l) with x l - max(l, 0) first (exact in double for float x and l), then log(1 + e^-|l|). */
    private static double term(double x, double l) {
        return (x * l - Math.max(l, 0)) - Math.log1p(Math.exp(-Math.abs(l)));
    }

    /** x - sigmoid(l), for l &gt;= 0 as (x - 1) + sigmoid(-l) (1 - 1 / (1 + e) would lose e below 1e-16). */
    private static double grad(double x, double l) {
        double e = Math.exp(-Math.abs(l));
        return l >= 0 ? (x - 1) + e / (1 + e) : x - e / (1 + e);
    }

    private static INDArray floats(float[] v, int rows, int cols) {
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    /** |got - want| / max(|want|, ABS / REL): at most REL when within REL relative or ABS absolute. */
    private static double scaledError(double got, double want) {
        return scaledError(got, want, ABS / REL);
    }

    /** |got - want| / max(|want|, floor); infinite for a NaN or infinite {@code got}. */
    private static double scaledError(double got, double want, double floor) {
        if (!Double.isFinite(got)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - want) / Math.max(Math.abs(want), floor);
    }

    @Test
    void termsAndGradientsAreWithinAFewFloatUlpsOfTheDoubleFormula() {
        int n = ROWS * COLS;
        float[] l = logits(n, 11);
        float[] x = data(n, COLS, 12);
        // each entry's term alone: one column, so the row value is the term
        INDArray rowsOne = Nd4j.create(DataType.DOUBLE, n);
        INDArray gOne = Nd4j.create(DataType.FLOAT, n, 1);
        Fused.bernoulli(Elements.of(floats(l, n, 1)), Elements.of(floats(x, n, 1)), Elements.of(rowsOne),
                Elements.of(gOne));
        double worstTerm = 0;
        double worstGrad = 0;
        double worstBinaryGrad = 0;
        for (int i = 0; i < n; i++) {
            // terms: relative even when tiny (|term| >= log(1 + e), computed to float ulps; below 1e-30 only
            // |l| > 87, where e^-87 stands for e^-|l|)
            worstTerm = Math.max(worstTerm, scaledError(rowsOne.getDouble(i), term(x[i], l[i]), 1e-30));
            double ge = scaledError(gOne.getDouble(i, 0), grad(x[i], l[i]));
            if (x[i] == 0 || x[i] == 1) { // no cancellation in x - sigmoid: relative even when tiny
                worstBinaryGrad = Math.max(worstBinaryGrad, scaledError(gOne.getDouble(i, 0), grad(x[i], l[i]),
                        1e-30));
            }
            worstGrad = Math.max(worstGrad, ge);
        }
        assertTrue(worstTerm <= REL, "term error " + worstTerm);
        assertTrue(worstGrad <= REL, "gradient error " + worstGrad);
        assertTrue(worstBinaryGrad <= REL, "gradient error at binary x " + worstBinaryGrad);

        // rows of 784 (the vectorised loops, the four partial sums, two threads)
        INDArray lw = floats(l, ROWS, COLS);
        INDArray xw = floats(x, ROWS, COLS);
        INDArray rows = Nd4j.create(DataType.DOUBLE, ROWS);
        INDArray g = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        double total = Fused.bernoulli(Elements.of(lw), Elements.of(xw), Elements.of(rows), Elements.of(g));
        double worstRow = 0;
        double expectedTotal = 0;
        double totalScale = 0;
        for (int r = 0; r < ROWS; r++) {
            double want = 0;
            double scale = 0;
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                double t = term(x[i], l[i]);
                want += t;
                scale += Math.abs(t);
                assertEquals(gOne.getFloat(i, 0), g.getFloat(r, c), 0f, "gradient (" + r + ", " + c + ")");
            }
            worstRow = Math.max(worstRow, Math.abs(rows.getDouble(r) - want) / Math.max(scale, ABS / REL));
            expectedTotal += want;
            totalScale += scale;
        }
        assertTrue(worstRow <= REL, "row sum error " + worstRow);
        assertEquals(expectedTotal, total, REL * totalScale, "total");
        System.out.printf("FLOAT Bernoulli pass: worst relative error term %.3g, gradient %.3g (binary x %.3g),"
                + " row sum %.3g%n", worstTerm, worstGrad, worstBinaryGrad, worstRow);

        // the same numbers again (fixed order, fixed split), and into FLOAT rows
        INDArray rowsF = Nd4j.create(DataType.FLOAT, ROWS);
        INDArray g2 = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        assertEquals(total, Fused.bernoulli(Elements.of(lw), Elements.of(xw), Elements.of(rowsF), Elements.of(g2)),
                0.0);
        assertEquals(g, g2);
        assertEquals(rows.castTo(DataType.FLOAT), rowsF);
        // no gradient asked: the same rows
        INDArray rows3 = Nd4j.create(DataType.DOUBLE, ROWS);
        assertEquals(total, Fused.bernoulli(Elements.of(lw), Elements.of(xw), Elements.of(rows3), null), 0.0);
        assertEquals(rows, rows3);
    }

    @Test
    void repeatsAndRowMapsScoreAsTheMaterialisedDataDoes() {
        int n = ROWS * COLS;
        INDArray lw = floats(logits(n, 21), ROWS, COLS);
        int dataRows = ROWS / 4;
        float[] xv = data(dataRows * COLS, COLS, 22);
        INDArray few = floats(xv, dataRows, COLS);

        // 4 consecutive logit rows per data row
        INDArray tiled = few.repeat(0, 4);
        INDArray r1 = Nd4j.create(DataType.DOUBLE, ROWS);
        INDArray g1 = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        double t1 = Fused.bernoulli(Elements.of(lw), Elements.of(tiled), Elements.of(r1), Elements.of(g1));
        INDArray r2 = Nd4j.create(DataType.DOUBLE, ROWS);
        INDArray g2 = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        double t2 = Fused.bernoulli(Elements.of(lw), Elements.of(few), 4, Elements.of(r2), Elements.of(g2));
        assertEquals(t1, t2, 0.0);
        assertEquals(r1, r2);
        assertEquals(g1, g2);
        checkAgainstDouble(lw, tiled, r2, g2);

        // row r against data row xRow[r]
        int[] xRow = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            xRow[r] = (r * 13) % dataRows;
        }
        INDArray pulled = Nd4j.pullRows(few, 1, xRow);
        INDArray r3 = Nd4j.create(DataType.DOUBLE, ROWS);
        INDArray g3 = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        double t3 = Fused.bernoulli(Elements.of(lw), Elements.of(pulled), Elements.of(r3), Elements.of(g3));
        INDArray r4 = Nd4j.create(DataType.DOUBLE, ROWS);
        INDArray g4 = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        double t4 = Fused.bernoulli(Elements.of(lw), Elements.of(few), xRow, Elements.of(r4), Elements.of(g4));
        assertEquals(t3, t4, 0.0);
        assertEquals(r3, r4);
        assertEquals(g3, g4);
        checkAgainstDouble(lw, pulled, r4, g4);
    }

    /** Row sums and gradients of the pass on (l, x) against the double formula. */
    private static void checkAgainstDouble(INDArray l, INDArray x, INDArray rows, INDArray g) {
        float[] lv = l.dup().data().asFloat();
        float[] xv = x.dup().data().asFloat();
        float[] gv = g.dup().data().asFloat();
        double[] want = new double[ROWS];
        double[] got = rows.dup().data().asDouble();
        for (int r = 0; r < ROWS; r++) {
            double scale = 0;
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                double t = term(xv[i], lv[i]);
                want[r] += t;
                scale += Math.abs(t);
                double e = scaledError(gv[i], grad(xv[i], lv[i]));
                assertTrue(e <= REL, "gradient (" + r + ", " + c + ") error " + e);
            }
            assertTrue(Math.abs(got[r] - want[r]) <= REL * scale, "row " + r + ": " + got[r] + " vs " + want[r]);
        }
    }

    @Test
    void theFloatExpAndLogHoldAcrossTheirRange() {
        float[] l = new float[20001];
        for (int i = 0; i < l.length; i++) {
            l[i] = -100f + 0.01f * i;
        }
        float[] x = new float[l.length];
        float[] e = new float[l.length];
        float[] lg = new float[l.length];
        float[] lc = l.clone();
        Fused.bernoulliRowF(lc, x, e, lg, true, l.length);
        double worstExp = 0;
        double worstLog = 0;
        for (int i = 0; i < l.length; i++) {
            double a = Math.abs((double) l[i]);
            if (a < 87) {
                worstExp = Math.max(worstExp, Math.abs(e[i] / Math.exp(-a) - 1));
            }
            double ln = Math.log1p(e[i]);
            worstLog = Math.max(worstLog, Math.abs(Fused.log1pUnitF(e[i]) - ln) / Math.max(ln, 1e-300));
        }
        System.out.printf("float e^-|l| relative error %.3g, log(1 + e) %.3g%n", worstExp, worstLog);
        assertTrue(worstExp < 3e-7, "exp relative error " + worstExp);
        assertTrue(worstLog < 3e-7, "log1p relative error " + worstLog);
        float[] nan = {Float.NaN};
        float[] xn = {1f};
        assertTrue(Double.isNaN(Fused.bernoulliRowF(nan, xn, new float[1], new float[1], true, 1)));
        assertArrayEquals(new float[] {Float.NaN}, nan);
    }
}
