package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.cli.KitException;
import java.util.Set;
import org.dgmkit.cli.Flags;
import org.dgmkit.data.kpi.Kpi;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.experiment.LongRunFile;
import org.dgmkit.score.nab.NabResult;
import org.dgmkit.score.nab.NabScoreCommand;
import org.dgmkit.score.nab.NabScorer;

/**
 * {@code kit select}: the {@link SelectionProtocol}'s run. Scores every declared candidate and every baseline on NAB
 * and the KPI selection rows, chooses per fold and overall, and writes {@code <out>/09-selection.csv} (per detector:
 * the objective over all folds and per fold, its parts, which folds chose it; the out-of-fold figures). With
 * {@code --report}, the chosen candidate, the chosen settings with the kit's other models and without the model (and,
 * when the chosen detector refits, without refits: see {@link #REFIT_KEYS}; when it is multi-scale, on each of its
 * spans alone) and the baselines are also run over the KPI test parts (train then test streamed) and
 * {@code <out>/09-detectors.csv} gets, per detector, NAB's three profiles over all 58 files, the KPI official F1 at
 * the threshold carried over from the selection rows, the best F1 and the mean AP on the test rows, and wall times.
 * {@code --models} names the other models the report runs with the chosen settings ({@code none}: only the chosen
 * model: each other model costs minutes without refits, an hour or more with them, when nothing is cached).
 *
 * <pre>
 * select [--report] [--models auxvae,sdgm,lvae|none] [--threads N] [--out notebooks/results] [--cache DIR | --no-cache]
 * </pre>
 */
public final class SelectCommand {
    static final String USAGE = "select [--report] [--models auxvae,sdgm,lvae|none] [--threads N] [--out DIR] "
            + "[--cache DIR | --no-cache]";
    /** Columns of {@code 09-selection.csv}. */
    public static final List<String> SELECTION_COLUMNS = List.of("model", "candidate", "j", "nab_standard",
            "kpi_best_f1", "kpi_ap", "j_fold0", "j_fold1", "j_fold2", "j_fold3", "j_fold4", "chosen_for_folds",
            "chosen", "seconds");
    /** Columns of {@code 09-detectors.csv}. */
    public static final List<String> DETECTOR_COLUMNS = List.of("model", "baseline", "nab_standard", "nab_low_fp",
            "nab_low_fn", "kpi_test_f1_carried", "kpi_test_f1_best", "kpi_threshold", "kpi_test_ap",
            "selection_seconds", "test_seconds");

    /** The kit's other models reported with the chosen settings. */
    static final List<String> REPORTED_MODELS = List.of("auxvae", "sdgm", "lvae");
    /**
     * Settings left at their defaults for the other models when the chosen detector refits: a refit every 2 000 rows
     * of the 5.9 M KPI rows costs one to two hours per model on 2 cores (the VAE's own run ~1 h), so the other models
     * are reported without refits, beside the chosen detector without refits (which shows what refits add).
     */
    static final String[] REFIT_KEYS = {"refitEvery", "refitRows", "refitEpochs"};

    private SelectCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        Flags f = Flags.parse("select", args, Set.of("--threads", "--out", "--cache", "--models"), Set.of("--report",
                "--no-cache"), USAGE);
        boolean report = f.has("--report");
        List<String> otherModels = reportedModels(f.get("--models", String.join(",", REPORTED_MODELS)));
        int threads = f.getInt("--threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1);
        Path dir = Path.of(f.get("--out", "notebooks/results"));
        Path cache = f.has("--no-cache") ? null : Path.of(f.get("--cache", "out/cache/nab-detect"));
        if (SelectionProtocol.CANDIDATES.isEmpty()) {
            throw new KitException("select: no candidates are declared in SelectionProtocol.CANDIDATES");
        }
        NabCorpus nab = NabScoreCommand.corpus(null);
        KpiCorpus kpi = Kpi.corpus();
        List<ProtocolScores> candidates = new ArrayList<>();
        for (SelectionProtocol.Candidate c : SelectionProtocol.CANDIDATES) {
            out.printf("== candidate %s: %s %s%n", c.name(), c.model(), c.settings());
            candidates.add(ProtocolScores.of(c.name(), c.detectorSettings(), nab, kpi, cache, out, threads));
        }
        List<ProtocolScores> baselines = new ArrayList<>();
        DetectorSettings base = DetectorSettings.numentaTuned("vae");
        for (String b : Detectors.BASELINES) {
            out.printf("== baseline %s%n", b);
            baselines.add(ProtocolScores.of(b, base, nab, kpi, cache, out, threads));
        }
        SelectionRun run = SelectionRun.of(candidates, nab, kpi);
        String provenance = String.format(Locale.ROOT, "run %s, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                org.dgmkit.experiment.LongRunCommand.provenance());
        writeSelection(dir.resolve("09-selection.csv"), run, baselines, nab, kpi, provenance);
        SelectionRun.OutOfFold o = run.outOfFold();
        ProtocolScores chosen = candidates.get(run.chosen());
        out.printf(Locale.ROOT, "chosen: %s (J %.4f over all folds); folds chose %s%n", chosen.detector(),
                run.objectives().get(run.chosen()).j(), java.util.Arrays.toString(run.foldChoice()));
        out.printf(Locale.ROOT, "RESULT select out-of-fold nab=%.2f/%.2f/%.2f kpi_f1=%.4f kpi_ap=%.4f J=%.4f%n",
                o.nabStandard(), o.nabLowFp(), o.nabLowFn(), o.kpiBestF1(), o.kpiMeanAp(), o.j());
        if (report) {
            List<ProtocolScores> reported = new ArrayList<>(List.of(chosen));
            // the chosen settings with the kit's other models, and without the model (its signals turned off)
            DetectorSettings others = chosen.settings();
            String otherSuffix = "";
            if (others.getInt("refitEvery") > 0) {
                others = others.withDefaults(REFIT_KEYS);
                otherSuffix = " without refits";
                out.println("== the chosen settings without refits");
                reported.add(ProtocolScores.of(chosen.detector() + " without refits", others, nab, kpi, cache, out,
                        threads));
            }
            for (String m : otherModels) {
                out.printf("== the chosen settings with %s%s%n", m, otherSuffix);
                reported.add(ProtocolScores.of(chosen.detector() + " (" + m + otherSuffix + ")",
                        others.with("model", m), nab, kpi, cache, out, threads));
            }
            for (var one : oneSpanVariants(chosen.settings()).entrySet()) {
                out.println("== the chosen settings " + one.getKey());
                reported.add(ProtocolScores.of(chosen.detector() + " " + one.getKey(), one.getValue(), nab, kpi,
                        cache, out, threads));
            }
            if (chosen.settings().signalPost()) {
                out.println("== the chosen settings without the model");
                reported.add(ProtocolScores.of(chosen.detector() + " without the model", chosen.settings()
                        .with("signals", "value,diff"), nab, kpi, cache, out, threads));
            }
            reported.addAll(baselines);
            writeDetectors(dir.resolve("09-detectors.csv"), reported, nab, kpi, cache, out, threads, provenance);
        }
        return 0;
    }

    /**
     * For a multi-scale detector ({@code ensembleSpans} with several spans), the same settings with the model on one
     * span only, by name ("on span rows:12 only"): what the other spans add. Their raw scores are the multi-scale
     * run's members', so they come from the cache. Empty for a detector on one span.
     */
    static Map<String, DetectorSettings> oneSpanVariants(DetectorSettings settings) {
        Map<String, DetectorSettings> out = new LinkedHashMap<>();
        List<String> spans = settings.ensembleSpans();
        if (spans.size() > 1) {
            for (String span : spans) {
                out.put("on span " + span + " only", settings.with("ensembleSpans", "").with("span", span));
            }
        }
        return out;
    }

    /** The report's other models: a comma-separated list of catalogue models, or {@code none}. */
    static List<String> reportedModels(String list) {
        if (list.trim().equals("none")) {
            return List.of();
        }
        List<String> models = java.util.Arrays.stream(list.split(",")).map(String::trim).toList();
        for (String m : models) {
            DetectorSettings.numentaTuned(m); // fails naming the known models
        }
        return models;
    }

    private static void writeSelection(Path file, SelectionRun run, List<ProtocolScores> baselines, NabCorpus nab,
                                       KpiCorpus kpi, String provenance) {
        List<LongRunFile.Row> rows = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        comments.add("selection: the SelectionProtocol's run over NAB (58 files) and the KPI selection rows; " + provenance);
        List<ProtocolScores> all = new ArrayList<>(run.candidates());
        all.addAll(baselines);
        for (int i = 0; i < all.size(); i++) {
            ProtocolScores p = all.get(i);
            boolean candidate = i < run.candidates().size();
            ProtocolScores.Objective j = p.objective(nab, kpi);
            double[] v = new double[SELECTION_COLUMNS.size() - 1];
            v[0] = candidate ? i : -1;
            v[1] = j.j();
            v[2] = j.nabStandard();
            v[3] = j.kpiBestF1();
            v[4] = j.kpiMeanAp();
            for (int f = 0; f < SelectionProtocol.FOLDS; f++) {
                v[5 + f] = p.objective(java.util.Set.of(f), nab, kpi).j();
            }
            int chosenFor = 0;
            for (int f = 0; f < SelectionProtocol.FOLDS; f++) {
                chosenFor += candidate && run.foldChoice()[f] == i ? 1 << f : 0;
            }
            v[10] = chosenFor;
            v[11] = candidate && run.chosen() == i ? 1 : 0;
            v[12] = Math.round(p.seconds());
            rows.add(new LongRunFile.Row(p.detector(), v));
            comments.add(p.detector() + ": " + (candidate ? "candidate " + i + ", settings " + p.settings().changes()
                    : "baseline"));
        }
        SelectionRun.OutOfFold o = run.outOfFold();
        comments.add(String.format(Locale.ROOT, "out-of-fold: NAB %.2f / %.2f / %.2f (standard / low FP / low FN), "
                + "KPI best F1 %.4f, AP %.4f, J %.4f; chosen_for_folds is a bit mask of the folds whose choice it "
                + "was", o.nabStandard(), o.nabLowFp(), o.nabLowFn(), o.kpiBestF1(), o.kpiMeanAp(), o.j()));
        new LongRunFile(comments, SELECTION_COLUMNS, rows).write(file);
    }

    private static void writeDetectors(Path file, List<ProtocolScores> reported, NabCorpus nab, KpiCorpus kpi,
                                       Path cache, PrintStream log, int threads, String provenance) {
        List<EvalSeries> full = KpiEvaluation.series(kpi, KpiEvaluation.Part.TEST);
        List<LongRunFile.Row> rows = new ArrayList<>();
        List<String> comments = new ArrayList<>(List.of("detectors: NAB all 58 files (optimised thresholds), KPI "
                + "test parts (train then test streamed, test rows judged; delay 7; threshold carried over from the "
                + "selection rows); " + provenance));
        for (ProtocolScores p : reported) {
            log.printf("== KPI test parts: %s%n", p.detector());
            long t0 = System.nanoTime();
            KpiEvaluation sel = KpiEvaluation.of(kpi, KpiEvaluation.Part.SELECTION, p.kpi(), Double.NaN);
            Map<String, double[]> test = Detectors.scores(Detectors.baseline(p.detector()) ? p.detector()
                    : p.settings().get("model"), p.settings(), full, cache, log, threads);
            KpiEvaluation t = KpiEvaluation.of(kpi, KpiEvaluation.Part.TEST, test, sel.bestThreshold());
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<NabResult> profiles = NabScorer.scoreAllProfiles(p.nab(), nab);
            rows.add(new LongRunFile.Row(p.detector(), new double[] {Detectors.baseline(p.detector()) ? 1 : 0,
                profiles.get(0).normalized(), profiles.get(1).normalized(), profiles.get(2).normalized(),
                t.carried().f1(), t.best().f1(), sel.bestThreshold(), t.meanAp(), Math.round(p.seconds()),
                Math.round(seconds)}));
            comments.add(p.detector() + ": settings " + p.settings().changes());
            log.printf(Locale.ROOT, "RESULT select detector=%s nab=%.2f/%.2f/%.2f kpi_test_f1=%.4f (best %.4f) "
                    + "ap=%.4f%n", p.detector(), profiles.get(0).normalized(), profiles.get(1).normalized(),
                    profiles.get(2).normalized(), t.carried().f1(), t.best().f1(), t.meanAp());
        }
        new LongRunFile(comments, DETECTOR_COLUMNS, rows).write(file);
    }
}
