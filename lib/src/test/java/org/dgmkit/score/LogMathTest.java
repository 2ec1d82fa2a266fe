package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
