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
 * <p>A row without a raw score is not fed to the likelihood. Before the first raw score (the model does not exist
 * yet) every row scores 0: no alarm can fire before there is a model, not even the novelty rule's, which still
 * learns the values' range. After it, a row without a raw score (a model that failed on it) scores
 * {@link #UNKNOWN} — Numenta's value for "no opinion yet", 0.0301 — unless its value is novel.
 *
 * <p>For an ensemble at likelihood level ({@code ensembleLevel=likelihood}) it takes each member's raw score of a row:
 * every member has a likelihood (or rank) of its own, their outputs are combined row by row
 * ({@link EnsembleScorer#combine(EnsembleScorer.Combine, double[])}: members without a raw score are left out), and
 * the novelty rule and the rest period act once, on the combination. With one member this is the single processor.
 */
public final class PostProcessor implements ScoreProcessor {
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

    private final List<NumentaLikelihood> likelihoods; // one per member; empty: off
    private final Transform transform;
    private final NoveltyRule novelty; // null: off
    private final RestPeriod rest;
    private final List<List<Double>> sortedRaw = new ArrayList<>(); // per member
    private final EnsembleScorer.Combine combine;
    private final double[] memberScores;
    private long unscored;
    private boolean started; // a raw score has been seen: the model exists

    /**
     * @param likelihood the likelihood (a fresh one), or null for the rank of the raw score
     * @param transform  what the likelihood sees
     * @param novelty    the novelty rule (fresh), or null for none
     * @param rest       the rest period (fresh; {@link RestPeriod#none()} for none)
     */
    public PostProcessor(NumentaLikelihood likelihood, Transform transform, NoveltyRule novelty, RestPeriod rest) {
        this(likelihood, transform, novelty, rest, 1, EnsembleScorer.Combine.MEAN);
    }

    /**
     * A processor of {@code members} raw scores per row (an ensemble at likelihood level).
     *
     * @param likelihood the likelihood (each member gets a fresh copy), or null for the rank of the raw score
     * @param members    raw scores per row (&ge; 1)
     * @param combine    how the members' likelihoods (or ranks) of a row are combined
     */
    public PostProcessor(NumentaLikelihood likelihood, Transform transform, NoveltyRule novelty, RestPeriod rest,
                         int members, EnsembleScorer.Combine combine) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, got " + members);
        }
        List<NumentaLikelihood> l = new ArrayList<>();
        if (likelihood != null) {
            NumentaLikelihood one = transform == Transform.RANK ? likelihood
                    : likelihood.withFloors(Double.NEGATIVE_INFINITY, 1e-12);
            l.add(one);
            for (int k = 1; k < members; k++) {
                l.add(one.fresh());
            }
        }
        for (int k = 0; k < members; k++) {
            sortedRaw.add(new ArrayList<>());
        }
        this.likelihoods = List.copyOf(l);
        this.transform = transform;
        this.novelty = novelty;
        this.rest = rest;
        this.combine = combine;
        this.memberScores = new double[members];
    }

    @Override
    public int members() {
        return memberScores.length;
    }

    /**
     * Consumes one row (its input value and each member's raw score, NaN = none) and returns its anomaly score in
     * [0, 1].
     */
    @Override
    public double next(double value, double[] raw) {
        if (raw.length != memberScores.length) {
            throw new IllegalArgumentException(raw.length + " raw scores for " + memberScores.length + " members");
        }
        boolean novel = novelty != null && novelty.test(value);
        boolean any = false;
        for (int k = 0; k < raw.length; k++) {
            if (Double.isNaN(raw[k])) {
                memberScores[k] = Double.NaN;
                continue;
            }
            any = true;
            if (likelihoods.isEmpty()) {
                memberScores[k] = rank(k, raw[k]);
            } else {
                double seen = switch (transform) {
                    case NONE -> raw[k];
                    case RANK -> rank(k, raw[k]);
                    case LOG -> Math.signum(raw[k]) * Math.log1p(Math.abs(raw[k]));
                };
                memberScores[k] = likelihoods.get(k).update(value, seen);
            }
        }
        double score;
        if (!any && !started) {
            unscored++;
            return rest.apply(0.0);
        }
        started = true;
        if (!any) {
            unscored++;
            score = UNKNOWN;
        } else {
            score = memberScores.length == 1 ? memberScores[0] : EnsembleScorer.combine(combine, memberScores);
        }
        if (novel) {
            score = 1.0;
        }
        return rest.apply(score);
    }

    @Override
    public long unscoredRows() {
        return unscored;
    }

    /** Rank of {@code raw} among member k's earlier raw scores (0.5 for the first), then remembers it. */
    private double rank(int k, double raw) {
        List<Double> sorted = sortedRaw.get(k);
        int n = sorted.size();
        int lower = lowerBound(sorted, raw);
        int upper = lower;
        while (upper < n && sorted.get(upper) == raw) {
            upper++;
        }
        double r = n == 0 ? 0.5 : (lower + 0.5 * (upper - lower)) / n;
        sorted.add(upper, raw);
        return r;
    }

    private static int lowerBound(List<Double> sortedRaw, double v) {
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
