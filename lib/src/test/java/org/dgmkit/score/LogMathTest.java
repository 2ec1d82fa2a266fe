package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LogMathTest {

    @Test
    void double_arrays_at_minus_1000_stay_finite() {
        assertEquals(-1000 + Math.log(2), LogMath.logSumExp(new double[] {-1000, -1000}), 1e-12);
        assertEquals(-1000, LogMath.logMeanExp(new double[] {-1000, -1000, -1000}), 1e-12);
        assertEquals(-999.0 + Math.log1p(Math.exp(-1)), LogMath.logSumExp(new double[] {-1000, -999}), 1e-12);
        assertEquals(1000 + Math.log(2), LogMath.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, LogMath.logSumExp(new double[] {Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY}));
        assertEquals(Math.log(6), LogMath.logSumExp(new double[] {0, Math.log(2), Math.log(3)}), 1e-12);
        assertEquals(-1000 + Math.log(2), LogMath.logAddExp(-1000, -1000), 1e-12);
    }

    @Test
    void matrix_rows_and_columns_at_minus_1000_stay_finite() {
        INDArray m = Nd4j.createFromArray(new double[][] {
                {-1000, -1000, -1000},
                {-1000, -999, Double.NEGATIVE_INFINITY},
                {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}});
        double[] rows = LogMath.logSumExp(m, 1).toDoubleVector();
        assertEquals(-1000 + Math.log(3), rows[0], 1e-9);
        assertEquals(-999 + Math.log1p(Math.exp(-1)), rows[1], 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, rows[2]);
        double[] cols = LogMath.logMeanExp(m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), 0).toDoubleVector();
        assertArrayEquals(new double[] {-1000, -999 + Math.log1p(Math.exp(-1)) - Math.log(2), -1000 - Math.log(2)},
                cols, 1e-9);
        INDArray f = Nd4j.createFromArray(new float[][] {{-1000f, -1000f}});
        assertEquals(DataType.DOUBLE, LogMath.logSumExp(f, 1).dataType());
        assertEquals(-1000 + Math.log(2), LogMath.logSumExp(f, 1).getDouble(0), 1e-9);
    }

    @Test
    void elementwise_log_add_exp() {
        INDArray a = Nd4j.createFromArray(-1000.0, Double.NEGATIVE_INFINITY, 0.0);
        INDArray b = Nd4j.createFromArray(-1000.0, Double.NEGATIVE_INFINITY, Math.log(3));
        assertArrayEquals(new double[] {-1000 + Math.log(2), Double.NEGATIVE_INFINITY, Math.log(4)},
                LogMath.logAddExp(a, b).toDoubleVector(), 1e-12);
    }
    @Test
    void log_erfc_matches_high_precision_values_far_into_the_tail() {
        // mpmath, 40 digits: log(erfc(x))
        double[][] ref = {{0, 0}, {0.1, -0.11930497373739560532}, {0.5, -0.73501112983708440303},
            {1, -1.8496055099332482486}, {1.5, -3.3844920895515527203}, {2, -5.3649412646166375745},
            {2.5, -7.8068152727272643589}, {3, -10.720363041981112568}, {4, -17.987778312103006503},
            {5, -27.200889545537434422}, {6, -38.377561173223388366}, {8, -66.65947197080516149},
            {10, -102.87988902484488857}, {30, -903.97411711064387808}, {100, -10005.177585122664333},
            {1000, -1000007.4801207219062}};
        for (double[] r : ref) {
            double got = LogMath.logErfc(r[0]);
            assertEquals(r[1], got, 1e-13 * Math.max(1, Math.abs(r[1])), "log erfc(" + r[0] + ")");
        }
        // erfc(-x) = 2 - erfc(x): erfc(-1) = 1.8427007929497148693
        assertEquals(Math.log(1.8427007929497148693), LogMath.logErfc(-1), 1e-15);
        assertEquals(Math.log(2), LogMath.logErfc(Double.NEGATIVE_INFINITY), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, LogMath.logErfc(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(LogMath.logErfc(Double.NaN)));
        // continuous where the method changes (x = 2) and monotone
        double prev = 1;
        for (double x = 0; x < 40; x += 0.01) {
            double v = LogMath.logErfc(x);
            assertTrue(v < prev, "not decreasing at " + x);
            prev = v;
        }
    }
}
