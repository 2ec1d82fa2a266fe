package org.dgmkit.signal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How spectrogram frames are rescaled before a model sees them. Parameters are fitted on training frames
 * only and then applied unchanged to every frame, so test frames never influence them.
 *
 * <p>Why it matters: a model trained on raw magnitudes gives small inputs (quiet stretches, low bins)
 * small log-likelihood differences, so an anomaly in a low-amplitude part scores like normal data.
 * Rescaling puts every bin (or frame) on a comparable scale.
 *
 * <pre>{@code
 * FittedNormalisation f = Normalisation.PER_FREQUENCY.fit(spectrogram, trainFrames);
 * Spectrogram scaled = f.apply(spectrogram);
 * }</pre>
 */
public enum Normalisation {
    /** Leave values as they are (the presentation's setting). */
    NONE,
    /**
     * z-score per frequency bin with the training frames' mean and standard deviation (population std).
     * The std is floored at {@code max(1e-8, 1e-3 * mean std over bins)} so a bin that is constant in
     * training (e.g. far from a pure tone) does not turn tiny test changes into huge values.
     */
    PER_FREQUENCY,
    /** Each frame divided by its own L2 norm (a zero frame stays zero). Needs no fit: it uses only that frame. */
    PER_FRAME_L2,
    /** Each frame divided by its own sum (a zero frame stays zero). Needs no fit: it uses only that frame. */
    PER_FRAME_SUM,
    /**
     * {@code (x - min) / (max - min)} per bin with the training frames' min and max, range floored like
     * PER_FREQUENCY's std. NOT clipped: test values outside the training range map below 0 or above 1,
     * which is exactly what an anomaly looks like, so clipping would hide it.
     */
    MIN_MAX;

    /** Floor relative to the mean spread over bins, and absolute floor. */
    static final double RELATIVE_FLOOR = 1e-3;
    static final double ABSOLUTE_FLOOR = 1e-8;

    /** Fits on frames {@code [0, trainFrames)} of {@code spectrogram}. */
    public FittedNormalisation fit(Spectrogram spectrogram, int trainFrames) {
        if (trainFrames <= 0 || trainFrames > spectrogram.frames()) {
            throw new IllegalArgumentException("trainFrames must be in [1, " + spectrogram.frames() + "], got "
                    + trainFrames);
        }
        INDArray train = spectrogram.values().get(NDArrayIndex.interval(0, trainFrames), NDArrayIndex.all());
        return fit(train);
    }

    /** Fits on the rows of {@code trainFrames} ([frames, bins]). */
    public FittedNormalisation fit(INDArray trainFrames) {
        if (trainFrames.rank() != 2 || trainFrames.rows() == 0) {
            throw new IllegalArgumentException("training frames must be a non-empty [frames, bins] matrix, got shape "
                    + java.util.Arrays.toString(trainFrames.shape()));
        }
        INDArray train = trainFrames.castTo(DataType.DOUBLE);
        return switch (this) {
            case NONE, PER_FRAME_L2, PER_FRAME_SUM -> new FittedNormalisation(this, null, null);
            case PER_FREQUENCY -> {
                INDArray mean = train.mean(0);
                INDArray std = train.std(false, 0);
                yield new FittedNormalisation(this, mean, floor(std));
            }
            case MIN_MAX -> {
                INDArray min = train.min(0);
                INDArray range = train.max(0).subi(min);
                yield new FittedNormalisation(this, min, floor(range));
            }
        };
    }

    private static INDArray floor(INDArray spread) {
        double floor = Math.max(ABSOLUTE_FLOOR, RELATIVE_FLOOR * spread.meanNumber().doubleValue());
        return Transforms.max(spread, floor, true);
    }
}
