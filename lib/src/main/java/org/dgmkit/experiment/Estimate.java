package org.dgmkit.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mean of per-row values with its standard error, e.g. a test log-likelihood over digits.
 *
 * @param mean          the mean
 * @param standardError sample standard deviation / sqrt(n) (NaN for fewer than two values)
 * @param n             number of values
 */
public record Estimate(double mean, double standardError, int n) {

    /** Mean and standard error of {@code values}. */
    public static Estimate of(double[] values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double se = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
                / (values.length - 1) / values.length);
        return new Estimate(mean, values.length < 2 ? Double.NaN : se, values.length);
    }

    /** "mean ± se" with two decimals. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f ± %.2f", mean, standardError);
    }
}
