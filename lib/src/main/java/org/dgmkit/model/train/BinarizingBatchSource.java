package org.dgmkit.model.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dynamic binarisation, as the ADGM and Ladder VAE papers train on MNIST: every epoch draws fresh binary
 * data x ~ Bernoulli(intensity) (seeded by the epoch seed) and then shuffles it like {@link ArrayBatchSource}.
 */
public final class BinarizingBatchSource implements BatchSource {
    private final INDArray intensities;
    private final INDArray labels;
    private final DataType dataType;
    private final INDArray binary;
    private ArrayBatchSource current;

    /** Intensities in [0, 1] ([n, d]) with optional labels ([n, k] or null). */
    public BinarizingBatchSource(INDArray intensities, INDArray labels, DataType dataType) {
        double min = intensities.minNumber().doubleValue();
        double max = intensities.maxNumber().doubleValue();
        if (min < 0 || max > 1) {
            throw new IllegalArgumentException("binarisation needs intensities in [0, 1], got [" + min + ", " + max
                    + "]");
        }
        this.intensities = intensities.castTo(dataType);
        this.labels = labels;
        this.dataType = dataType;
        this.binary = Nd4j.create(dataType, intensities.rows(), intensities.columns());
    }

    @Override
    public long examples() {
        return intensities.rows();
    }

    @Override
    public int batchCount(int batchSize) {
        return (int) ((intensities.rows() + batchSize - 1) / batchSize);
    }

    @Override
    public void startEpoch(long seed) {
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Nd4j.rand(binary, rng);
        // x = 1 where u < intensity: (intensity - u) > 0, through the step function
        binary.rsubi(intensities);
        org.nd4j.linalg.ops.transforms.Transforms.step(binary, false);
        if (current == null) {
            current = new ArrayBatchSource(binary, labels, dataType, true);
        }
        current.startEpoch(seed);
    }

    @Override
    public Batch batch(int index, int batchSize) {
        if (current == null) {
            throw new IllegalStateException("call startEpoch before reading batches");
        }
        return current.batch(index, batchSize);
    }
}
