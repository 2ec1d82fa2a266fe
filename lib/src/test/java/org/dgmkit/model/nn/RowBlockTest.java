package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Row views of row views at every offset (where ND4J's own get gives a rank-0 array for some). */
class RowBlockTest {

    @Test
    void rowsOfARowViewAreTheRightViewAtEveryOffset() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.arange(0, 120 * 3).castTo(dt).reshape(120, 3);
            for (int off = 0; off < 60; off++) {
                INDArray view = a.get(NDArrayIndex.interval(off, off + 50), NDArrayIndex.all());
                INDArray lower = RowBlock.of(view, 25, 50);
                assertArrayEquals(new long[] {25, 3}, lower.shape(), "offset " + off);
                assertEquals(a.getDouble(off + 25, 2), lower.getDouble(0, 2), "offset " + off);
                assertEquals(a.getDouble(off + 49, 0), lower.getDouble(24, 0), "offset " + off);
                assertEquals(a.get(NDArrayIndex.interval(off + 25, off + 50), NDArrayIndex.all()), lower);
            }
            INDArray view = a.get(NDArrayIndex.interval(30, 40), NDArrayIndex.interval(1, 3)); // column block too
            INDArray rows = RowBlock.of(view, 2, 5);
            rows.putScalar(0, 0, -1.0);
            assertEquals(-1.0, a.getDouble(32, 1), "a view: writes reach the array");
            assertEquals(view.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()), rows);
            assertEquals(0, RowBlock.of(a, 4, 4).rows());
        }
    }
}
