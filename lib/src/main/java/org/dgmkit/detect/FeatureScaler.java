package org.dgmkit.detect;

/**
 * Per-feature standardisation fitted on training windows only (causal: the detector fits it on the rows before the
 * fit or refit row and keeps it fixed until the next refit): {@code (x - mean) / std}, clipped to
 * {@code [-clip, clip]} so one wild value cannot push the network into overflow. A feature that does not vary in
 * training gets the scale of the others (1 if none varies): a flat series stays at 0 instead of dividing by 0.
 */
public final class FeatureScaler {
    private final double[] mean;
    private final double[] std;
    private final double clip;

    private FeatureScaler(double[] mean, double[] std, double clip) {
        this.mean = mean;
        this.std = std;
        this.clip = clip;
    }

    /**
     * Fits on {@code rows} training vectors ({@code rows[i].length} = features).
     *
     * @param clip bound on the absolute scaled value (&gt; 0)
     */
    public static FeatureScaler fit(double[][] rows, double clip) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no training windows to fit the scaling on");
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip must be positive, got " + clip);
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                double e = r[j] - mean[j];
                std[j] += e * e;
            }
        }
        double typical = 0;
        int varying = 0;
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / rows.length);
            if (std[j] > 1e-12 * (1 + Math.abs(mean[j]))) {
                typical += std[j];
                varying++;
            }
        }
        typical = varying > 0 ? typical / varying : 1.0;
        for (int j = 0; j < d; j++) {
            std[j] = Math.max(std[j], 0.01 * typical);
        }
        return new FeatureScaler(mean, std, clip);
    }

    /** No standardisation: features pass as they are (still clipped to {@code [-clip, clip]}). */
    public static FeatureScaler identity(int features, double clip) {
        double[] std = new double[features];
        java.util.Arrays.fill(std, 1.0);
        return new FeatureScaler(new double[features], std, clip);
    }

    /** Scales {@code x} into {@code out} (may be the same array). */
    public void apply(double[] x, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            double z = (x[j] - mean[j]) / std[j];
            out[j] = Math.max(-clip, Math.min(clip, z));
        }
    }

    /** The fitted means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted scales (a copy). */
    public double[] std() {
        return std.clone();
    }
}
