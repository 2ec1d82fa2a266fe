package org.dgmkit.detect.baseline;

import java.time.LocalDateTime;
import org.dgmkit.detect.StreamingDetector;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Spectral residual (SR) detector of Ren et al. (KDD 2019, "Time-Series Anomaly Detection Service at Microsoft"),
 * streaming and causal: each row is scored from the saliency map of the trailing window that ends at it, as in
 * Microsoft's streaming implementation (ML.NET's SR detector). Settings and defaults: {@link SpectralResidualSettings}
 * (omega = 64, kappa = 5, m = 5, q = 3, z = 21).
 *
 * <p>For a row t, once {@code window} values have been seen (earlier rows score 0):
 * <ol>
 *   <li>x = the last omega values, x[omega-1] the current one.</li>
 *   <li>Estimate: with g the average gradient {@code (1/m) sum_{j=1..m} (x[n] - x[n-j]) / j} at
 *       {@code n = omega - 2}, the point before the current one, the estimate is {@code x[n-m+1] + m g} (the paper's
 *       formula for the point after x[n], i.e. the value expected at the current row). It is appended kappa times:
 *       the series to transform has {@code N = omega + kappa} points, and the current point sits inside it instead of
 *       at its edge. Like both of Microsoft's implementations, the estimate leaves out the current point (a spike
 *       there would otherwise drag the appended points along).</li>
 *   <li>Spectral residual: the DFT X of those N points, amplitude {@code A = |X|}, log amplitude {@code L = log A}
 *       (0 where {@code A <= 1e-8}); {@code AL} = the trailing average of L over q bins (bin k averages bins
 *       {@code max(0, k-q+1) .. k}, Microsoft's average filter); residual {@code R = L - AL}.</li>
 *   <li>Saliency map: {@code S = |IDFT(X / A * exp(R))|} (bins with {@code A <= 1e-8} set to 0; the inverse scaled
 *       by 1/N).</li>
 *   <li>Ratio: {@code r = |S[c] - avg| / max(avg, 1e-8)} at the current point {@code c = omega - 1}, avg the mean of
 *       S over the z points ending at c (c included), as Microsoft's implementations compute it. The paper alarms at
 *       r &gt; tau = 3; Microsoft reports {@code min(r / 10, 1)}.</li>
 *   <li>Score: {@code r / (r + scoreScale)} in [0, 1), strictly increasing in r, so ranks and thresholds carry over
 *       without the ties at 1 that Microsoft's clipping makes. With the default scale 3, a score above 0.5 is
 *       exactly the paper's alarm {@code r > 3} (Microsoft's {@code r / 10 > 0.3}).</li>
 * </ol>
 * A window whose values are all equal has a flat saliency map and scores 0. The map is unchanged when the series is
 * multiplied by a nonzero constant (up to the 1e-8 floors), not when a constant is added (the DC bin enters the
 * average of the first bins).
 *
 * <p>A row whose value is NaN or infinite scores 0 and is not remembered (it does not enter the window). Causal: a
 * row's score uses that row and earlier ones only.
 *
 * <p>Cost per row once the window is full: two complex DFTs of N = omega + kappa points (JTransforms, O(N log N);
 * N = 69 = 3 x 23 by default, which JTransforms does by Bluestein's method, about 5 microseconds a pair), N
 * logarithms, N exponentials and O(N q + z) additions: about 7 to 20 microseconds per row, 0.1 to 0.3 s for a
 * 15 000-row series (measured on a busy 2-core machine, after the JIT warmed up). Not thread-safe (it reuses its
 * buffers).
 */
public final class SpectralResidual implements StreamingDetector {
    /** Microsoft's floor on amplitudes and on the local average of the saliency. */
    public static final double EPS = 1e-8;

    private final SpectralResidualSettings settings;
    private final int n; // omega + kappa
    private final double[] ring; // the last omega finite values, oldest at `start` once full
    private int start;
    private int seen;
    private final DoubleFFT_1D fft;
    private final double[] x;
    private final double[] spectrum; // interleaved (re, im), 2N
    private final double[] logAmplitude;
    private final double[] averaged;
    private final double[] saliency;
    private double lastRatio = Double.NaN;

    /** A detector with the given settings. */
    public SpectralResidual(SpectralResidualSettings settings) {
        this.settings = settings;
        this.n = settings.window() + settings.extension();
        this.ring = new double[settings.window()];
        this.fft = new DoubleFFT_1D(n);
        this.x = new double[n];
        this.spectrum = new double[2 * n];
        this.logAmplitude = new double[n];
        this.averaged = new double[n];
        this.saliency = new double[n];
    }

    /** A detector with the defaults of the paper and ML.NET. */
    public static SpectralResidual defaults() {
        return new SpectralResidual(SpectralResidualSettings.defaults());
    }

    /** The settings. */
    public SpectralResidualSettings settings() {
        return settings;
    }

    /** The ratio r behind the last score (NaN while the window fills and for a NaN row). */
    public double lastRatio() {
        return lastRatio;
    }

    @Override
    public double next(LocalDateTime timestamp, double value) {
        lastRatio = Double.NaN;
        if (!Double.isFinite(value)) {
            return 0.0;
        }
        int w = ring.length;
        ring[(start + Math.min(seen, w)) % w] = value;
        if (seen >= w) {
            start = (start + 1) % w;
        }
        seen++;
        if (seen < w) {
            return 0.0;
        }
        for (int i = 0; i < w; i++) {
            x[i] = ring[(start + i) % w];
        }
        lastRatio = ratio(x);
        return scoreOf(lastRatio, settings.scoreScale());
    }

    /** The score of a ratio: {@code r / (r + scale)}. */
    static double scoreOf(double ratio, double scale) {
        return ratio / (ratio + scale);
    }

    /**
     * The ratio r of the current point, {@code x[omega - 1]}, given the window in {@code x[0 .. omega-1]} (the rest of
     * {@code x} is overwritten with the estimate).
     */
    private double ratio(double[] x) {
        int w = settings.window();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        if (min == max) {
            return 0.0; // flat window: flat saliency
        }
        double estimate = estimate(x, w - 1, settings.lookBack());
        for (int i = w; i < n; i++) {
            x[i] = estimate;
        }
        saliencyMap(x);
        int c = w - 1;
        int z = settings.saliencyAverage();
        double sum = 0.0;
        for (int i = c - z + 1; i <= c; i++) {
            sum += saliency[i];
        }
        double avg = sum / z;
        return Math.abs(saliency[c] - avg) / Math.max(avg, EPS);
    }

    /**
     * The estimate appended after the point {@code current}: from the m + 1 points ending just before it,
     * {@code x[k-m+1] + sum_{j=1..m} (x[k] - x[k-j]) / j} with {@code k = current - 1} (the paper's
     * {@code x_{k+1} = x_{k-m+1} + m g}).
     */
    static double estimate(double[] x, int current, int m) {
        int k = current - 1;
        double gradients = 0.0;
        for (int j = m; j >= 1; j--) {
            gradients += (x[k] - x[k - j]) / j;
        }
        return x[k - m + 1] + gradients;
    }

    /** The saliency map of {@code x[0 .. N-1]} into {@link #saliency}. */
    private void saliencyMap(double[] x) {
        System.arraycopy(x, 0, spectrum, 0, n);
        fft.realForwardFull(spectrum); // the full complex spectrum, interleaved
        for (int k = 0; k < n; k++) {
            double a = amplitude(spectrum[2 * k], spectrum[2 * k + 1]);
            logAmplitude[k] = a > EPS ? Math.log(a) : 0.0;
        }
        trailingAverage(logAmplitude, settings.spectrumAverage(), averaged);
        for (int k = 0; k < n; k++) {
            double re = spectrum[2 * k];
            double im = spectrum[2 * k + 1];
            double a = amplitude(re, im);
            if (a > EPS) {
                double f = Math.exp(logAmplitude[k] - averaged[k]) / a;
                spectrum[2 * k] = re * f;
                spectrum[2 * k + 1] = im * f;
            } else {
                spectrum[2 * k] = 0.0;
                spectrum[2 * k + 1] = 0.0;
            }
        }
        fft.complexInverse(spectrum, true);
        for (int i = 0; i < n; i++) {
            saliency[i] = amplitude(spectrum[2 * i], spectrum[2 * i + 1]);
        }
    }

    private static double amplitude(double re, double im) {
        return Math.sqrt(re * re + im * im);
    }

    /**
     * Microsoft's average filter: {@code out[k]} = mean of {@code in[max(0, k-q+1) .. k]} (a width beyond the length
     * is cut to it).
     */
    static void trailingAverage(double[] in, int q, double[] out) {
        for (int k = 0; k < in.length; k++) {
            int from = Math.max(0, k - q + 1);
            double sum = 0.0;
            for (int j = from; j <= k; j++) {
                sum += in[j];
            }
            out[k] = sum / (k - from + 1);
        }
    }
}
