package org.dgmkit.detect;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
     * ensemble, the most of any member). {@code raw}: the (combined) raw scores; {@code members}: each member's raw
     * scores, in member order (one for a single model), which an ensemble at likelihood level post-processes.
     */
    public record RawRun(Map<String, double[]> raw, Map<String, String> notes, double seconds, int computed,
                         Map<String, List<double[]>> members) {
        /** A single model's run: its raw scores are its only member's. */
        public RawRun(Map<String, double[]> raw, Map<String, String> notes, double seconds, int computed) {
            this(raw, notes, seconds, computed, singles(raw));
        }

        private static Map<String, List<double[]>> singles(Map<String, double[]> raw) {
            Map<String, List<double[]>> out = new TreeMap<>();
            raw.forEach((k, v) -> out.put(k, List.of(v)));
            return out;
        }
    }

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
        return rawScores(files.stream().map(n -> EvalSeries.of(corpus.series(n))).toList(), settings, cache, log,
                threads);
    }

    /**
     * Raw scores of any corpus's series (NAB files, KPI series), cached as for NAB: {@code threads} series at a time;
     * an ensemble's members one after the other, each cached as its single model, then combined.
     */
    public static RawRun rawScores(List<EvalSeries> series, DetectorSettings settings, Path cache, PrintStream log,
                                   int threads) {
        int m = EnsembleScorer.memberCount(settings);
        if (m == 1) {
            return RawScoreCache.memberRawScores(series, EnsembleScorer.memberSettings(settings, 0), cache, log,
                    threads);
        }
        List<String> files = series.stream().map(EvalSeries::name).toList();
        // an ensemble: each member's raw scores are cached as that single model's (seed + k), then combined
        List<RawRun> runs = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            DetectorSettings member = EnsembleScorer.memberSettings(settings, k);
            if (log != null) {
                log.printf("ensemble member %d/%d: %s span %s seed %s%n", k + 1, m, member.get("model"),
                        member.get("span"), member.get("seed"));
            }
            runs.add(RawScoreCache.memberRawScores(series, member, cache, log, threads));
        }
        Map<String, double[]> raw = new TreeMap<>();
        Map<String, List<double[]>> members = new TreeMap<>();
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
            members.put(name, List.copyOf(rows));
            if (!memberNotes.isEmpty()) {
                notes.put(name, "ensemble of " + m + ": " + String.join(" | ", memberNotes));
            }
        }
        return new RawRun(raw, notes, seconds, computed, members);
    }

    /**
     * Anomaly scores in [0, 1] from a run's raw scores, with the post-processing of {@code settings}: of the combined
     * raw scores, or for an ensemble at likelihood level of every member's.
     */
    public static Map<String, double[]> anomalyScores(NabCorpus corpus, RawRun run, DetectorSettings settings) {
        if (!settings.likelihoodLevel() || EnsembleScorer.memberCount(settings) == 1) {
            return anomalyScores(corpus, run.raw(), settings);
        }
        Map<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, List<double[]>> e : run.members().entrySet()) {
            NabSeries s = corpus.series(e.getKey());
            ScoreProcessor post = ModelDetector.postProcessor(settings, s.probationRows());
            if (post.members() != e.getValue().size()) {
                throw new IllegalArgumentException(e.getKey() + ": " + e.getValue().size()
                        + " members' raw scores, but the settings have " + post.members() + " members");
            }
            out.put(e.getKey(), post.apply(s.values(), e.getValue()));
        }
        return out;
    }

    /**
     * Anomaly scores in [0, 1] from (combined) raw scores, with the post-processing of {@code settings}; an
     * ensemble at likelihood level needs its members' raw scores: {@link #anomalyScores(NabCorpus, RawRun,
     * DetectorSettings)}.
     */
    public static Map<String, double[]> anomalyScores(NabCorpus corpus, Map<String, double[]> raw,
                                                      DetectorSettings settings) {
        if (settings.likelihoodLevel() && EnsembleScorer.memberCount(settings) > 1) {
            throw new IllegalArgumentException("ensembleLevel=likelihood post-processes each member's raw scores: "
                    + "pass the RawRun, not its combined raw scores");
        }
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
