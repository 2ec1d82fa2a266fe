package org.dgmkit.signal;

/**
 * What a spectrogram cell holds, from the (unnormalised) DFT coefficient {@code X[k] = sum_n w[n] x[n] e^(-2 pi i k n / nfft)}.
 */
public enum SpectrumScale {
    /** {@code |X[k]|}. */
    MAGNITUDE,
    /** {@code |X[k]|^2}. */
    POWER,
    /** {@code log(1 + |X[k]|)}: compresses the range, stays 0 at 0 and finite everywhere. */
    LOG_MAGNITUDE;

    /** The cell value for DFT coefficient {@code re + i im}. */
    public double apply(double re, double im) {
        double power = re * re + im * im;
        return switch (this) {
            case MAGNITUDE -> Math.sqrt(power);
            case POWER -> power;
            case LOG_MAGNITUDE -> Math.log1p(Math.sqrt(power));
        };
    }
}
