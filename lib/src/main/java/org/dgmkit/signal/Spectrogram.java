package org.dgmkit.signal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of {@link Stft#spectrogram}: one row per frame, one column per frequency bin.
 *
 * <p>Frame {@code t} covers series rows {@code [t*hop, t*hop + window)} and is aligned to its LAST row,
 * {@code frameEndRows[t] = t*hop + window - 1}: a score computed from frame t is known at that row and
 * uses no later data.
 *
 * @param values        [frames, bins] FLOAT matrix
 * @param frequencies   frequency of each bin in cycles per sample ({@code k / nfft}, 0 .. 0.5)
 * @param frameEndRows  for each frame, the index in the original series of its last sample
 * @param seriesLength  number of rows of the transformed series
 * @param config        the settings that produced it
 */
public record Spectrogram(INDArray values, double[] frequencies, int[] frameEndRows, int seriesLength,
                          StftConfig config) {

    /** Number of frames (rows of {@link #values()}). */
    public int frames() {
        return frameEndRows.length;
    }

    /** Number of frequency bins (columns of {@link #values()}). */
    public int bins() {
        return frequencies.length;
    }

    /** The same frames and alignment with other values of the same shape (e.g. normalised ones). */
    public Spectrogram withValues(INDArray newValues) {
        if (newValues.rows() != frames() || newValues.columns() != bins()) {
            throw new IllegalArgumentException("values must have shape [" + frames() + ", " + bins() + "], got "
                    + java.util.Arrays.toString(newValues.shape()));
        }
        return new Spectrogram(newValues, frequencies, frameEndRows, seriesLength, config);
    }

    /**
     * Number of frames that end before row {@code row}, i.e. use only rows {@code [0, row)}: fit a
     * normalisation or a model on {@code framesEndingBefore(trainRows)} frames to keep test rows out.
     */
    public int framesEndingBefore(int row) {
        return frameAtOrBefore(row - 1) + 1;
    }

    /** Index of the last frame whose end row is &le; {@code row}, or -1 if {@code row} precedes the first frame. */
    public int frameAtOrBefore(int row) {
        if (row < frameEndRows[0]) {
            return -1;
        }
        return Math.min(frames() - 1, (row - frameEndRows[0]) / config.hop());
    }
}
