package org.dgmkit.detect;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The kit's streaming detector: raw anomaly scores from a deep generative model of the series' windows
 * ({@link ModelScorer}, or a seed ensemble of them: {@link EnsembleScorer}) post-processed into NAB anomaly scores ({@link PostProcessor}: Numenta's anomaly
 * likelihood, the novelty rule, the alarm rest period), all set by one {@link DetectorSettings}.
 *
 * <pre>{@code
 * var settings = DetectorSettings.defaults().with("model", "lvae");
 * double[] scores = new ModelDetector(settings, series.probationRows()).scoreAll(series.timestamps(), series.values());
 * }</pre>
 */
public final class ModelDetector implements StreamingDetector {
    private final EnsembleScorer scorer;
    private final ScoreProcessor post;

    /** A detector for one series with the given probationary period (rows). */
    public ModelDetector(DetectorSettings settings, int probationRows) {
        this.scorer = new EnsembleScorer(settings, probationRows);
        this.post = postProcessor(settings, probationRows);
    }

    /**
     * The post-processing of the settings for a series: the likelihood starts with the first raw score (row F) and
     * estimates its first Gaussian from the raw scores up to the end of the probationary period (at least
     * {@code warmup}), skipping none; the rest period is {@code rest * probation} rows ({@code restMode=episode}: a
     * trailing window of {@code restWindow * probation} rows). For an ensemble at likelihood level it takes every
     * member's raw score ({@link PostProcessor#members()}; with {@code post=signals} each member is a model signal
     * of its own), else one.
     */
    public static ScoreProcessor postProcessor(DetectorSettings s, int probationRows) {
        if (s.signalPost()) {
            int window = Math.max(2, (int) Math.round(s.getDouble("signalWindow") * probationRows));
            int members = s.likelihoodLevel() ? EnsembleScorer.memberCount(s) : 1;
            return new SignalProcessor(s.signals(), members, s.signalSum(), s.robustSignals(),
                    s.getDouble("modelWeight"), window, s.getInt("signalMinRows"), s.getDouble("signalScale"),
                    novelty(s), rest(s, probationRows), s.getDouble("restScale"));
        }
        NumentaLikelihood likelihood = null;
        if (s.getBoolean("likelihood")) {
            int estimation = Math.max(s.getInt("warmup"), probationRows - ModelScorer.fitRow(s, probationRows));
            likelihood = new NumentaLikelihood(0, estimation, Math.max(s.getInt("history"), estimation),
                    s.getInt("reestimate")).withAveragingWindow(s.getInt("average"));
        }
        NoveltyRule novelty = novelty(s);
        RestPeriod rest = rest(s, probationRows);
        int members = s.likelihoodLevel() ? EnsembleScorer.memberCount(s) : 1;
        return new PostProcessor(likelihood, s.transform(), novelty, rest, members, s.ensembleCombine());
    }

    /** The novelty rule of the settings, or null. */
    private static NoveltyRule novelty(DetectorSettings s) {
        return s.getBoolean("novelty") ? new NoveltyRule(s.getDouble("noveltyTolerance")) : null;
    }

    /** The rest period of the settings ({@code rest}, {@code restMode}, {@code restWindow}) for a probation period. */
    private static RestPeriod rest(DetectorSettings s, int probationRows) {
        if (s.restMode() == RestPeriod.Mode.EPISODE) {
            int window = (int) Math.round(s.getDouble("restWindow") * probationRows);
            return window > 0 ? RestPeriod.episode(window, s.getDouble("restLevel"), s.getDouble("restQuiet"))
                    : RestPeriod.none();
        }
        int restRows = (int) Math.round(s.getDouble("rest") * probationRows);
        return restRows > 0 ? new RestPeriod(restRows, s.getDouble("restLevel"), s.getDouble("restQuiet"))
                : RestPeriod.none();
    }

    @Override
    public double next(LocalDateTime timestamp, double value) {
        return post.members() > 1 ? post.next(value, scorer.nextMembers(timestamp, value))
                : post.next(value, scorer.next(timestamp, value));
    }

    @Override
    public double[] nextBlock(LocalDateTime[] timestamps, double[] values) {
        return scoreBlock(timestamps, values).scores();
    }

    /**
     * The anomaly scores of the next rows and the raw scores behind them (for an ensemble at likelihood level, the
     * members' raw scores combined as at raw level): the numbers {@link #next} would give row by row, with the model
     * called once per chunk of rows.
     */
    public Scored scoreBlock(LocalDateTime[] timestamps, double[] values) {
        if (post.members() > 1) {
            List<double[]> members = scorer.nextBlockMembers(timestamps, values);
            return new Scored(post.apply(values, members), EnsembleScorer.combine(scorer.combination(), members));
        }
        double[] raw = scorer.nextBlock(timestamps, values);
        return new Scored(post.apply(values, raw), raw);
    }

    /** Anomaly scores in [0, 1] of some rows and their raw scores (NaN: none). */
    public record Scored(double[] scores, double[] raw) { }

    /** The raw scorer of the first (or only) ensemble member (model, features, timings). */
    public ModelScorer scorer() {
        return scorer.members().get(0);
    }

    /** The raw scorer: the ensemble of {@code ensemble} members (one by default). */
    public EnsembleScorer ensemble() {
        return scorer;
    }

    /** The post-processing (counts of rows without a raw score). */
    public ScoreProcessor postProcessor() {
        return post;
    }
}
