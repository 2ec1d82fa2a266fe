package org.dgmkit.detect;

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
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabSeries;

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

    /** Per-file raw scores and what producing them cost. */
    public record RawRun(Map<String, double[]> raw, Map<String, String> notes, double seconds, int computed) { }

    /**
     * Raw scores of the given files: read from {@code cache/<digest>/} when there, else computed (one line per
     * file on {@code log}) and stored there. {@code cache} may be null (no cache).
     */
    public static RawRun rawScores(NabCorpus corpus, List<String> files, DetectorSettings settings, Path cache,
                                   PrintStream log) {
        Map<String, double[]> raw = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        Path dir = cache == null ? null : cache.resolve(settings.get("model") + "-" + settings.rawScoreDigest());
        long t0 = System.nanoTime();
        int computed = 0;
        int i = 0;
        for (String name : files) {
            i++;
            NabSeries s = corpus.series(name);
            Path file = dir == null ? null : dir.resolve(name.replace('/', '_') + ".raw");
            double[] r = file != null && Files.isRegularFile(file) ? read(file, s.size()) : null;
            if (r == null) {
                long f0 = System.nanoTime();
                ModelScorer scorer = new ModelScorer(settings, s.probationRows());
                r = scorer.scoreAll(s.timestamps(), s.values());
                computed++;
                String note = String.format(Locale.ROOT, "%s; train %.1f s, score %.1f s", scorer.describe(),
                        scorer.trainSeconds(), scorer.scoreSeconds());
                notes.put(name, note);
                if (file != null) {
                    write(dir, file, r, settings);
                }
                if (log != null) {
                    log.printf(Locale.ROOT, "[%2d/%d] %-58s %6d rows %6.1f s  %s%n", i, files.size(), name, s.size(),
                            (System.nanoTime() - f0) / 1e9, note);
                }
            }
            raw.put(name, r);
        }
        return new RawRun(raw, notes, (System.nanoTime() - t0) / 1e9, computed);
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
