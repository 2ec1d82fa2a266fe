package org.dgmkit.signal;

/**
 * Taper applied to each frame before the FFT.
 *
 * <p>Hann and Hamming are the <em>periodic</em> forms ({@code cos(2 pi n / N)}, as scipy's
 * {@code get_window} and most STFT code use): a periodic window of length N is the first N points of
 * a symmetric window of length N + 1, so overlapping frames at hop N/2 add up to a constant and a
 * bin-centred sine lands exactly on one bin with its two neighbours at half height (Hann).
 */
public enum WindowFunction {
    /** Periodic Hann: {@code 0.5 - 0.5 cos(2 pi n / N)}; coherent gain 0.5. */
    HANN,
    /** Periodic Hamming: {@code 0.54 - 0.46 cos(2 pi n / N)}; coherent gain 0.54. */
    HAMMING,
    /** All ones: no taper; coherent gain 1. */
    RECTANGULAR,
    /**
     * The rising half of a Hann window of length 2N: {@code sin^2(pi (n + 1) / (2 N))}, from about 0 at the oldest
     * sample to exactly 1 at the newest. For streaming frames aligned to their last sample: the periodic Hann gives
     * the newest sample weight {@code sin^2(pi (N - 1) / N)}, about 0.002 for N = 64, so a spike shows half a window
     * late; this taper shows it at once (no delay) and still fades the oldest edge. Coherent gain about 0.5.
     */
    RISING_HANN;

    /** The window's {@code length} coefficients. */
    public double[] coefficients(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            double c = Math.cos(2 * Math.PI * n / length);
            w[n] = switch (this) {
                case HANN -> 0.5 - 0.5 * c;
                case HAMMING -> 0.54 - 0.46 * c;
                case RECTANGULAR -> 1.0;
                case RISING_HANN -> {
                    double sn = Math.sin(Math.PI * (n + 1) / (2.0 * length));
                    yield sn * sn;
                }
            };
        }
        return w;
    }
}
