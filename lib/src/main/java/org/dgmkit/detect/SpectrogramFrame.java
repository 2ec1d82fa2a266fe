package org.dgmkit.detect;

import org.dgmkit.signal.SpectrumScale;
import org.dgmkit.signal.WindowFunction;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The study's spectrogram frame of the window ending at a row: the last {@code window} values times a taper, DFT,
 * {@code log1p} magnitude of bins 0 .. window/2 (as {@link org.dgmkit.signal.Stft} with hop 1, whose frame t ends at
 * row t + window - 1). The taper decides how soon a change shows: {@link WindowFunction#HANN} weighs the newest
 * sample by about 0, {@link WindowFunction#RISING_HANN} by 1. Not thread-safe (reuses its FFT buffer).
 */
public final class SpectrogramFrame implements WindowFeatures {
    private final int window;
    private final WindowFunction taper;
    private final SpectrumScale scale;
    private final double[] coefficients;
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    /** Frames of {@code window} rows (&ge; 2) with the given taper, log1p magnitudes. */
    public SpectrogramFrame(int window, WindowFunction taper) {
        this(window, taper, SpectrumScale.LOG_MAGNITUDE);
    }

    /** Frames of {@code window} rows with the given taper and scale. */
    public SpectrogramFrame(int window, WindowFunction taper, SpectrumScale scale) {
        if (window < 2) {
            throw new IllegalArgumentException("spectrogram window needs at least 2 rows, got " + window);
        }
        this.window = window;
        this.taper = taper;
        this.scale = scale;
        this.coefficients = taper.coefficients(window);
        this.fft = new DoubleFFT_1D(window);
        this.buffer = new double[2 * window];
    }

    /** The taper. */
    public WindowFunction taper() {
        return taper;
    }

    @Override
    public int size() {
        return window / 2 + 1;
    }

    @Override
    public int rows() {
        return window;
    }

    @Override
    public void extract(double[] values, int end, double[] out) {
        int start = end - window + 1;
        if (start < 0) {
            throw new IllegalArgumentException("frame ending at row " + end + " needs " + window + " rows");
        }
        java.util.Arrays.fill(buffer, 0.0);
        for (int n = 0; n < window; n++) {
            buffer[n] = values[start + n] * coefficients[n];
        }
        fft.realForwardFull(buffer);
        for (int k = 0; k < size(); k++) {
            out[k] = scale.apply(buffer[2 * k], buffer[2 * k + 1]);
        }
    }

    @Override
    public String describe() {
        return String.format("spectrogram frame: %d rows, %s taper, %d bins, %s", window, taper, size(), scale);
    }
}
