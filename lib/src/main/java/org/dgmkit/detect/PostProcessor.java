package org.dgmkit.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a stream of raw anomaly scores (higher = more anomalous, e.g. -ELBO in nats) into NAB's anomaly scores in
 * [0, 1], row by row: optional transform of the raw score, Numenta's anomaly likelihood ({@link NumentaLikelihood}),
 * the novelty rule ({@link NoveltyRule}: a novel value scores 1), then the alarm rest period ({@link RestPeriod}).
 * Each part can be turned off to measure what it adds; without the likelihood the score is the raw score's rank
 * among the raw scores before it.
 *
 * <p>A row without a raw score (NaN: before the model is fitted, or a model that failed on it) is not fed to the
 * likelihood; it scores {@link #UNKNOWN} — Numenta's value for "no opinion yet", 0.0301 — unless its value is novel.
 */
public final class PostProcessor {
    /** Numenta's output while it has no opinion: the log scale of likelihood 0.5. */
    public static final double UNKNOWN = NumentaLikelihood.logScale(Math.log(0.5));

    /** What the likelihood sees of a raw score. */
    public enum Transform {
        /** The raw score itself; Numenta's floors (meant for scores in [0, 1]) are turned off. */
        NONE,
        /** Its rank among the earlier raw scores, in [0, 1] (ties count half), with Numenta's floors. */
        RANK,
        /** {@code sign(raw) log(1 + |raw|)}: compresses the heavy tail of scores in nats; floors off. */
        LOG
    }

    private final NumentaLikelihood likelihood; // null: off
    private final Transform transform;
    private final NoveltyRule novelty; // null: off
    private final RestPeriod rest;
    private final List<Double> sortedRaw = new ArrayList<>();
    private long unscored;

    /**
     * @param likelihood the likelihood (a fresh one), or null for the rank of the raw score
     * @param transform  what the likelihood sees
     * @param novelty    the novelty rule (fresh), or null for none
     * @param rest       the rest period (fresh; {@link RestPeriod#none()} for none)
     */
    public PostProcessor(NumentaLikelihood likelihood, Transform transform, NoveltyRule novelty, RestPeriod rest) {
        this.likelihood = likelihood == null ? null
                : transform == Transform.RANK ? likelihood : likelihood.withFloors(Double.NEGATIVE_INFINITY, 1e-12);
        this.transform = transform;
        this.novelty = novelty;
        this.rest = rest;
    }

    /** Consumes one row (its input value and raw score, NaN = none) and returns its anomaly score in [0, 1]. */
    public double next(double value, double raw) {
        boolean novel = novelty != null && novelty.test(value);
        double score;
        if (Double.isNaN(raw)) {
            unscored++;
            score = UNKNOWN;
        } else if (likelihood == null) {
            score = rank(raw);
        } else {
            double seen = switch (transform) {
                case NONE -> raw;
                case RANK -> rank(raw);
                case LOG -> Math.signum(raw) * Math.log1p(Math.abs(raw));
            };
            score = likelihood.update(value, seen);
        }
        if (novel) {
            score = 1.0;
        }
        return rest.apply(score);
    }

    /** Rows so far that had no raw score. */
    public long unscoredRows() {
        return unscored;
    }

    /** Scores the rows of a series, continuing this processor's state (a convenience over {@link #next}). */
    public double[] apply(double[] values, double[] raw) {
        if (values.length != raw.length) {
            throw new IllegalArgumentException(values.length + " values but " + raw.length + " raw scores");
        }
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = next(values[i], raw[i]);
        }
        return out;
    }

    /** Rank of {@code raw} among the earlier raw scores (0.5 for the first), then remembers it. */
    private double rank(double raw) {
        int n = sortedRaw.size();
        int lower = lowerBound(raw);
        int upper = lower;
        while (upper < n && sortedRaw.get(upper) == raw) {
            upper++;
        }
        double r = n == 0 ? 0.5 : (lower + 0.5 * (upper - lower)) / n;
        sortedRaw.add(upper, raw);
        return r;
    }

    private int lowerBound(double v) {
        int i = Collections.binarySearch(sortedRaw, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sortedRaw.get(i - 1) == v) {
            i--;
        }
        return i;
    }
}
