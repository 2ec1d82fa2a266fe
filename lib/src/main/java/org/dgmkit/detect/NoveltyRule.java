package org.dgmkit.detect;

/**
 * The "spatial anomaly" rule of NAB's numenta detector: a value further than {@code tolerance} times the range of
 * the values seen so far below their minimum or above their maximum is novel (the detector then outputs 1). NAB's
 * labellers marked values beyond anything seen before; HTM's published score depends on this rule (tolerance 0.05).
 *
 * <p>Streaming and causal: {@link #test} compares the value with the earlier values, then adds it to them. As in
 * Numenta's code, nothing is novel until two different values have been seen.
 */
public final class NoveltyRule {
    /** Numenta's {@code SPATIAL_TOLERANCE}. */
    public static final double NUMENTA_TOLERANCE = 0.05;

    private final double tolerance;
    private double min = Double.NaN;
    private double max = Double.NaN;

    /** A rule with the given tolerance, a fraction of the range seen so far (&ge; 0). */
    public NoveltyRule(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** Numenta's rule: 5 % of the range. */
    public static NoveltyRule numenta() {
        return new NoveltyRule(NUMENTA_TOLERANCE);
    }

    /** The tolerance as a fraction of the range seen so far. */
    public double tolerance() {
        return tolerance;
    }

    /** A fresh copy with no values seen. */
    public NoveltyRule fresh() {
        return new NoveltyRule(tolerance);
    }

    /**
     * Whether {@code value} lies outside {@code [min - tolerance * range, max + tolerance * range]} of the earlier
     * values; then counts it as seen. A NaN value is never novel and is not counted.
     */
    public boolean test(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean novel = false;
        if (min != max && !Double.isNaN(min)) {
            double margin = (max - min) * tolerance;
            novel = value > max + margin || value < min - margin;
        }
        if (Double.isNaN(max) || value > max) {
            max = value;
        }
        if (Double.isNaN(min) || value < min) {
            min = value;
        }
        return novel;
    }
}
