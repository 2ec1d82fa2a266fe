package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link HalfBatch#addInto}: target += other exactly, other zeroed, for lengths around its chunk and thread limits. */
class HalfBatchAddIntoTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2047, 2048, 2049, 65_535, 65_536, 200_003})
    void floatBuffersAddExactlyAndTheOtherIsZeroed(int n) {
        Nd4j.getRandom().setSeed(n);
        INDArray t = Nd4j.randn(DataType.FLOAT, 1, n);
        INDArray o = Nd4j.randn(DataType.FLOAT, 1, n);
        float[] t0 = t.toFloatVector();
        float[] o0 = o.toFloatVector();
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = t0[i] + o0[i];
        }
        HalfBatch.addInto(t, o);
        assertArrayEquals(expected, t.toFloatVector());
        assertArrayEquals(new float[n], o.toFloatVector());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 70_001})
    void doubleBuffersAddExactlyAndTheOtherIsZeroed(int n) {
        Nd4j.getRandom().setSeed(n);
        INDArray t = Nd4j.randn(DataType.DOUBLE, 1, n);
        INDArray o = Nd4j.randn(DataType.DOUBLE, 1, n);
        double[] t0 = t.toDoubleVector();
        double[] o0 = o.toDoubleVector();
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = t0[i] + o0[i];
        }
        HalfBatch.addInto(t, o);
        assertArrayEquals(expected, t.toDoubleVector());
        assertArrayEquals(new double[n], o.toDoubleVector());
    }

    @Test
    void buffersOfDifferentLengthsOrViewsAreRefused() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 1, 10);
        assertThrows(IllegalArgumentException.class, () -> HalfBatch.addInto(a, Nd4j.zeros(DataType.FLOAT, 1, 9)));
        assertThrows(IllegalArgumentException.class, () -> HalfBatch.addInto(a, Nd4j.zeros(DataType.DOUBLE, 1, 10)));
        INDArray big = Nd4j.zeros(DataType.FLOAT, 2, 10);
        assertThrows(IllegalArgumentException.class, () -> HalfBatch.addInto(a, big.getRow(1)));
    }
}
