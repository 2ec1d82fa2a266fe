package org.dgmkit.signal;

import java.util.Objects;

/**
 * Settings of a short-time Fourier transform.
 *
 * <p>Defaults ({@link #defaults()}): window 64 samples, hop 1 (one frame per time step, so every step
 * after the first window gets its own score), periodic Hann window, FFT size = window (no zero padding),
 * magnitude output. Change one setting at a time with the {@code with...} methods:
 * {@code StftConfig.defaults().withWindow(128).withHop(4)}.
 *
 * @param window         samples per frame (&gt; 0)
 * @param hop            samples between the starts of consecutive frames (&gt; 0)
 * @param windowFunction taper applied to every frame
 * @param fftSize        FFT length; frames are zero padded at the end up to it. 0 means "same as window";
 *                       otherwise it must be &ge; window. Use {@link #nfft()} for the effective value.
 * @param scale          magnitude, power or log1p-magnitude
 */
public record StftConfig(int window, int hop, WindowFunction windowFunction, int fftSize, SpectrumScale scale) {

    /** Validates every setting, naming the bad one. */
    public StftConfig {
        if (window <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + window);
        }
        if (hop <= 0) {
            throw new IllegalArgumentException("hop must be positive, got " + hop);
        }
        Objects.requireNonNull(windowFunction, "windowFunction");
        Objects.requireNonNull(scale, "scale");
        if (fftSize != 0 && fftSize < window) {
            throw new IllegalArgumentException("FFT size " + fftSize + " is smaller than the window length " + window
                    + " (use 0 for 'same as window', or a size >= window to zero pad)");
        }
    }

    /** Window 64, hop 1, periodic Hann, no zero padding, magnitude. */
    public static StftConfig defaults() {
        return new StftConfig(64, 1, WindowFunction.HANN, 0, SpectrumScale.MAGNITUDE);
    }

    /** The effective FFT length: {@code fftSize}, or the window length when {@code fftSize} is 0. */
    public int nfft() {
        return fftSize == 0 ? window : fftSize;
    }

    /** Number of frequency bins: {@code nfft/2 + 1} (frequencies 0 .. nfft/2 cycles per nfft samples). */
    public int bins() {
        return nfft() / 2 + 1;
    }

    /** Same settings with another window length (an explicit FFT size must still be &ge; it). */
    public StftConfig withWindow(int newWindow) {
        return new StftConfig(newWindow, hop, windowFunction, fftSize, scale);
    }

    /** Same settings with another hop. */
    public StftConfig withHop(int newHop) {
        return new StftConfig(window, newHop, windowFunction, fftSize, scale);
    }

    /** Same settings with another window function. */
    public StftConfig withWindowFunction(WindowFunction newFunction) {
        return new StftConfig(window, hop, newFunction, fftSize, scale);
    }

    /** Same settings with another FFT size (0 = same as window). */
    public StftConfig withFftSize(int newFftSize) {
        return new StftConfig(window, hop, windowFunction, newFftSize, scale);
    }

    /** Same settings with another output scale. */
    public StftConfig withScale(SpectrumScale newScale) {
        return new StftConfig(window, hop, windowFunction, fftSize, newScale);
    }
}
