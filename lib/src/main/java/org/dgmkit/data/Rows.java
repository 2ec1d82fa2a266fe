package org.dgmkit.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Row ranges of a matrix, as views (no copy): what notebook cells use to take a few digits or a subset. */
public final class Rows {
    private Rows() {
    }

    /** Rows {@code [from, min(to, rows))} of {@code x}, a view; fails when that range is empty. */
    public static INDArray range(INDArray x, long from, long to) {
        long end = Math.min(to, x.rows());
        if (from < 0 || from >= end) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") of a matrix with " + x.rows()
                    + " rows is empty");
        }
        return x.get(NDArrayIndex.interval(from, end), NDArrayIndex.all());
    }

    /** The first {@code min(n, rows)} rows of {@code x}, a view. */
    public static INDArray first(INDArray x, long n) {
        return range(x, 0, n);
    }
}
