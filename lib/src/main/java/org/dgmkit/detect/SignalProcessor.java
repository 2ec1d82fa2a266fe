package org.dgmkit.detect;

import java.util.List;
import java.util.Locale;

/**
 * Anomaly scores from calibrated signals: every row, each chosen signal is turned into a z-score against its own
 * trailing window ({@code window} rows before the row), their largest (or, with {@code sum}, their sum) is the row's
 * evidence z, and the score is
 * {@code z / (z + scale)} in [0, 1) — monotone in z, so the score keeps the ranking of the evidence (no likelihood
 * saturates it) and {@code scale} is the z that scores 0.5. The signals ({@link Signal}):
 * <ul>
 *   <li>{@code model}: the model's raw score (e.g. -ELBO), one-sided: how far above its own recent level it is;</li>
 *   <li>{@code value}: the value, two-sided: how far from the recent mean (NAB's windowed Gaussian's z);</li>
 *   <li>{@code diff}: the change from the previous row, two-sided: a jump, whatever the level.</li>
 * </ul>
 * Turning the {@code model} signal off leaves a detector without the model: what the model adds is measured so. An
 * ensemble's members (seeds, models or window spans, {@link EnsembleScorer}) can each be a model signal of their
 * own: each member's raw score gets its own window and its own z, which then combine like the other signals. The
 * windows' centre and spread are their mean and standard deviation, or (robust) their median and scaled MAD, which a
 * heavy-tailed score needs; the model's z can be weighted.
 *
 * <p>Before the first raw score (the model does not exist yet) every row scores 0, as in {@link PostProcessor}, while
 * the signals' windows already learn the values. A signal needs {@code minHistory} earlier values before it
 * counts; a window with no spread (a flat stretch) gives a change from it an infinite z, capped at {@code maxZ}.
 * Optionally the novelty rule (a value beyond the range seen so far scores 1) and a rest period after an alarm, whose
 * quiet rows keep their order ({@code restScale}: their score times this factor) instead of being capped.
 */
public final class SignalProcessor implements ScoreProcessor {
    /** A signal that can raise a row's evidence. */
    public enum Signal {
        MODEL, VALUE, DIFF;

        /** The signals of a comma-separated list ({@code model,value,diff}); fails naming the known ones. */
        public static List<Signal> parse(String list) {
            if (list.isBlank()) {
                throw new IllegalArgumentException("no signal; expected some of model, value, diff");
            }
            return java.util.Arrays.stream(list.split(",")).map(String::trim).map(n -> {
                try {
                    return valueOf(n.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("signal '" + n + "': expected model, value or diff");
                }
            }).distinct().toList();
        }
    }

    /** z beyond which a signal counts no more (a jump out of a flat stretch). */
    static final double MAX_Z = 1e6;

    private final boolean model;
    private final boolean value;
    private final boolean diff;
    private final boolean sum;
    private final double modelWeight;
    private final double scale;
    private final int minHistory;
    private final NoveltyRule novelty;
    private final RestPeriod rest;
    private final double restScale;
    private final TrailingStats[] rawStats; // one per model member
    private final TrailingStats valueStats;
    private final TrailingStats diffStats;
    private double previous = Double.NaN;
    private boolean started;
    private long unscored;

    /**
     * @param signals    the signals (at least one)
     * @param window     rows of each signal's trailing window (&ge; 2)
     * @param minHistory earlier values a signal needs before it counts (&ge; 2)
     * @param scale      the z that scores 0.5 (&gt; 0)
     * @param novelty    the novelty rule (fresh) or null
     * @param rest       the rest period (fresh; {@link RestPeriod#none()} for none)
     * @param restScale  factor of the scores of quiet rows; 0: capped as the rest period says
     */
    public SignalProcessor(List<Signal> signals, int window, int minHistory, double scale, NoveltyRule novelty,
                           RestPeriod rest, double restScale) {
        this(signals, false, window, minHistory, scale, novelty, rest, restScale);
    }

    /** As above; {@code sum}: the evidence is the sum of the signals' z, not their largest. */
    public SignalProcessor(List<Signal> signals, boolean sum, int window, int minHistory, double scale,
                           NoveltyRule novelty, RestPeriod rest, double restScale) {
        this(signals, sum, false, 1.0, window, minHistory, scale, novelty, rest, restScale);
    }

    /**
     * As above; {@code robust}: each window's centre and spread are its median and scaled MAD, not its mean and
     * standard deviation; {@code modelWeight}: the model's z counts this much in the evidence (the others 1).
     */
    public SignalProcessor(List<Signal> signals, boolean sum, boolean robust, double modelWeight, int window,
                           int minHistory, double scale, NoveltyRule novelty, RestPeriod rest, double restScale) {
        this(signals, 1, sum, robust, modelWeight, window, minHistory, scale, novelty, rest, restScale);
    }

    /**
     * As above for {@code members} raw scores per row (an ensemble's members, each a model signal with its own
     * window, each weighted {@code modelWeight}).
     */
    public SignalProcessor(List<Signal> signals, int members, boolean sum, boolean robust, double modelWeight,
                           int window, int minHistory, double scale, NoveltyRule novelty, RestPeriod rest,
                           double restScale) {
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("no signal");
        }
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, got " + members);
        }
        if (minHistory < 2 || !(scale > 0) || !(restScale >= 0 && restScale <= 1) || !(modelWeight > 0)) {
            throw new IllegalArgumentException("minHistory >= 2, scale > 0, restScale in [0, 1]: " + minHistory + ", "
                    + scale + ", " + restScale);
        }
        this.model = signals.contains(Signal.MODEL);
        this.value = signals.contains(Signal.VALUE);
        this.diff = signals.contains(Signal.DIFF);
        this.sum = sum;
        this.scale = scale;
        this.minHistory = minHistory;
        this.novelty = novelty;
        this.rest = rest;
        this.restScale = restScale;
        this.modelWeight = modelWeight;
        this.rawStats = new TrailingStats[members];
        for (int k = 0; k < members; k++) {
            rawStats[k] = new TrailingStats(window, robust);
        }
        this.valueStats = new TrailingStats(window, robust);
        this.diffStats = new TrailingStats(window, robust);
    }

    @Override
    public int members() {
        return rawStats.length;
    }

    @Override
    public long unscoredRows() {
        return unscored;
    }

    @Override
    public double next(double v, double[] raws) {
        if (raws.length != rawStats.length) {
            throw new IllegalArgumentException(raws.length + " raw scores for " + rawStats.length + " members");
        }
        boolean novel = novelty != null && novelty.test(v);
        double d = Double.isNaN(previous) ? Double.NaN : v - previous;
        double z = 0;
        if (value) {
            z = combine(z, z(valueStats, v, true));
        }
        if (diff) {
            z = combine(z, z(diffStats, d, true));
        }
        boolean scored = false;
        for (int k = 0; k < raws.length; k++) {
            if (model) {
                z = combine(z, modelWeight * z(rawStats[k], raws[k], false));
            }
            rawStats[k].add(raws[k]);
            scored |= !Double.isNaN(raws[k]);
        }
        valueStats.add(v);
        diffStats.add(d);
        previous = v;
        if (!scored) {
            unscored++;
            if (!started) {
                rest.apply(0.0);
                return 0.0;
            }
        }
        started = true;
        double score = z / (z + scale);
        if (novel) {
            score = 1.0;
        }
        double after = rest.apply(score);
        return after < score && restScale > 0 ? score * restScale : after;
    }

    private double combine(double a, double b) {
        return sum ? Math.min(MAX_Z, a + b) : Math.max(a, b);
    }

    /** The z of {@code x} against the window (0 while it is short or x is NaN); one-sided keeps the upper tail. */
    private double z(TrailingStats s, double x, boolean twoSided) {
        if (Double.isNaN(x) || s.size() < minHistory) {
            return 0;
        }
        double e = x - s.mean();
        double sd = s.std();
        if (!twoSided && e <= 0) {
            return 0;
        }
        double a = Math.abs(e);
        if (sd <= 1e-12 * (1 + Math.abs(s.mean()))) {
            return a <= 1e-12 * (1 + Math.abs(s.mean())) ? 0 : MAX_Z;
        }
        return Math.min(MAX_Z, a / sd);
    }
}
