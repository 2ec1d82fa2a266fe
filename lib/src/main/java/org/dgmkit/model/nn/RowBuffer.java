package org.dgmkit.model.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reusable [rows, cols] work array: reallocated only when the number of rows (the batch size)
 * changes, so a training loop with a fixed batch size allocates nothing per step.
 */
public final class RowBuffer {
    private final DataType dataType;
    private final long cols;
    private final double fill;
    private INDArray buffer;
    private Elements elements;

    /** Zero-initialised buffers of {@code cols} columns. */
    public RowBuffer(DataType dataType, long cols) {
        this(dataType, cols, 0.0);
    }

    /** Buffers of {@code cols} columns filled with {@code fill} when (re)allocated. */
    public RowBuffer(DataType dataType, long cols, double fill) {
        this.dataType = dataType;
        this.cols = cols;
        this.fill = fill;
    }

    /** The buffer for {@code rows} rows (contents are whatever the last user left, or the fill value when new). */
    public INDArray get(long rows) {
        if (buffer == null || buffer.rows() != rows) {
            buffer = Nd4j.create(dataType, rows, cols);
            elements = null;
            if (fill != 0.0) {
                buffer.assign(fill);
            }
        }
        return buffer;
    }

    /** {@link Elements} of {@link #get}{@code (rows)} (kept with the buffer, so no per-call wrapper). */
    public Elements elements(long rows) {
        INDArray b = get(rows);
        if (elements == null) {
            elements = Elements.of(b);
        }
        return elements;
    }
}
