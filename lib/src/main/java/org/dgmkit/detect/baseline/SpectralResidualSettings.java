package org.dgmkit.detect.baseline;

/**
 * Settings of {@link SpectralResidual}.
 *
 * <p>Defaults ({@link #defaults()}) are those of the paper (Ren et al., KDD 2019, "Time-Series Anomaly Detection
 * Service at Microsoft": q = 3, z = 21, kappa = 5, m = 5, alarm at a ratio tau = 3) and of Microsoft's streaming
 * implementation (ML.NET's {@code DetectAnomalyBySrCnn}: window 64, back-add 5, look-ahead 5, averaging 3,
 * judgement 21, threshold 0.3 on the ratio / 10). Microsoft's batch Python package ({@code msanomalydetector}) uses a
 * score window of 40 instead of 21. Change one setting at a time with the {@code with...} methods:
 * {@code SpectralResidualSettings.defaults().withWindow(128)}.
 *
 * @param window          rows of the trailing window transformed for each row (omega; &ge; lookBack + 2); default 64
 * @param extension       estimated points appended after the window before the transform (kappa; &ge; 0); default 5
 * @param lookBack        points whose average gradient gives the estimate (m; &ge; 1); default 5
 * @param spectrumAverage width of the average of the log-amplitude spectrum whose difference is the spectral residual
 *                        (q; &ge; 1); default 3
 * @param saliencyAverage width of the local average of the saliency map the current point is compared with
 *                        (z; 1 &le; z &le; window); default 21
 * @param scoreScale      ratio that maps to the score 0.5 (&gt; 0); default 3, the paper's alarm level tau (a score
 *                        above 0.5 is an alarm of Microsoft's detectors at their defaults)
 */
public record SpectralResidualSettings(int window, int extension, int lookBack, int spectrumAverage,
                                       int saliencyAverage, double scoreScale) {

    /** Validates every setting, naming the bad one. */
    public SpectralResidualSettings {
        if (lookBack < 1) {
            throw new IllegalArgumentException("spectral residual: lookBack (m) must be >= 1, got " + lookBack);
        }
        if (window < lookBack + 2) {
            throw new IllegalArgumentException("spectral residual: window must be >= lookBack + 2 = " + (lookBack + 2)
                    + " (the estimate needs the lookBack + 1 points before the current one), got " + window);
        }
        if (extension < 0) {
            throw new IllegalArgumentException("spectral residual: extension (kappa) must be >= 0, got " + extension);
        }
        if (spectrumAverage < 1) {
            throw new IllegalArgumentException("spectral residual: spectrumAverage (q) must be >= 1, got "
                    + spectrumAverage);
        }
        if (saliencyAverage < 1 || saliencyAverage > window) {
            throw new IllegalArgumentException("spectral residual: saliencyAverage (z) must be in 1.." + window
                    + " (the window), got " + saliencyAverage);
        }
        if (!(scoreScale > 0) || Double.isInfinite(scoreScale)) {
            throw new IllegalArgumentException("spectral residual: scoreScale must be a finite number > 0, got "
                    + scoreScale);
        }
    }

    /** Window 64, extension 5, look-back 5, spectrum average 3, saliency average 21, score scale 3. */
    public static SpectralResidualSettings defaults() {
        return new SpectralResidualSettings(64, 5, 5, 3, 21, 3.0);
    }

    /** Same settings with another window (it must still hold lookBack + 2 points and the saliency average). */
    public SpectralResidualSettings withWindow(int newWindow) {
        return new SpectralResidualSettings(newWindow, extension, lookBack, spectrumAverage, saliencyAverage,
                scoreScale);
    }

    /** Same settings with another number of estimated points. */
    public SpectralResidualSettings withExtension(int newExtension) {
        return new SpectralResidualSettings(window, newExtension, lookBack, spectrumAverage, saliencyAverage,
                scoreScale);
    }

    /** Same settings with another look-back of the estimate. */
    public SpectralResidualSettings withLookBack(int newLookBack) {
        return new SpectralResidualSettings(window, extension, newLookBack, spectrumAverage, saliencyAverage,
                scoreScale);
    }

    /** Same settings with another width of the log-spectrum average. */
    public SpectralResidualSettings withSpectrumAverage(int newSpectrumAverage) {
        return new SpectralResidualSettings(window, extension, lookBack, newSpectrumAverage, saliencyAverage,
                scoreScale);
    }

    /** Same settings with another width of the saliency average. */
    public SpectralResidualSettings withSaliencyAverage(int newSaliencyAverage) {
        return new SpectralResidualSettings(window, extension, lookBack, spectrumAverage, newSaliencyAverage,
                scoreScale);
    }

    /** Same settings with another score scale. */
    public SpectralResidualSettings withScoreScale(double newScoreScale) {
        return new SpectralResidualSettings(window, extension, lookBack, spectrumAverage, saliencyAverage,
                newScoreScale);
    }
}
