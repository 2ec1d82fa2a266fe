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
 * {@link DetectorSettings}, raw scores cached) and the simple baselines beside them ({@link #BASELINES}: NAB's
 * windowed Gaussian, the spectral residual of Ren et al. 2019, and the model-free signal detector — the kit's
 * {@code post=signals} with its {@code model} signal off), so a model's gain is measured against them.
 */
public final class Detectors {
    /** The baselines' names. */
    public static final List<String> BASELINES = List.of("windowed-gaussian", "spectral-residual", "value-diff");

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
        return baselineScores(name, series, settings, threads);
    }

    /** A fresh baseline for a series with the given probationary period. */
    public static StreamingDetector baselineFor(String name, DetectorSettings settings, int probation) {
        return switch (name) {
            case "windowed-gaussian" -> WindowedGaussian.nab();
            case "spectral-residual" -> SpectralResidual.defaults();
            case "value-diff" -> new SignalOnly(ModelDetector.postProcessor(settings.with("post", "signals")
                    .with("signals", "value,diff"), probation), ModelScorer.fitRow(settings, probation));
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

    /** The names of every detector for a scoreboard: the given models, then the baselines. */
    public static List<String> withBaselines(List<String> models) {
        List<String> out = new ArrayList<>(models);
        out.addAll(BASELINES);
        return out;
    }
}
