package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rows [from, to) of a matrix as a view, built from the buffer, strides and offset directly. ND4J 1.0.0-M2.1's
 * {@code get(interval(from, to), all())} on a matrix that is itself a row view at offset off returns a rank-0
 * array when from &lt;= off &lt; to (e.g. rows 25-50 of rows 37-87 of a batch, or the lower rows of a weight block of
 * a parameter space), and the step using it fails.
 */
public final class RowBlock {
    private RowBlock() {
    }

    /** Rows [from, to) of the matrix {@code a} (a view sharing its buffer). */
    public static INDArray of(INDArray a, long from, long to) {
        if (a.rank() != 2 || from < 0 || to > a.rows() || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of an array of shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        if (from == to) {
            return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
        return Nd4j.create(a.data(), new long[] {to - from, a.columns()}, new long[] {a.stride(0), a.stride(1)},
                a.offset() + from * a.stride(0), a.ordering());
    }
}
