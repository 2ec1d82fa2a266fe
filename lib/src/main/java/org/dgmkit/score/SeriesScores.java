package org.dgmkit.score;

import org.dgmkit.signal.Spectrogram;

/**
 * Maps per-frame values of a {@link Spectrogram} back to the rows of the original series without using
 * future data: row r gets the value of the latest frame that ENDS at or before r (frames are aligned to
 * their last sample). With hop 1 that is frame {@code r - window + 1}; with a larger hop a frame's value is
 * held until the next frame ends. Rows before the first frame ends get a caller-chosen fill value
 * (0.5 = "don't know" for anomaly likelihoods; NAB's probation period ignores those rows anyway).
 */
public final class SeriesScores {
    private SeriesScores() {
    }

    /**
     * @param spectrogram the spectrogram the frame values were computed from
     * @param perFrame    one value per frame
     * @param beforeFirst value for rows before the first frame ends
     * @return one value per row of the original series
     */
    public static double[] toRows(Spectrogram spectrogram, double[] perFrame, double beforeFirst) {
        if (perFrame.length != spectrogram.frames()) {
            throw new IllegalArgumentException("got " + perFrame.length + " frame values for a spectrogram of "
                    + spectrogram.frames() + " frames");
        }
        double[] rows = new double[spectrogram.seriesLength()];
        for (int r = 0; r < rows.length; r++) {
            int frame = spectrogram.frameAtOrBefore(r);
            rows[r] = frame < 0 ? beforeFirst : perFrame[frame];
        }
        return rows;
    }

    /**
     * Per-row anomaly likelihood in [0, 1] from per-frame log-likelihoods: {@code likelihood} turns the
     * negated log-likelihoods into likelihoods online (frame by frame), then rows are mapped with
     * {@link #toRows} and rows before the first frame get 0.5.
     */
    public static double[] anomalyLikelihoodPerRow(Spectrogram spectrogram, double[] frameLogLikelihood,
                                                   AnomalyLikelihood likelihood) {
        return toRows(spectrogram, likelihood.fromLogLikelihood(frameLogLikelihood), 0.5);
    }
}
