package org.dgmkit.detect;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.model.catalog.ModelCatalog;
import org.dgmkit.signal.WindowFunction;

/**
 * Every setting of a {@link ModelDetector}, as named key = value pairs with documented defaults: one line in a
 * notebook or on the command line changes one ({@code settings.with("model", "lvae")}, {@code --set rest=0.5}), the
 * results folder records all of them, and the raw-score cache is keyed by the ones that change raw scores
 * ({@link #rawScoreKey()}). Unknown keys and unparsable values fail naming the key and what is expected.
 *
 * <p>Keys (group, meaning, default):
 * <ul>
 *   <li>model: {@code model} name in the {@link ModelCatalog} (vae); {@code hidden} widths (64,32); {@code latent}
 *       units (8); {@code epochs} of the first fit (150); {@code batch} (32); {@code lr} Adam learning rate (0.002);
 *       {@code seed} (1); {@code logVar0} initial shared output log-variance (0); {@code ensemble} models with
 *       seeds {@code seed, seed + 1, ...} whose raw scores are combined row by row ({@link EnsembleScorer}) (1);
 *       {@code ensembleModels} a comma-separated list of catalogue models: a cross-model ensemble of
 *       {@code ensemble} seeds of each, in that order (empty: {@code model} only) ();
 *       {@code ensembleSpans} a comma-separated list of window spans (as {@code span}): a multi-scale ensemble, each
 *       model with each span (empty: {@code span} only) ();
 *       {@code ensembleCombine} mean|mixture|median|max, how the members are combined row by row (mean);
 *       {@code ensembleLevel} raw|likelihood, what is combined: the members' raw scores, which then go through one
 *       likelihood, or the members' anomaly likelihoods, each member's raw scores through a likelihood of its own
 *       (with {@code post=signals}: each member a model signal with a z of its own), before the novelty rule and the
 *       rest period (raw).</li>
 *   <li>input: {@code input} raw|spectrogram (raw); {@code span} a duration (P1D) or {@code rows:N} the window
 *       should cover; {@code spanMaxFraction} largest window as a fraction of the fit rows (0.5);
 *       {@code spanMinRows} (8); {@code blocks} block means of a raw window (12); {@code recent} newest values
 *       added unaveraged (2); {@code taper} of spectrogram frames (RISING_HANN); {@code frameMaxRows} (64);
 *       {@code scale} feature|window|none: standardise each input feature on the training windows; or first each
 *       window by its own rows' mean and standard deviation, then each feature (the window's shape, not its level);
 *       or feed them as they are (the study's unnormalised spectrogram, whose small inputs get small scores)
 *       (feature);
 *       {@code calendar} none|day|week: add the row's time of day (and day of week) as inputs (none).</li>
 *   <li>raw score: {@code score} elbo|iw|recon|predict (elbo: -ELBO; iw: -importance-weighted bound; recon:
 *       -E_q[log p(x|z)]; predict: the newest values' surprise given the rest of the window, {@code PredictiveScore})
 *       (elbo); {@code samples} per row (8); {@code fitFraction} of the probation period after which the
 *       model is fitted (1: at its end); {@code refitEvery} rows between warm-started refits (0 = never); {@code refitRows}
 *       trailing rows a refit trains on (2000); {@code refitEpochs} (20); {@code chunk} rows scored per model call
 *       (64); {@code clip} bound on scaled inputs (20).</li>
 *   <li>post-processing: {@code likelihood} Numenta's anomaly likelihood on/off (true); {@code transform}
 *       none|rank|log, what the likelihood sees (none); {@code warmup} fewest raw scores the likelihood estimates its
 *       first Gaussian from (200; it starts at the fit row and is ready at the end of the probationary period, or
 *       {@code warmup} rows later); {@code history} rows of the likelihood's sliding history (8640);
 *       {@code reestimate} rows between its re-estimates (100); {@code average} rows of its moving average of raw
 *       scores, the short window compared with the history's Gaussian (10, Numenta's; 1 = none);
 *       {@code novelty} rule on/off (true);
 *       {@code noveltyTolerance} (0.05); {@code rest} rest period after an alarm as a fraction of the probation
 *       period (0.5; 0 = off); {@code restLevel} score that counts as an alarm (0.5); {@code restQuiet} the cap during
 *       the rest period (0.0301); {@code restMode} fixed|episode: the rest lasts {@code rest} rows after an alarm,
 *       or — NAB's context_ose — while any of the trailing {@code restWindow} rows' uncapped scores reached
 *       {@code restLevel}, i.e. as long as the episode lasts and {@code restWindow} rows more ({@link RestPeriod})
 *       (fixed); {@code restWindow} that trailing window as a fraction of the probation period, used by
 *       {@code restMode=episode} only (0.2, context_ose's; 0 = off); {@code post} numenta|signals: the post-processing
 *       above, or calibrated signals ({@link SignalProcessor}: each of {@code signals} (model,value,diff) as a z-score
 *       against its own trailing window of {@code signalWindow} times the probation period (4), counting after
 *       {@code signalMinRows} values (30), each window's centre and spread its mean and standard deviation or its median
 *       and scaled MAD ({@code signalStats=mean|median}) (mean), the model's z weighted by {@code modelWeight} (1);
 *       the largest z ({@code signalCombine=max}, or their sum: {@code sum}) (max)
 *       gives the score {@code z / (z + signalScale)} (4); then the
 *       novelty rule and the rest period as set, a quiet row's score times {@code restScale} when it is above 0
 *       (0: capped at {@code restQuiet})) (numenta); {@code threshold} the alarm threshold of
 *       {@code kit detect} and the plots: the standard profile's threshold optimised on the tuning split (it does not change scores).</li>
 * </ul>
 */
public final class DetectorSettings {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final List<String> RAW_SCORE_KEYS = List.of("model", "hidden", "latent", "epochs", "batch", "lr",
            "seed", "logVar0", "input", "span", "spanMaxFraction", "spanMinRows", "blocks", "recent", "taper",
            "frameMaxRows", "score", "samples", "fitFraction", "refitEvery", "refitRows", "refitEpochs", "chunk",
            "clip", "scale", "calendar", "ensemble", "ensembleCombine", "ensembleModels", "ensembleSpans");
    /** Raw-score keys added after caches were written: left out of the cache key while at their default. */
    private static final List<String> LATER_RAW_SCORE_KEYS = List.of("scale", "calendar", "ensemble",
            "ensembleCombine", "ensembleModels", "ensembleSpans");
    /** Raw-score keys of the ensemble as a whole: a single member's raw scores do not depend on them. */
    private static final List<String> ENSEMBLE_KEYS = List.of("ensemble", "ensembleCombine", "ensembleModels",
            "ensembleSpans");

    static {
        DEFAULTS.put("model", "vae");
        DEFAULTS.put("hidden", "64,32");
        DEFAULTS.put("latent", "8");
        DEFAULTS.put("epochs", "150");
        DEFAULTS.put("batch", "32");
        DEFAULTS.put("lr", "0.002");
        DEFAULTS.put("seed", "1");
        DEFAULTS.put("logVar0", "0");
        DEFAULTS.put("ensemble", "1");
        DEFAULTS.put("ensembleModels", "");
        DEFAULTS.put("ensembleSpans", "");
        DEFAULTS.put("ensembleCombine", "mean");
        DEFAULTS.put("ensembleLevel", "raw");
        DEFAULTS.put("input", "raw");
        DEFAULTS.put("span", "P1D");
        DEFAULTS.put("spanMaxFraction", "0.5");
        DEFAULTS.put("spanMinRows", "8");
        DEFAULTS.put("blocks", "12");
        DEFAULTS.put("recent", "2");
        DEFAULTS.put("taper", "RISING_HANN");
        DEFAULTS.put("frameMaxRows", "64");
        DEFAULTS.put("scale", "feature");
        DEFAULTS.put("calendar", "none");
        DEFAULTS.put("score", "elbo");
        DEFAULTS.put("samples", "8");
        DEFAULTS.put("fitFraction", "1.0");
        DEFAULTS.put("refitEvery", "0");
        DEFAULTS.put("refitRows", "2000");
        DEFAULTS.put("refitEpochs", "20");
        DEFAULTS.put("chunk", "64");
        DEFAULTS.put("clip", "20");
        DEFAULTS.put("likelihood", "true");
        DEFAULTS.put("transform", "none");
        DEFAULTS.put("warmup", "200");
        DEFAULTS.put("history", "8640");
        DEFAULTS.put("reestimate", "100");
        DEFAULTS.put("average", "10");
        DEFAULTS.put("novelty", "true");
        DEFAULTS.put("noveltyTolerance", "0.05");
        DEFAULTS.put("rest", "0.5");
        DEFAULTS.put("restLevel", "0.5");
        DEFAULTS.put("restQuiet", "0.0301");
        DEFAULTS.put("restMode", "fixed");
        DEFAULTS.put("restWindow", "0.2");
        DEFAULTS.put("post", "numenta");
        DEFAULTS.put("signals", "model,value,diff");
        DEFAULTS.put("signalWindow", "4");
        DEFAULTS.put("signalMinRows", "30");
        DEFAULTS.put("signalScale", "4");
        DEFAULTS.put("signalCombine", "max");
        DEFAULTS.put("signalStats", "mean");
        DEFAULTS.put("modelWeight", "1");
        DEFAULTS.put("restScale", "0");
        DEFAULTS.put("threshold", "0.5");
    }

    private final Map<String, String> values;

    private DetectorSettings(Map<String, String> values) {
        this.values = values;
    }

    /** The defaults listed above. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(new LinkedHashMap<>(DEFAULTS));
    }

    /**
     * The kit's default detector for {@code model}, chosen under the {@link SelectionProtocol} (its candidate
     * {@link #SELECTED}, the highest objective over NAB and the KPI selection rows): the model on two window spans,
     * the last 12 rows and a day's block means (a multi-scale ensemble, {@code ensembleSpans}), each giving its
     * predictive score (the newest values hidden from the encoder) as a calibrated signal of its own: the row's
     * evidence is the largest of the two models' z (weighted 0.3) and the value's and the change's z against their
     * trailing windows ({@link SignalProcessor}); each model refitted every 2 000 rows (10 epochs, warm start, on the
     * windows of the last 4 000 rows), the novelty rule with a tolerance of 0.02, no rest period after an alarm; the
     * alarm threshold carried over from the KPI selection rows. One seed. A row's raw score (what {@code kit detect}
     * writes as {@code raw_score}) is the mean of the two models' predictive scores. Fails naming the known models.
     */
    public static DetectorSettings forModel(String model) {
        return numentaTuned(model).withAll("ensemble=1", "ensembleCombine=mean").withAll(SELECTED);
    }

    /**
     * The selection protocol's choice ({@code signals-max-predict-refit-no-rest-ms}, its third round), over
     * {@link #numentaTuned}: {@code kit select}, notebooks/results/09-*. The rest level and scale stay as in the
     * candidate; with {@code restWindow=0} they do nothing.
     */
    static final String[] SELECTED = {"ensembleSpans=rows:12,P1D", "ensembleLevel=likelihood", "score=predict",
        "post=signals", "signalCombine=max", "modelWeight=0.3", "restLevel=0.95", "restScale=0.5", "refitEvery=2000",
        "refitRows=4000", "refitEpochs=10", "restWindow=0", "threshold=0.513962"};

    /**
     * The settings chosen on NAB's tuning split before the selection protocol (see the progress notes of issue 9),
     * the base of the protocol's candidates: the defaults with
     * the model set, a novelty tolerance of 0.02 and an episode rest period ({@code restMode=episode restWindow=0.3}:
     * quiet while any of the trailing 0.3 probation periods' uncapped scores reached the alarm level), and for the VAE
     * a seed ensemble of three combined as a mixture. For the VAE, the episode rest beat the fixed rest of half a
     * probation period in 7 of 7 seed triples on all three profiles (standard +3.7 on average; most of it is the
     * shorter rest: the fixed rest of 0.3 gains +3.1, a second anomaly of ambient_temperature_system_failure is caught
     * only with rests under 0.4; at equal length episode beat fixed in 7 of 7, +0.6). On the tuning split, with the
     * same cached raw scores compared pairwise: the mixture beat the median in 13 of 16 seed ensembles (+1.8 on
     * average; over seven 3-seed triples 62.4 against 59.5), the tolerance 0.02 beat Numenta's 0.05 in 14 of 14
     * raw-score sets (+1.4); the mean, the likelihood-level ensemble and other rest periods did not win clearly, nor
     * did ensembles across models. The same post-processing (tolerance 0.02, episode rest 0.3) is every model's:
     * against the defaults (tolerance 0.05, fixed rest 0.5) it won on the tuning split in 6 of 6 raw-score sets (seeds
     * 1-4 and two 3-seed mixtures) for each of the Auxiliary VAE, SDGM and Ladder VAE, on all three profiles (standard
     * +5.9, +4.0, +5.3 on average). Their 3-seed mixtures did not beat their single seeds consistently (-5.8 to +2.7
     * against the members' mean), so they stay single models. Fails naming the known models.
     */
    public static DetectorSettings numentaTuned(String model) {
        DetectorSettings s = defaults().with("model", model).withAll(TUNED_POST_PROCESSING);
        return model.equals("vae") ? s.withAll("ensemble=3", "ensembleCombine=mixture") : s;
    }

    /** The post-processing chosen on the tuning split, for every model (see {@link #numentaTuned}). */
    private static final String[] TUNED_POST_PROCESSING = {"noveltyTolerance=0.02", "restMode=episode",
        "restWindow=0.3"};

    /** Every key, in documentation order. */
    public static List<String> keys() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /** A copy with {@code key} set to {@code value} (checked now: unknown keys and bad values fail). */
    public DetectorSettings with(String key, String value) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("unknown detector setting '" + key + "'; known: "
                    + String.join(", ", DEFAULTS.keySet()));
        }
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value.trim());
        DetectorSettings s = new DetectorSettings(copy);
        s.validate(key);
        return s;
    }

    /** A copy with several settings, each {@code key=value} (e.g. {@code "rest=0.3"}). */
    public DetectorSettings withAll(String... assignments) {
        DetectorSettings s = this;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("detector setting '" + a + "': expected key=value");
            }
            s = s.with(a.substring(0, eq).trim(), a.substring(eq + 1));
        }
        return s;
    }

    /** A copy with {@code keys} back at their defaults (unknown keys fail as in {@link #with}). */
    public DetectorSettings withDefaults(String... keys) {
        DetectorSettings s = this;
        for (String k : keys) {
            s = s.with(k, DEFAULTS.getOrDefault(k, ""));
        }
        return s;
    }

    /** The settings that differ from the defaults, as {@code key=value} in key order (for names and logs). */
    public String changes() {
        StringBuilder b = new StringBuilder();
        for (String k : DEFAULTS.keySet()) {
            if (!DEFAULTS.get(k).equals(values.get(k))) {
                b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(values.get(k));
            }
        }
        return b.length() == 0 ? "defaults" : b.toString();
    }

    /** All settings (read-only, documentation order). */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** All settings as a JSON object of strings. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        values.forEach(o::addProperty);
        return o;
    }

    /**
     * A key of the settings that change raw scores (model, input, raw score), in a stable order: equal keys give
     * equal raw scores, so cached raw scores can be re-post-processed.
     */
    public String rawScoreKey() {
        StringBuilder b = new StringBuilder();
        for (String k : RAW_SCORE_KEYS) {
            if (LATER_RAW_SCORE_KEYS.contains(k) && values.get(k).equals(DEFAULTS.get(k))) {
                continue;
            }
            b.append(k).append('=').append(values.get(k)).append(';');
        }
        return b.toString();
    }

    /**
     * Every key that changes a single model's raw scores with its default ({@code key=value;}, none left out; the
     * ensemble's keys are not among them): part of the code digest of the raw-score cache ({@link CodeFingerprint}),
     * which does not digest this class itself.
     */
    static String rawScoreDefaults() {
        StringBuilder b = new StringBuilder();
        for (String k : RAW_SCORE_KEYS) {
            if (ENSEMBLE_KEYS.contains(k)) {
                continue;
            }
            b.append(k).append('=').append(DEFAULTS.get(k)).append(';');
        }
        return b.toString();
    }

    /** A short hex digest of {@link #rawScoreKey()} (folder names of the cache). */
    public String rawScoreDigest() {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(rawScoreKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                b.append(String.format("%02x", h[i]));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw string of a setting. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown detector setting '" + key + "'");
        }
        return v;
    }

    /** An integer setting. */
    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    /** A real-valued setting. */
    public double getDouble(String key) {
        try {
            double v = Double.parseDouble(get(key));
            if (!Double.isFinite(v)) {
                throw bad(key, "a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, "a number");
        }
    }

    /** A boolean setting (true/false). */
    public boolean getBoolean(String key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(key, "true or false");
        }
        return v.equals("true");
    }

    /** A list of positive integers ("32,16"). */
    public List<Integer> getInts(String key) {
        try {
            List<Integer> out = java.util.Arrays.stream(get(key).split(",")).map(String::trim)
                    .map(Integer::parseInt).toList();
            if (out.isEmpty() || out.stream().anyMatch(i -> i <= 0)) {
                throw bad(key, "comma-separated positive integers");
            }
            return out;
        } catch (NumberFormatException e) {
            throw bad(key, "comma-separated positive integers");
        }
    }

    /** The window span: a duration, or null when given in rows ({@link #spanRows()}). */
    public Duration spanDuration() {
        String v = get("span");
        if (v.startsWith("rows:")) {
            return null;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                throw bad("span", "a positive ISO-8601 duration (P1D, PT6H) or rows:N");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw bad("span", "an ISO-8601 duration (P1D, PT6H) or rows:N");
        }
    }

    /** The window span in rows when given as {@code rows:N}, else 0. */
    public int spanRows() {
        String v = get("span");
        if (!v.startsWith("rows:")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.substring(5).trim());
            if (n < 2) {
                throw bad("span", "rows:N with N >= 2");
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad("span", "rows:N with an integer N");
        }
    }

    /** The raw score kind. */
    public RawScore rawScore() {
        return RawScore.parse(get("score"));
    }

    /** The spectrogram taper. */
    public WindowFunction taper() {
        try {
            return WindowFunction.valueOf(get("taper").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("taper", "one of " + java.util.Arrays.toString(WindowFunction.values()));
        }
    }

    /** The transform of raw scores before the likelihood. */
    public PostProcessor.Transform transform() {
        try {
            return PostProcessor.Transform.valueOf(get("transform").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("transform", "none, rank or log");
        }
    }

    /** How an ensemble combines its members' raw scores. */
    public EnsembleScorer.Combine ensembleCombine() {
        try {
            return EnsembleScorer.Combine.valueOf(get("ensembleCombine").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("ensembleCombine", "mean, mixture, median or max");
        }
    }

    /** The models of the ensemble, each with {@code ensemble} seeds: {@code ensembleModels}, or {@code model}. */
    public List<String> ensembleModels() {
        List<String> out = listOr("ensembleModels", "model");
        for (String m : out) {
            if (!ModelCatalog.names().contains(m)) {
                throw bad("ensembleModels", "comma-separated models of " + String.join(", ", ModelCatalog.names()));
            }
        }
        return out;
    }

    /**
     * The window spans of a multi-scale ensemble, each with the ensemble's models and seeds: {@code ensembleSpans}
     * (comma-separated, each as {@code span} is written), or {@code span} alone.
     */
    public List<String> ensembleSpans() {
        List<String> out = listOr("ensembleSpans", "span");
        for (String span : out) {
            try {
                DetectorSettings one = with("span", span);
                one.spanDuration();
                one.spanRows();
            } catch (IllegalArgumentException e) {
                throw bad("ensembleSpans", "comma-separated spans, each a duration (P1D) or rows:N (" + span + ")");
            }
        }
        return out;
    }

    /** The comma-separated items of {@code key}, or the one value of {@code single} when {@code key} is empty. */
    private List<String> listOr(String key, String single) {
        String v = get(key);
        return v.isEmpty() ? List.of(get(single)) : java.util.Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    /** Whether the ensemble combines its members' anomaly likelihoods ({@code ensembleLevel=likelihood}). */
    public boolean likelihoodLevel() {
        String v = get("ensembleLevel").toLowerCase(Locale.ROOT);
        if (!v.equals("raw") && !v.equals("likelihood")) {
            throw bad("ensembleLevel", "raw or likelihood");
        }
        return v.equals("likelihood");
    }

    /** Whether anomaly scores come from calibrated signals ({@code post=signals}) instead of Numenta's likelihood. */
    public boolean signalPost() {
        return switch (get("post").toLowerCase(Locale.ROOT)) {
            case "numenta" -> false;
            case "signals" -> true;
            default -> throw bad("post", "numenta or signals");
        };
    }

    /** Whether {@code post=signals} sums the signals' z ({@code signalCombine=sum}) instead of taking the largest. */
    public boolean signalSum() {
        return switch (get("signalCombine").toLowerCase(Locale.ROOT)) {
            case "max" -> false;
            case "sum" -> true;
            default -> throw bad("signalCombine", "max or sum");
        };
    }

    /** Whether {@code post=signals} uses each window's median and MAD ({@code signalStats=median}). */
    public boolean robustSignals() {
        return switch (get("signalStats").toLowerCase(Locale.ROOT)) {
            case "mean" -> false;
            case "median" -> true;
            default -> throw bad("signalStats", "mean or median");
        };
    }

    /** The signals of {@code post=signals}. */
    public List<SignalProcessor.Signal> signals() {
        try {
            return SignalProcessor.Signal.parse(get("signals"));
        } catch (IllegalArgumentException e) {
            throw bad("signals", "a comma-separated list of model, value, diff");
        }
    }

    /** How long the alarm rest period lasts ({@code restMode}). */
    public RestPeriod.Mode restMode() {
        try {
            return RestPeriod.Mode.parse(get("restMode"));
        } catch (IllegalArgumentException e) {
            throw bad("restMode", "fixed or episode");
        }
    }

    /** Whether inputs are standardised per feature (else fed as they are): {@code scale=feature} or {@code window}. */
    public boolean standardise() {
        String v = get("scale").toLowerCase(Locale.ROOT);
        if (!v.equals("feature") && !v.equals("none") && !v.equals("window")) {
            throw bad("scale", "feature, window or none");
        }
        return !v.equals("none");
    }

    /**
     * Whether each window is first standardised by its own rows' mean and standard deviation ({@code scale=window}):
     * the model then sees the window's shape, not its level, and a series that drifts after the fit does not look
     * anomalous for having drifted.
     */
    public boolean windowScale() {
        return standardise() && get("scale").toLowerCase(Locale.ROOT).equals("window");
    }

    /** Calendar inputs: 0 (none), 2 (time of day) or 4 (time of day and day of week). */
    public int calendarFeatures() {
        return switch (get("calendar").toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "day" -> 2;
            case "week" -> 4;
            default -> throw bad("calendar", "none, day or week");
        };
    }

    /** Whether the input is spectrogram frames (else raw windows). */
    public boolean spectrogramInput() {
        String v = get("input").toLowerCase(Locale.ROOT);
        if (!v.equals("raw") && !v.equals("spectrogram")) {
            throw bad("input", "raw or spectrogram");
        }
        return v.equals("spectrogram");
    }

    private void validate(String key) {
        switch (key) {
            case "model" -> {
                if (!ModelCatalog.names().contains(get(key))) {
                    throw bad(key, "one of " + String.join(", ", ModelCatalog.names()));
                }
            }
            case "hidden" -> getInts(key);
            case "latent", "epochs", "batch", "samples", "refitRows", "refitEpochs", "chunk", "history", "warmup",
                 "reestimate", "average", "blocks", "spanMinRows", "frameMaxRows", "ensemble" -> positive(key);
            case "refitEvery", "recent" -> {
                if (getInt(key) < 0) {
                    throw bad(key, "an integer >= 0");
                }
            }
            case "seed" -> {
                try {
                    Long.parseLong(get(key));
                } catch (NumberFormatException e) {
                    throw bad(key, "an integer");
                }
            }
            case "lr", "clip" -> {
                if (!(getDouble(key) > 0)) {
                    throw bad(key, "a positive number");
                }
            }
            case "logVar0", "restLevel", "restQuiet" -> getDouble(key);
            case "threshold" -> {
                double v = getDouble(key);
                if (!(v >= 0 && v <= 1)) {
                    throw bad(key, "a number in [0, 1]");
                }
            }
            case "spanMaxFraction", "fitFraction" -> {
                double v = getDouble(key);
                if (!(v > 0 && v <= 1)) {
                    throw bad(key, "a number in (0, 1]");
                }
            }
            case "restMode" -> restMode();
            case "post" -> signalPost();
            case "signalCombine" -> signalSum();
            case "signalStats" -> robustSignals();
            case "modelWeight" -> {
                if (!(getDouble(key) > 0)) {
                    throw bad(key, "a positive number");
                }
            }
            case "signals" -> signals();
            case "signalWindow", "signalScale" -> {
                if (!(getDouble(key) > 0)) {
                    throw bad(key, "a positive number");
                }
            }
            case "signalMinRows" -> {
                if (getInt(key) < 2) {
                    throw bad(key, "an integer >= 2");
                }
            }
            case "restScale" -> {
                double v = getDouble(key);
                if (!(v >= 0 && v <= 1)) {
                    throw bad(key, "a number in [0, 1]");
                }
            }
            case "noveltyTolerance", "rest", "restWindow" -> {
                if (getDouble(key) < 0) {
                    throw bad(key, "a number >= 0");
                }
            }
            case "likelihood", "novelty" -> getBoolean(key);
            case "span" -> {
                spanDuration();
                spanRows();
            }
            case "score" -> rawScore();
            case "taper" -> taper();
            case "transform" -> transform();
            case "input" -> spectrogramInput();
            case "scale" -> standardise();
            case "calendar" -> calendarFeatures();
            case "ensembleCombine" -> ensembleCombine();
            case "ensembleModels" -> ensembleModels();
            case "ensembleSpans" -> ensembleSpans();
            case "ensembleLevel" -> likelihoodLevel();
            default -> { }
        }
    }

    private void positive(String key) {
        if (getInt(key) < 1) {
            throw bad(key, "a positive integer");
        }
    }

    private IllegalArgumentException bad(String key, String expected) {
        return new IllegalArgumentException("detector setting " + key + "=" + values.get(key) + ": expected "
                + expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorSettings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return new TreeMap<>(values).toString();
    }
}
