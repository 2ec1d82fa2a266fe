package org.dgmkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowsTest {
    @Test
    void viewsOfRowRangesClampedToTheMatrix() {
        INDArray x = Nd4j.linspace(0, 11, 12, DataType.DOUBLE).reshape(6, 2);
        assertEquals(Nd4j.createFromArray(new double[][] {{4, 5}, {6, 7}}), Rows.range(x, 2, 4));
        assertEquals(6, Rows.first(x, 100).rows());
        assertThrows(IllegalArgumentException.class, () -> Rows.range(x, 10, 20));
        Rows.first(x, 1).assign(-1);
        assertEquals(-1.0, x.getDouble(0, 1), "a view, not a copy");
        assertThrows(IllegalArgumentException.class, () -> Rows.range(x, 3, 2));
    }
}
