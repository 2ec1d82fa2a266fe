package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.dgmkit.cli.KitException;
import org.dgmkit.detect.baseline.SpectralResidual;
import org.dgmkit.detect.baseline.WindowedGaussian;

/**
 * Every detector a scoreboard shows, by name: the kit's model detectors (a model of the catalogue with
 * {@link DetectorSettings}, raw scores cached) and the simple baselines beside them ({@link #BASELINES}), so a model's
 * gain is measured against them:
 * <ul>
 *   <li>{@code windowed-gaussian}: NAB's windowed Gaussian (the value's tail probability under the trailing window);</li>
 *   <li>{@code spectral-residual}: the spectral residual of Ren et al. (KDD 2019);</li>
 *   <li>{@code raw-normalised}: the VAE's raw score (-ELBO, one seed) with only a causal normalisation — its z against
 *       its own trailing window ({@link SignalProcessor}, model signal only), no likelihood, no novelty rule, no rest;</li>
 *   <li>{@code value-diff}: the same normalisation of the value and of its change (two z-scores, the larger counts),
 *       no model at all.</li>
 * </ul>
 */
public final class Detectors {
    /** The baselines' names. */
    public static final List<String> BASELINES = List.of("windowed-gaussian", "spectral-residual", "raw-normalised",
            "value-diff");

    /** The settings of the normalisation-only baselines: calibrated signals, nothing after them. */
    static final String[] NORMALISATION_ONLY = {"ensemble=1", "post=signals", "novelty=false", "restWindow=0",
        "rest=0"};

    private Detectors() {
    }

    /** Whether {@code name} is a baseline (else a model detector). */
    public static boolean baseline(String name) {
        return BASELINES.contains(name);
    }

    /**
     * Anomaly scores per series of a detector: a baseline by name, or the model detector of {@code settings}
     * (through the raw-score cache, {@code threads} series at a time).
     */
    public static Map<String, double[]> scores(String name, DetectorSettings settings, List<EvalSeries> series,
                                               Path cache, PrintStream log, int threads) {
        if (!baseline(name)) {
            return CorpusScores.of(series, settings, cache, log, threads).scores();
        }
        if (name.equals("raw-normalised")) {
            return CorpusScores.of(series, rawNormalised(), cache, log, threads).scores();
        }
        return baselineScores(name, series, settings, threads);
    }

    /** A fresh baseline for a series with the given probationary period. */
    public static StreamingDetector baselineFor(String name, DetectorSettings settings, int probation) {
        return switch (name) {
            case "windowed-gaussian" -> WindowedGaussian.nab();
            case "spectral-residual" -> SpectralResidual.defaults();
            case "value-diff" -> new SignalOnly(ModelDetector.postProcessor(valueDiff(), probation),
                    ModelScorer.fitRow(valueDiff(), probation));
            case "raw-normalised" -> new ModelDetector(rawNormalised(), probation);
            default -> throw new IllegalArgumentException("no baseline '" + name + "'; known: " + BASELINES);
        };
    }

    private static Map<String, double[]> baselineScores(String name, List<EvalSeries> series,
                                                        DetectorSettings settings, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            Map<String, Future<double[]>> jobs = new TreeMap<>();
            for (EvalSeries s : series) {
                Supplier<StreamingDetector> d = () -> baselineFor(name, settings, s.probation());
                jobs.put(s.name(), pool.submit(() -> d.get().scoreAll(s.times(), s.values())));
            }
            Map<String, double[]> out = new TreeMap<>();
            for (var e : jobs.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new KitException(name + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The signal post-processing without a model: rows before the fit row have "no raw score" (score 0, as for the
     * model detector), later rows a raw score of 0 that the value and diff signals ignore.
     */
    private static final class SignalOnly implements StreamingDetector {
        private final ScoreProcessor post;
        private final int fitRow;
        private int row;

        SignalOnly(ScoreProcessor post, int fitRow) {
            this.post = post;
            this.fitRow = fitRow;
        }

        @Override
        public double next(java.time.LocalDateTime timestamp, double value) {
            return post.next(value, row++ < fitRow ? Double.NaN : 0.0);
        }
    }

    /** The settings of the {@code raw-normalised} baseline: the VAE's -ELBO, its z against its trailing window. */
    public static DetectorSettings rawNormalised() {
        return DetectorSettings.defaults().withAll(NORMALISATION_ONLY).with("signals", "model");
    }

    /** The settings of the {@code value-diff} baseline: the value's and its change's z, no model. */
    public static DetectorSettings valueDiff() {
        return DetectorSettings.defaults().withAll(NORMALISATION_ONLY).with("signals", "value,diff");
    }

    /** The names of every detector for a scoreboard: the given models, then the baselines. */
    public static List<String> withBaselines(List<String> models) {
        List<String> out = new ArrayList<>(models);
        out.addAll(BASELINES);
        return out;
    }
}
