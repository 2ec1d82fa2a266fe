package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Elements#copyRowTo}: a row lands at (row, column offset) of the destination, for every pair of types. */
class ElementsCopyRowTest {
    @Test
    void rowsCopyBetweenEveryPairOfTypes() {
        for (DataType from : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (DataType to : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray src = Nd4j.createFromArray(new double[][] {{1.5, 2.25, -3}, {4, 5, 6.125}}).castTo(from);
                INDArray dst = Nd4j.zeros(to, 3, 5);
                Elements.of(src).copyRowTo(1, Elements.of(dst), 2, 1);
                assertArrayEquals(new double[] {0, 4, 5, 6.125, 0}, dst.getRow(2).toDoubleVector(), from + "->" + to);
                assertArrayEquals(new double[5], dst.getRow(0).toDoubleVector(), from + "->" + to);
            }
        }
    }
}
