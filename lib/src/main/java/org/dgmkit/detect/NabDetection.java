package org.dgmkit.detect;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.score.nab.NabResultsFolder;

/**
 * Runs a {@link ModelDetector} over NAB files: raw scores per file (cached on disk by the settings that change them,
 * so post-processing variants are re-scored without retraining), then anomaly scores, ready for
 * {@link NabEvaluation} and {@link org.dgmkit.score.nab.NabResultsFolder#write}.
 *
 * <p>The tuning split (declared before any result): the artificial files and {@code realKnownCause}; every other
 * file is held out.
 */
public final class NabDetection {
    /** Categories of the tuning split. */
    public static final List<String> TUNING_CATEGORIES = List.of("artificialNoAnomaly", "artificialWithAnomaly",
            "realKnownCause");

    private NabDetection() {
    }

    /** The files of the tuning split, in name order. */
    public static List<String> tuningFiles(NabCorpus corpus) {
        return corpus.names().stream().filter(n -> TUNING_CATEGORIES.contains(category(n))).toList();
    }

    /** The held-out files, in name order. */
    public static List<String> heldOutFiles(NabCorpus corpus) {
        return corpus.names().stream().filter(n -> !TUNING_CATEGORIES.contains(category(n))).toList();
    }

    /**
     * Files by selector: {@code all}, {@code artificial}, {@code tuning}, {@code heldout}, or a category name
     * ({@code realKnownCause}); fails naming the known selectors.
     */
    public static List<String> files(NabCorpus corpus, String selector) {
        List<String> out = switch (selector) {
            case "all" -> corpus.names();
            case "artificial" -> corpus.artificialNames();
            case "tuning" -> tuningFiles(corpus);
            case "heldout" -> heldOutFiles(corpus);
            default -> corpus.names().stream().filter(n -> category(n).equals(selector)).toList();
        };
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--files " + selector + ": no such NAB files; expected all, artificial, "
                    + "tuning, heldout or a category: " + String.join(", ",
                    corpus.names().stream().map(NabDetection::category).distinct().toList()));
        }
        return out;
    }

    static String category(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /**
     * Per-file raw scores and what producing them cost ({@code computed}: files not found in the cache; for an
     * ensemble, the most of any member).
     */
    public record RawRun(Map<String, double[]> raw, Map<String, String> notes, double seconds, int computed) { }

    /**
     * Raw scores of the given files: read from {@code cache/<model>-<settings digest>-<code digest>/} when there
     * (the code digest: another build of the kit recomputes them), else computed (one line per
     * file on {@code log}) and stored there. {@code cache} may be null (no cache). One file at a time.
     */
    public static RawRun rawScores(NabCorpus corpus, List<String> files, DetectorSettings settings, Path cache,
                                   PrintStream log) {
        return rawScores(corpus, files, settings, cache, log, 1);
    }

    /**
     * As {@link #rawScores(NabCorpus, List, DetectorSettings, Path, PrintStream)} with {@code threads} files trained
     * at the same time (each file's numbers do not depend on it: every file has its own model and seeds, and ND4J's
     * random generator is per thread).
     */
    public static RawRun rawScores(NabCorpus corpus, List<String> files, DetectorSettings settings, Path cache,
                                   PrintStream log, int threads) {
        int m = settings.getInt("ensemble");
        if (m == 1) {
            return memberRawScores(corpus, files, settings, cache, log, threads);
        }
        // an ensemble: each member's raw scores are cached as that single model's (seed + k), then combined
        List<RawRun> runs = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            DetectorSettings member = EnsembleScorer.memberSettings(settings, k);
            if (log != null) {
                log.printf("ensemble member %d/%d: seed %s%n", k + 1, m, member.get("seed"));
            }
            runs.add(memberRawScores(corpus, files, member, cache, log, threads));
        }
        Map<String, double[]> raw = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        double seconds = 0;
        int computed = 0;
        for (RawRun r : runs) {
            seconds += r.seconds();
            computed = Math.max(computed, r.computed());
        }
        for (String name : files) {
            List<double[]> rows = new ArrayList<>();
            List<String> memberNotes = new ArrayList<>();
            for (RawRun r : runs) {
                rows.add(r.raw().get(name));
                if (r.notes().containsKey(name)) {
                    memberNotes.add(r.notes().get(name));
                }
            }
            raw.put(name, EnsembleScorer.combine(settings.ensembleCombine(), rows));
            if (!memberNotes.isEmpty()) {
                notes.put(name, "ensemble of " + m + ": " + String.join(" | ", memberNotes));
            }
        }
        return new RawRun(raw, notes, seconds, computed);
    }

    private static RawRun memberRawScores(NabCorpus corpus, List<String> files, DetectorSettings settings, Path cache,
                                          PrintStream log, int threads) {
        // the code's digest in the name: scores computed by another build of the kit are recomputed, not reused
        Path dir = cache == null ? null
                : cache.resolve(settings.get("model") + "-" + settings.rawScoreDigest() + "-" + CodeFingerprint.ofKit());
        long t0 = System.nanoTime();
        Map<String, double[]> raw = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        int[] computed = {0};
        int[] done = {0};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, threads), r -> {
                    Thread t = new Thread(r, "nab-detect");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (String name : files) {
                jobs.add(pool.submit(() -> {
                    NabSeries s = corpus.series(name);
                    Path file = dir == null ? null : dir.resolve(name.replace('/', '_') + ".raw");
                    double[] r = file != null && Files.isRegularFile(file) ? read(file, s.size()) : null;
                    String note = null;
                    double secs = 0;
                    if (r == null) {
                        long f0 = System.nanoTime();
                        ModelScorer scorer = new ModelScorer(settings, s.probationRows());
                        r = scorer.scoreAll(s.timestamps(), s.values());
                        note = String.format(Locale.ROOT, "%s; train %.1f s, score %.1f s", scorer.describe(),
                                scorer.trainSeconds(), scorer.scoreSeconds());
                        if (file != null) {
                            write(dir, file, r, settings);
                        }
                        secs = (System.nanoTime() - f0) / 1e9;
                    }
                    synchronized (raw) {
                        raw.put(name, r);
                        done[0]++;
                        if (note != null) {
                            computed[0]++;
                            notes.put(name, note);
                            if (log != null) {
                                log.printf(Locale.ROOT, "[%2d/%d] %-58s %6d rows %6.1f s  %s%n", done[0], files.size(),
                                        name, s.size(), secs, note);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) {
                try {
                    j.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new RawRun(raw, notes, (System.nanoTime() - t0) / 1e9, computed[0]);
    }

    /** Anomaly scores in [0, 1] from raw scores, with the post-processing of {@code settings}. */
    public static Map<String, double[]> anomalyScores(NabCorpus corpus, Map<String, double[]> raw,
                                                      DetectorSettings settings) {
        Map<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, double[]> e : raw.entrySet()) {
            NabSeries s = corpus.series(e.getKey());
            out.put(e.getKey(), ModelDetector.postProcessor(settings, s.probationRows()).apply(s.values(), e.getValue()));
        }
        return out;
    }

    /**
     * Writes a results folder in NAB's layout ({@code dir/<category>/<detector>_<file>.csv}, columns
     * {@code timestamp,value,anomaly_score,label}) with {@code detector.json} (settings, tuning split, files, scores,
     * per-file notes), atomically: into a temporary sibling, which then replaces {@code dir}; nothing is left behind
     * when writing fails. NAB's scorer reads only the CSV files.
     */
    public static void writeResults(Path dir, String detector, NabCorpus corpus, Map<String, double[]> scores,
                                    DetectorSettings settings, NabEvaluation eval, Map<String, String> notes) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".part");
            NabResultsFolder.write(tmp, detector, corpus, scores);
            JsonObject o = new JsonObject();
            o.addProperty("detector", detector);
            o.add("settings", settings.toJson());
            JsonArray tuning = new JsonArray();
            NabDetection.TUNING_CATEGORIES.forEach(tuning::add);
            o.add("tuningCategories", tuning);
            JsonArray files = new JsonArray();
            scores.keySet().forEach(files::add);
            o.add("files", files);
            o.add("scores", eval.toJson());
            JsonObject notesJson = new JsonObject();
            notes.forEach(notesJson::addProperty);
            o.add("notes", notesJson);
            Files.writeString(tmp.resolve("detector.json"), new GsonBuilder().setPrettyPrinting().create().toJson(o));
            if (Files.exists(dir)) {
                NabDetectCommand.deleteTree(dir);
            }
            Files.move(tmp, dir);
            tmp = null;
        } catch (IOException e) {
            throw new KitException(dir + ": cannot write the results folder: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    NabDetectCommand.deleteTree(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary folder is hidden and named after the results folder
                }
            }
        }
    }

    private static double[] read(Path file, int rows) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            if (n != rows) {
                return null;
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = in.readDouble();
            }
            return r;
        } catch (IOException e) {
            return null; // a damaged cache entry is recomputed
        }
    }

    private static void write(Path dir, Path file, double[] r, DetectorSettings settings) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("settings.txt");
            if (!Files.exists(key)) {
                Files.writeString(key, settings.rawScoreKey().replace(";", "\n"));
            }
            Path tmp = Files.createTempFile(dir, "part", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(r.length);
                for (double v : r) {
                    out.writeDouble(v);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the raw-score cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** The names of a map's files that belong to {@code subset}, keeping the map's scores. */
    static Map<String, double[]> subset(Map<String, double[]> scores, List<String> subset) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : subset) {
            if (scores.containsKey(n)) {
                out.put(n, scores.get(n));
            }
        }
        return out;
    }

    /** Files of {@code names} present in {@code scores}. */
    static List<String> present(Map<String, double[]> scores, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (scores.containsKey(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
