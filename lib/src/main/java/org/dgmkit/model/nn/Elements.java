package org.dgmkit.model.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access from plain Java to a FLOAT or DOUBLE ND4J array seen as a matrix [rows, cols] with unit column
 * stride and any row stride (a whole c-order array, a block of its rows or of its columns); a vector of length n
 * is seen as one column [n, 1]. Values are read and written as double. The fused passes of {@link Fused} run
 * over these: one Java loop instead of a chain of ND4J op launches, each of which costs more than the arithmetic
 * on the small arrays of a training step.
 *
 * <p>Index with {@link #at(int)} (start of row r in the buffer) plus the column: {@code get(at(r) + c)}.
 */
public abstract sealed class Elements permits Elements.F32, Elements.F64 {
    /** Number of rows. */
    public final int rows;
    /** Number of columns. */
    public final int cols;
    /**
     * True for DOUBLE buffers: passes then use the exact Math.exp/log (gradient checks difference the loss); FLOAT
     * buffers get {@link Fused}'s polynomial exp/log, accurate to ~1e-9 relative, far below float rounding (the
     * Bernoulli pass: float exp/log to a few float ulps).
     */
    public final boolean exact;
    final int rowStride;
    final int offset;

    private Elements(int rows, int cols, int rowStride, int offset, boolean exact) {
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
        this.offset = offset;
        this.exact = exact;
    }

    /** Access to {@code a} (rank 1 or 2, FLOAT or DOUBLE, unit column stride); throws for other layouts. */
    public static Elements of(INDArray a) {
        int rows;
        int cols;
        long rowStride;
        if (a.rank() == 1) {
            rows = (int) a.length();
            cols = 1;
            rowStride = a.stride(0);
        } else if (a.rank() == 2) {
            rows = (int) a.rows();
            cols = (int) a.columns();
            if (cols > 1 && a.stride(1) != 1) {
                throw new IllegalArgumentException("fused pass needs unit column stride, got shape "
                        + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
            }
            rowStride = rows > 1 ? a.stride(0) : cols;
        } else {
            throw new IllegalArgumentException("fused pass needs a vector or a matrix, got rank " + a.rank());
        }
        if (a.length() > Integer.MAX_VALUE / 2 || a.offset() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("array too large for a fused pass: " + a.length() + " entries");
        }
        int offset = (int) a.offset();
        if (a.dataType() == DataType.FLOAT) {
            return new F32(rows, cols, (int) rowStride, offset, a.data().asNioFloat());
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new F64(rows, cols, (int) rowStride, offset, a.data().asNioDouble());
        }
        throw new IllegalArgumentException("fused pass needs FLOAT or DOUBLE, got " + a.dataType());
    }

    /** Buffer index of the first entry of row {@code r}. */
    public final int at(int r) {
        return offset + r * rowStride;
    }

    /** Entry at buffer index {@code i}. */
    public abstract double get(int i);

    /** Sets the entry at buffer index {@code i}. */
    public abstract void set(int i, double v);

    /**
     * Row {@code r}'s {@code cols} entries into {@code dst[0, cols)} by one bulk copy ({@code scratch}: at least
     * {@code cols} floats, used by FLOAT buffers). Loops over plain arrays are several times faster than entry by
     * entry buffer access, and the values are the same.
     */
    public abstract void readRow(int r, double[] dst, float[] scratch);

    /** Sets row {@code r} to {@code src[0, cols)} (rounded to float for FLOAT buffers), by one bulk copy. */
    public abstract void writeRow(int r, double[] src, float[] scratch);

    /**
     * Row {@code r}'s {@code cols} entries into {@code dst[0, cols)} as floats: one bulk copy for FLOAT buffers (the
     * values unchanged); DOUBLE buffers round each entry to float.
     */
    public abstract void readRowFloats(int r, float[] dst);

    /** Sets row {@code r} to {@code src[0, cols)}: one bulk copy for FLOAT buffers; DOUBLE buffers widen. */
    public abstract void writeRowFloats(int r, float[] src);

    /**
     * Copies row {@code r} into row {@code dr} of {@code dst} from its column {@code dc} on ({@code cols} entries): one
     * buffer-to-buffer bulk copy when both have the same type, which moves the values unchanged; FLOAT to DOUBLE widens
     * and DOUBLE to FLOAT rounds, entry by entry.
     */
    public abstract void copyRowTo(int r, Elements dst, int dr, int dc);

    /** {@code v} rounded to this buffer's type (what {@link #set} would store). */
    public abstract double rounded(double v);

    /** {@link #copyRowTo} entry by entry, for a destination of the other type (rounded or widened per entry). */
    final void copyRowByEntries(int r, Elements dst, int dr, int dc) {
        int o = at(r);
        int d = dst.at(dr) + dc;
        for (int c = 0; c < cols; c++) {
            dst.set(d + c, get(o + c));
        }
    }

    /** Entry (r, c). */
    public final double get(int r, int c) {
        return get(at(r) + c);
    }

    /** Throws unless this has the shape [rows, cols]. */
    final Elements require(int r, int c, String what) {
        if (rows != r || cols != c) {
            throw new IllegalArgumentException(what + ": expected [" + r + ", " + c + "], got [" + rows + ", " + cols
                    + "]");
        }
        return this;
    }

    /** Throws unless this has the shape of {@code other}. */
    final Elements requireLike(Elements other, String what) {
        return require(other.rows, other.cols, what);
    }

    /** FLOAT buffer. */
    static final class F32 extends Elements {
        private final FloatBuffer b;

        F32(int rows, int cols, int rowStride, int offset, FloatBuffer b) {
            super(rows, cols, rowStride, offset, false);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        public double rounded(double v) {
            return (float) v;
        }

        @Override
        public void readRow(int r, double[] dst, float[] scratch) {
            b.get(at(r), scratch, 0, cols);
            for (int c = 0; c < cols; c++) {
                dst[c] = scratch[c];
            }
        }

        @Override
        public void writeRow(int r, double[] src, float[] scratch) {
            for (int c = 0; c < cols; c++) {
                scratch[c] = (float) src[c];
            }
            b.put(at(r), scratch, 0, cols);
        }

        @Override
        public void readRowFloats(int r, float[] dst) {
            b.get(at(r), dst, 0, cols);
        }

        @Override
        public void writeRowFloats(int r, float[] src) {
            b.put(at(r), src, 0, cols);
        }

        @Override
        public void copyRowTo(int r, Elements dst, int dr, int dc) {
            if (dst instanceof F32 f) {
                f.b.put(f.at(dr) + dc, b, at(r), cols);
            } else {
                copyRowByEntries(r, dst, dr, dc);
            }
        }
    }

    /** DOUBLE buffer (gradient checks). */
    static final class F64 extends Elements {
        private final DoubleBuffer b;

        F64(int rows, int cols, int rowStride, int offset, DoubleBuffer b) {
            super(rows, cols, rowStride, offset, true);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        public double rounded(double v) {
            return v;
        }

        @Override
        public void readRow(int r, double[] dst, float[] scratch) {
            b.get(at(r), dst, 0, cols);
        }

        @Override
        public void writeRow(int r, double[] src, float[] scratch) {
            b.put(at(r), src, 0, cols);
        }

        @Override
        public void readRowFloats(int r, float[] dst) {
            int o = at(r);
            for (int c = 0; c < cols; c++) {
                dst[c] = (float) b.get(o + c);
            }
        }

        @Override
        public void writeRowFloats(int r, float[] src) {
            int o = at(r);
            for (int c = 0; c < cols; c++) {
                b.put(o + c, src[c]);
            }
        }

        @Override
        public void copyRowTo(int r, Elements dst, int dr, int dc) {
            if (dst instanceof F64 f) {
                f.b.put(f.at(dr) + dc, b, at(r), cols);
            } else {
                copyRowByEntries(r, dst, dr, dc);
            }
        }
    }
}
