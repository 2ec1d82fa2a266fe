package org.dgmkit.signal;

import org.jtransforms.fft.DoubleFFT_1D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Short-time Fourier transform of a series with JTransforms.
 *
 * <pre>{@code
 * Spectrogram s = Stft.spectrogram(values, StftConfig.defaults().withWindow(32));
 * }</pre>
 *
 * Frames start at rows 0, hop, 2 hop, ... and the last frame is the last one that fits entirely: a series
 * of n rows gives {@code 1 + (n - window) / hop} frames. Each frame is multiplied by the window, zero padded
 * at its end to the FFT size and transformed; cells hold the unnormalised DFT magnitude, power or log1p
 * magnitude of bins 0 .. nfft/2.
 */
public final class Stft {
    private Stft() {
    }

    /** Spectrogram with {@link StftConfig#defaults()}. */
    public static Spectrogram spectrogram(double[] series) {
        return spectrogram(series, StftConfig.defaults());
    }

    /**
     * Spectrogram of {@code series}.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite (its index is named), or the series is
     *                                  shorter than one window
     */
    public static Spectrogram spectrogram(double[] series, StftConfig config) {
        checkSeries(series, config);
        int window = config.window();
        int hop = config.hop();
        int nfft = config.nfft();
        int bins = config.bins();
        int frames = 1 + (series.length - window) / hop;

        double[] taper = config.windowFunction().coefficients(window);
        DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
        double[] buffer = new double[2 * nfft];
        float[] cells = new float[frames * bins];
        int[] frameEnds = new int[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * hop;
            java.util.Arrays.fill(buffer, 0.0);
            for (int n = 0; n < window; n++) {
                buffer[n] = series[start + n] * taper[n];
            }
            // realForwardFull leaves the full complex spectrum interleaved (re, im) for any nfft, odd or even
            fft.realForwardFull(buffer);
            for (int k = 0; k < bins; k++) {
                cells[t * bins + k] = (float) config.scale().apply(buffer[2 * k], buffer[2 * k + 1]);
            }
            frameEnds[t] = start + window - 1;
        }
        double[] frequencies = new double[bins];
        for (int k = 0; k < bins; k++) {
            frequencies[k] = (double) k / nfft;
        }
        INDArray values = Nd4j.create(cells, new long[] {frames, bins}, DataType.FLOAT);
        return new Spectrogram(values, frequencies, frameEnds, series.length, config);
    }

    private static void checkSeries(double[] series, StftConfig config) {
        if (series == null) {
            throw new IllegalArgumentException("series is null");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("series[" + i + "] is " + series[i]
                        + ": the STFT needs finite values (fill or drop missing values first)");
            }
        }
        if (series.length < config.window()) {
            throw new IllegalArgumentException("series has " + series.length
                    + " values, fewer than one window of " + config.window());
        }
    }
}
