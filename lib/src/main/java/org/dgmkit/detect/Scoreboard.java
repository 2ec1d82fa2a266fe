package org.dgmkit.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabProfile;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.data.nab.NabWindow;
import org.dgmkit.score.nab.NabResult;
import org.dgmkit.score.nab.NabResultsFolder;
import org.dgmkit.score.nab.NabScorer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables that put the kit's detectors beside NAB's: the scoreboard, scores per category, and the files a detector
 * misses. Published figures are NAB's README scoreboard (v1.0, whole corpus); detectors whose results folders are
 * at hand (numenta, random) are scored by the kit's scorer on the same files.
 */
public final class Scoreboard {
    /** NAB's README scoreboard: name, standard, low FP, low FN. */
    public static final List<Object[]> PUBLISHED = List.of(
            new Object[] {"ARTime (NAB scoreboard)", 74.9, 65.1, 80.4},
            new Object[] {"Numenta HTM (NAB scoreboard; 70.5-69.7 over seeds)", 70.1, 63.1, 74.3},
            new Object[] {"CAD OSE (NAB scoreboard)", 69.9, 67.0, 73.2},
            new Object[] {"Windowed Gaussian (NAB scoreboard)", 39.6, 20.9, 47.4},
            new Object[] {"random, mean over seeds (NAB scoreboard)", 11.0, 1.2, 19.5});

    private Scoreboard() {
    }

    /**
     * The scoreboard: the kit's detectors (the files scored, NAB's optimised threshold; held-out files with the
     * threshold carried over from the tuning split), published detectors' results folders under {@code published}
     * (e.g. {@code shared/data/nab/results}: numenta, random; null or missing: left out) scored the same way on the
     * same {@code files}, then (when {@code withNabBoard}) NAB's published figures, which are for the whole corpus.
     */
    public static Table of(NabCorpus corpus, Map<String, NabEvaluation> ours, List<String> files, Path published,
                           boolean withNabBoard) {
        StringColumn det = StringColumn.create("detector");
        DoubleColumn std = DoubleColumn.create("standard");
        DoubleColumn fp = DoubleColumn.create("reward_low_FP_rate");
        DoubleColumn fn = DoubleColumn.create("reward_low_FN_rate");
        DoubleColumn hStd = DoubleColumn.create("held-out standard (carried over)");
        IntColumn count = IntColumn.create("files");
        Map<String, NabEvaluation> rows = new LinkedHashMap<>(ours);
        if (published != null) {
            for (String d : List.of("numenta", "random")) {
                Path dir = published.resolve(d);
                if (Files.isDirectory(dir)) {
                    // no comma in the label: CSV would quote it and a reader splitting on "," would see two fields
                    rows.put(d + " (published results scored by the kit)",
                            NabEvaluation.of(corpus, NabResultsFolder.read(dir, corpus, files, d)));
                }
            }
        }
        for (Map.Entry<String, NabEvaluation> e : rows.entrySet()) {
            det.append(e.getKey());
            std.append(e.getValue().profile("standard").allOptimised());
            fp.append(e.getValue().profile("reward_low_FP_rate").allOptimised());
            fn.append(e.getValue().profile("reward_low_FN_rate").allOptimised());
            hStd.append(e.getValue().profile("standard").heldOutCarried());
            count.append(e.getValue().profiles().get(0).files());
        }
        for (Object[] p : withNabBoard ? PUBLISHED : List.<Object[]>of()) {
            det.append((String) p[0]);
            std.append((double) p[1]);
            fp.append((double) p[2]);
            fn.append((double) p[3]);
            hStd.appendMissing();
            count.append(corpus.names().size());
        }
        return Table.create("NAB scoreboard", det, std, fp, fn, hStd, count);
    }

    /**
     * Standard-profile scores per category at one threshold (e.g. the one optimised on all files): NAB's per-file
     * scores summed and normalised over the category's files.
     */
    public static Table perCategory(NabCorpus corpus, Map<String, Map<String, double[]>> scoresByDetector,
                                    Map<String, Double> thresholds) {
        NabProfile p = corpus.profile("standard");
        StringColumn cat = StringColumn.create("category");
        Map<String, DoubleColumn> cols = new LinkedHashMap<>();
        for (String d : scoresByDetector.keySet()) {
            cols.put(d, DoubleColumn.create(d));
        }
        Map<String, List<String>> byCategory = new TreeMap<>();
        Map<String, double[]> any = scoresByDetector.values().iterator().next();
        for (String name : any.keySet()) {
            byCategory.computeIfAbsent(NabDetection.category(name), k -> new ArrayList<>()).add(name);
        }
        for (Map.Entry<String, List<String>> e : byCategory.entrySet()) {
            cat.append(e.getKey() + " (" + e.getValue().size() + ")");
            for (Map.Entry<String, Map<String, double[]>> d : scoresByDetector.entrySet()) {
                NabResult r = NabScorer.scoreAt(NabScorer.restrict(d.getValue(), e.getValue()), corpus, p,
                        thresholds.get(d.getKey()));
                cols.get(d.getKey()).append(e.getValue().stream().allMatch(n -> corpus.series(n).windows().isEmpty())
                        ? Double.NaN : r.normalized());
            }
        }
        Table t = Table.create("NAB standard score per category", cat);
        cols.values().forEach(t::addColumns);
        return t;
    }

    /**
     * What each post-processing part adds, measured by turning it off on the same raw scores: one row per variant
     * ({@code name -> "key=value;key=value"} applied on top of {@code settings}; "" = as is), with the three profiles
     * on all files (optimised) and the held-out standard score with the tuning threshold carried over.
     */
    public static Table ablations(NabCorpus corpus, Map<String, double[]> raw, DetectorSettings settings,
                                  Map<String, String> variants) {
        return ablations(corpus, new NabDetection.RawRun(raw, Map.of(), 0, 0), settings, variants);
    }

    /** As {@link #ablations(NabCorpus, Map, DetectorSettings, Map)} from a run (an ensemble at likelihood level too). */
    public static Table ablations(NabCorpus corpus, NabDetection.RawRun raw, DetectorSettings settings,
                                  Map<String, String> variants) {
        StringColumn name = StringColumn.create("variant");
        DoubleColumn std = DoubleColumn.create("standard");
        DoubleColumn fp = DoubleColumn.create("reward_low_FP_rate");
        DoubleColumn fn = DoubleColumn.create("reward_low_FN_rate");
        DoubleColumn tuning = DoubleColumn.create("tuning standard");
        DoubleColumn held = DoubleColumn.create("held-out standard (carried over)");
        for (Map.Entry<String, String> v : variants.entrySet()) {
            DetectorSettings s = v.getValue().isBlank() ? settings : settings.withAll(v.getValue().split(";"));
            NabEvaluation e = NabEvaluation.of(corpus, NabDetection.anomalyScores(corpus, raw, s));
            name.append(v.getKey());
            std.append(e.profile("standard").allOptimised());
            fp.append(e.profile("reward_low_FP_rate").allOptimised());
            fn.append(e.profile("reward_low_FN_rate").allOptimised());
            tuning.append(e.profile("standard").tuning());
            held.append(e.profile("standard").heldOutCarried());
        }
        return Table.create("Post-processing ablations (same raw scores)", name, std, fp, fn, tuning, held);
    }

    /**
     * The files where the detector scores worst at the threshold (standard profile): windows found and missed,
     * false-positive rows, NAB's per-file score; worst first, at most {@code limit}.
     */
    public static Table missed(NabCorpus corpus, Map<String, double[]> scores, double threshold, int limit) {
        NabResult r = NabScorer.scoreAt(scores, corpus, corpus.profile("standard"), threshold);
        StringColumn file = StringColumn.create("file");
        IntColumn windows = IntColumn.create("windows");
        IntColumn found = IntColumn.create("windows found");
        IntColumn fpRows = IntColumn.create("false-positive rows");
        DoubleColumn score = DoubleColumn.create("NAB score");
        List<org.dgmkit.score.nab.NabFileScore> files = new ArrayList<>(r.files());
        files.sort(java.util.Comparator.comparingDouble(org.dgmkit.score.nab.NabFileScore::score));
        for (var f : files.subList(0, Math.min(limit, files.size()))) {
            NabSeries s = corpus.series(f.file());
            double[] sc = scores.get(f.file());
            int hit = 0;
            for (NabWindow w : s.windows()) {
                for (int i = Math.max(w.firstRow(), s.probationRows()); i <= w.lastRow(); i++) {
                    if (sc[i] >= threshold) {
                        hit++;
                        break;
                    }
                }
            }
            file.append(f.file());
            windows.append(s.windows().size());
            found.append(hit);
            fpRows.append(f.fp());
            score.append(f.score());
        }
        return Table.create("Files the detector gets worst (standard profile, threshold " + threshold + ")", file,
                windows, found, fpRows, score);
    }
}
