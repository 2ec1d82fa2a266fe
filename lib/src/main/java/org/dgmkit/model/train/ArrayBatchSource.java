package org.dgmkit.model.train;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches from in-memory arrays: each epoch shuffles the rows (Fisher-Yates with {@code java.util.Random(seed)})
 * into a preallocated copy and hands out contiguous row-range views of it; the last batch may be smaller.
 */
public final class ArrayBatchSource implements BatchSource {
    private final INDArray x;
    private final INDArray y;
    private final INDArray shuffledX;
    private final INDArray shuffledY;
    private final boolean shuffle;
    private int viewsBatchSize;
    private Batch[] views;

    /** Unlabelled rows, shuffled every epoch, converted to {@code dataType} once. */
    public ArrayBatchSource(INDArray x, DataType dataType) {
        this(x, null, dataType, true);
    }

    /**
     * Rows of {@code x} with optional labels {@code y} (same number of rows, or null).
     *
     * @param shuffle false to keep the original order (validation)
     */
    public ArrayBatchSource(INDArray x, INDArray y, DataType dataType, boolean shuffle) {
        if (x == null || x.rank() != 2 || x.rows() == 0) {
            throw new IllegalArgumentException("ArrayBatchSource needs a non-empty [n, d] array, got "
                    + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
        }
        if (y != null && y.rows() != x.rows()) {
            throw new IllegalArgumentException("labels have " + y.rows() + " rows but data has " + x.rows());
        }
        this.x = x.dataType() == dataType ? x : x.castTo(dataType);
        this.y = y == null ? null : (y.dataType() == dataType ? y : y.castTo(dataType));
        this.shuffle = shuffle;
        this.shuffledX = shuffle ? Nd4j.create(dataType, x.rows(), x.columns()) : this.x;
        this.shuffledY = shuffle && y != null ? Nd4j.create(dataType, y.rows(), y.columns()) : this.y;
    }

    @Override
    public long examples() {
        return x.rows();
    }

    @Override
    public int batchCount(int batchSize) {
        return (int) ((x.rows() + batchSize - 1) / batchSize);
    }

    @Override
    public void startEpoch(long seed) {
        if (!shuffle) {
            return;
        }
        int n = (int) x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Nd4j.pullRows(x, shuffledX, 1, perm);
        if (y != null) {
            Nd4j.pullRows(y, shuffledY, 1, perm);
        }
    }

    @Override
    public Batch batch(int index, int batchSize) {
        long from = (long) index * batchSize;
        long to = Math.min(x.rows(), from + batchSize);
        if (from >= to) {
            throw new IndexOutOfBoundsException("batch " + index + " of size " + batchSize + " beyond " + x.rows()
                    + " rows");
        }
        if (batchSize != viewsBatchSize) {
            viewsBatchSize = batchSize;
            views = new Batch[batchCount(batchSize)];
        }
        if (views[index] == null) { // views of the fixed shuffled buffers: made once (each costs native shape buffers)
            INDArray bx = shuffledX.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray by = shuffledY == null ? null : shuffledY.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            views[index] = new Batch(bx, by, null);
        }
        return views[index];
    }
}
