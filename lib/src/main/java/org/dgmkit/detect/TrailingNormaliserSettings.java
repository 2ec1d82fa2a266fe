package org.dgmkit.detect;

import java.util.Objects;

/**
 * Settings of {@link TrailingNormaliser}.
 *
 * <p>Defaults ({@link #defaults()}): the empirical rank among the previous 8640 raw scores (Numenta's likelihood
 * history, a month of 5-minute rows), once 100 of them are there. Change one setting at a time with the
 * {@code with...} methods: {@code TrailingNormaliserSettings.defaults().withMethod(Method.GAUSSIAN)}.
 *
 * @param method     rank or Gaussian tail
 * @param history    previous raw scores the current one is compared with, at most (&gt; 0); default 8640
 * @param minHistory previous raw scores needed before a row is scored; earlier rows score 0
 *                   (1 &le; minHistory &le; history); default 100
 */
public record TrailingNormaliserSettings(Method method, int history, int minHistory) {
    /** How a raw score is compared with the previous ones. */
    public enum Method {
        /**
         * Its empirical rank: the fraction of the previous raw scores below it, ties counting half, in [0, 1].
         * Invariant to any increasing transform of the raw scores.
         */
        RANK,
        /**
         * The Gaussian probability below it, {@code Phi((raw - mean) / std)} with the mean and population standard
         * deviation of the previous raw scores, in [0, 1] (1.0 in double arithmetic from about 8.3 standard
         * deviations up). Previous scores all equal: 0.5 for that value, 1 above it, 0 below it.
         */
        GAUSSIAN
    }

    /** Validates every setting, naming the bad one. */
    public TrailingNormaliserSettings {
        Objects.requireNonNull(method, "method");
        if (history <= 0) {
            throw new IllegalArgumentException("trailing normaliser: history must be positive, got " + history);
        }
        if (minHistory < 1 || minHistory > history) {
            throw new IllegalArgumentException("trailing normaliser: minHistory must be in 1.." + history
                    + " (the history), got " + minHistory);
        }
    }

    /** Rank among the previous 8640 raw scores, once 100 are there. */
    public static TrailingNormaliserSettings defaults() {
        return new TrailingNormaliserSettings(Method.RANK, 8640, 100);
    }

    /** Same settings with another method. */
    public TrailingNormaliserSettings withMethod(Method newMethod) {
        return new TrailingNormaliserSettings(newMethod, history, minHistory);
    }

    /** Same settings with another history (minHistory must still fit in it: to shrink both, change it first). */
    public TrailingNormaliserSettings withHistory(int newHistory) {
        return new TrailingNormaliserSettings(method, newHistory, minHistory);
    }

    /** Same settings with another minimum history. */
    public TrailingNormaliserSettings withMinHistory(int newMinHistory) {
        return new TrailingNormaliserSettings(method, history, newMinHistory);
    }
}
