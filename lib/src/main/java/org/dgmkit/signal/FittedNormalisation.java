package org.dgmkit.signal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A {@link Normalisation} with its parameters fitted on training frames: {@code (x - offset) / scale} per bin
 * for PER_FREQUENCY (offset = mean, scale = floored std) and MIN_MAX (offset = min, scale = floored range);
 * no parameters for NONE and the per-frame kinds.
 */
public final class FittedNormalisation {
    private final Normalisation kind;
    private final INDArray offset;
    private final INDArray scale;

    FittedNormalisation(Normalisation kind, INDArray offset, INDArray scale) {
        this.kind = kind;
        this.offset = offset;
        this.scale = scale;
    }

    /** Which normalisation this is. */
    public Normalisation kind() {
        return kind;
    }

    /** Per-bin offset (mean or min), or an empty array for kinds without a fit. */
    public double[] offset() {
        return offset == null ? new double[0] : offset.toDoubleVector();
    }

    /** Per-bin divisor (floored std or range), or an empty array for kinds without a fit. */
    public double[] scale() {
        return scale == null ? new double[0] : scale.toDoubleVector();
    }

    /** Normalised copy of {@code frames} ([frames, bins]), FLOAT; the input is left unchanged. */
    public INDArray apply(INDArray frames) {
        INDArray x = frames.castTo(DataType.DOUBLE).dup();
        switch (kind) {
            case NONE -> {
            }
            case PER_FREQUENCY, MIN_MAX -> {
                if (x.columns() != offset.length()) {
                    throw new IllegalArgumentException("frames have " + x.columns() + " bins, the normalisation was fitted on "
                            + offset.length());
                }
                x.subiRowVector(offset).diviRowVector(scale);
            }
            case PER_FRAME_L2, PER_FRAME_SUM -> {
                INDArray norms = kind == Normalisation.PER_FRAME_L2 ? x.norm2(1) : x.sum(1);
                // a zero (or zero-sum) frame has nothing to scale: divide by 1 so it stays as it is
                INDArray safe = norms.dup();
                BooleanIndexing.replaceWhere(safe, 1.0, Conditions.absLessThan(1e-12));
                x.diviColumnVector(safe.reshape(safe.length(), 1));
            }
        }
        return x.castTo(DataType.FLOAT);
    }

    /** The spectrogram with normalised values (same frames and alignment). */
    public Spectrogram apply(Spectrogram spectrogram) {
        return spectrogram.withValues(apply(spectrogram.values()));
    }

    @Override
    public String toString() {
        return "FittedNormalisation[" + kind + (offset == null ? "" : ", bins=" + offset.length()) + "]";
    }
}
