package org.dgmkit.model.train;

/**
 * Where a {@link Trainer} gets its batches. Each epoch starts with {@link #startEpoch(long)}, which fixes
 * the order from the seed (so the same seed gives the same batches), then batches 0..count-1 are read.
 */
public interface BatchSource {

    /** Number of examples per epoch. */
    long examples();

    /** Number of batches per epoch at this batch size. */
    int batchCount(int batchSize);

    /** Prepares the order of one epoch from {@code seed}. */
    void startEpoch(long seed);

    /** Batch {@code index} of the current epoch; valid until the next call. */
    Batch batch(int index, int batchSize);
}
