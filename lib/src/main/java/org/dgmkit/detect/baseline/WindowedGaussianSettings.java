package org.dgmkit.detect.baseline;

/**
 * Settings of {@link WindowedGaussian}.
 *
 * <p>Defaults ({@link #defaults()}) are NAB's {@code windowedGaussian} detector's: a window of 6400 rows whose mean
 * and standard deviation are recomputed every 100 rows once the window is full. Change one setting at a time with
 * the {@code with...} methods: {@code WindowedGaussianSettings.defaults().withWindow(1000)}.
 *
 * @param window rows in the trailing window (&gt; 0); NAB: 6400
 * @param step   once the window is full, rows collected before it slides forward by that many rows and its mean and
 *               standard deviation are recomputed (1 &le; step &le; window); NAB: 100
 */
public record WindowedGaussianSettings(int window, int step) {
    /** NAB's window. */
    public static final int NAB_WINDOW = 6400;
    /** NAB's step. */
    public static final int NAB_STEP = 100;

    /** Validates every setting, naming the bad one. */
    public WindowedGaussianSettings {
        if (window <= 0) {
            throw new IllegalArgumentException("windowed Gaussian: window must be positive, got " + window);
        }
        if (step <= 0 || step > window) {
            throw new IllegalArgumentException("windowed Gaussian: step must be in 1.." + window + " (the window), got "
                    + step);
        }
    }

    /** NAB's settings: window 6400, step 100. */
    public static WindowedGaussianSettings defaults() {
        return new WindowedGaussianSettings(NAB_WINDOW, NAB_STEP);
    }

    /** Same settings with another window (the step must still fit in it: to shrink both, change the step first). */
    public WindowedGaussianSettings withWindow(int newWindow) {
        return new WindowedGaussianSettings(newWindow, step);
    }

    /** Same settings with another step. */
    public WindowedGaussianSettings withStep(int newStep) {
        return new WindowedGaussianSettings(window, newStep);
    }
}
