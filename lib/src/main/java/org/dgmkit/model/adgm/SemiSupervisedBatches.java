package org.dgmkit.model.adgm;

import java.util.Random;
import java.util.function.LongConsumer;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.BatchSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Semi-supervised batches as in the ADGM paper: every batch holds {@code batchSize} unlabelled rows (an
 * epoch is one pass over them, shuffled) plus {@code labelledPerBatch} labelled rows resampled from the
 * small labelled set (a fresh shuffled cycle through it, so with 100 labels and 100 per batch every batch
 * sees each label once). With {@code binarize}, inputs in [0, 1] are re-binarised for every batch
 * (pixel = 1 with probability equal to its intensity, ND4J's generator, which the Trainer reseeds per epoch).
 */
public final class SemiSupervisedBatches implements BatchSource {
    private final INDArray unlabelled;
    private final INDArray labelled;
    private final INDArray oneHot;
    private final int labelledPerBatch;
    private final boolean binarize;
    private final DataType dataType;
    private LongConsumer epochListener;
    private int[] order;
    private int[] labelledCycle;
    private int cyclePos;
    private Random random;

    /**
     * @param unlabelled       unlabelled inputs [N, d] (values in [0, 1] when binarising)
     * @param labelled         labelled inputs [N_l, d]
     * @param oneHot           their one-hot labels [N_l, classes]
     * @param labelledPerBatch labelled rows added to every batch (at least 1)
     * @param binarize         re-binarise inputs for every batch
     * @param dataType         data type of the batches (the model's)
     */
    public SemiSupervisedBatches(INDArray unlabelled, INDArray labelled, INDArray oneHot, int labelledPerBatch,
                                 boolean binarize, DataType dataType) {
        if (unlabelled == null || unlabelled.rank() != 2 || unlabelled.rows() == 0) {
            throw new IllegalArgumentException("SemiSupervisedBatches needs a non-empty [N, d] unlabelled array");
        }
        if (labelled == null || labelled.rank() != 2 || labelled.rows() == 0
                || labelled.columns() != unlabelled.columns()) {
            throw new IllegalArgumentException("SemiSupervisedBatches needs a non-empty [N_l, " + unlabelled.columns()
                    + "] labelled array, got " + (labelled == null ? "null" : java.util.Arrays.toString(labelled.shape())));
        }
        if (oneHot == null || oneHot.rows() != labelled.rows()) {
            throw new IllegalArgumentException("SemiSupervisedBatches: " + labelled.rows() + " labelled rows but "
                    + (oneHot == null ? "no" : oneHot.rows()) + " label rows");
        }
        if (labelledPerBatch < 1) {
            throw new IllegalArgumentException("labelledPerBatch must be >= 1, got " + labelledPerBatch);
        }
        this.dataType = dataType;
        this.unlabelled = unlabelled.castTo(dataType);
        this.labelled = labelled.castTo(dataType);
        this.oneHot = oneHot.castTo(dataType);
        this.labelledPerBatch = labelledPerBatch;
        this.binarize = binarize;
    }

    /** Called with the seed of {@link #startEpoch} before the epoch's order is drawn (for per-epoch reports). */
    public SemiSupervisedBatches onEpochStart(LongConsumer listener) {
        this.epochListener = listener;
        return this;
    }

    @Override
    public long examples() {
        return unlabelled.rows();
    }

    @Override
    public int batchCount(int batchSize) {
        return (int) ((unlabelled.rows() + batchSize - 1) / batchSize);
    }

    @Override
    public void startEpoch(long seed) {
        if (epochListener != null) {
            epochListener.accept(seed);
        }
        random = new Random(seed);
        order = permutation((int) unlabelled.rows(), random);
        labelledCycle = permutation((int) labelled.rows(), random);
        cyclePos = 0;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public Batch batch(int index, int batchSize) {
        if (order == null) {
            throw new IllegalStateException("SemiSupervisedBatches: call startEpoch first");
        }
        int from = index * batchSize;
        int to = (int) Math.min(unlabelled.rows(), (long) from + batchSize);
        if (from >= to) {
            throw new IndexOutOfBoundsException("batch " + index + " of size " + batchSize + " beyond "
                    + unlabelled.rows() + " rows");
        }
        int[] u = java.util.Arrays.copyOfRange(order, from, to);
        int[] l = new int[labelledPerBatch];
        for (int i = 0; i < l.length; i++) {
            if (cyclePos == labelledCycle.length) {
                labelledCycle = permutation(labelledCycle.length, random);
                cyclePos = 0;
            }
            l[i] = labelledCycle[cyclePos++];
        }
        INDArray xu = Nd4j.pullRows(unlabelled, 1, u);
        INDArray xl = Nd4j.pullRows(labelled, 1, l);
        INDArray yl = Nd4j.pullRows(oneHot, 1, l);
        if (binarize) {
            xu = sampleBinary(xu);
            xl = sampleBinary(xl);
        }
        return new Batch(xl, yl, xu);
    }

    private INDArray sampleBinary(INDArray p) {
        INDArray u = Nd4j.rand(dataType, p.shape());
        return u.lt(p).castTo(dataType);
    }
}
