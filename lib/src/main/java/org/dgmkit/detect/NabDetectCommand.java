package org.dgmkit.detect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.score.nab.NabScoreCommand;

/**
 * {@code kit nab-detect}: runs the kit's streaming detector with one of its models on NAB files, writes a results
 * folder in NAB's layout ({@code DIR/<category>/<detector>_<file>.csv} with {@code timestamp,value,anomaly_score,label},
 * plus {@code detector.json}: settings, tuning split, scores) and prints the NAB scores.
 *
 * <pre>
 * nab-detect --model vae|auxvae|sdgm|auxvae2|sdgm2|lvae [--files all|artificial|tuning|heldout|CATEGORY]
 *            [--out DIR] [--set KEY=VALUE]... [--cache DIR | --no-cache] [--threads N] [--nab ROOT]
 * </pre>
 *
 * Files are trained {@code --threads} at a time (default: 2, or 1 on one core); the numbers do not depend on it.
 *
 * After the model's scores, a scoreboard puts it beside the baselines ({@link Detectors#BASELINES}) on the same
 * files ({@code --no-baselines}: not), and NAB's published board when all files were scored. A baseline's name as
 * {@code --model} runs that baseline alone.
 *
 * Ends with {@code RESULT nab-detect model=M profile=P normalized=S} for the three profiles (NAB's optimised
 * threshold over the files scored), then the same per split ({@code split=tuning}, {@code heldout-carried},
 * {@code heldout-optimised}, {@code all-carried}).
 */
public final class NabDetectCommand {
    static final String USAGE = "nab-detect --model vae|auxvae|sdgm|auxvae2|sdgm2|lvae|" + String.join("|", Detectors.BASELINES) + " "
            + "[--files all|artificial|tuning|heldout|CATEGORY] [--out DIR] [--set KEY=VALUE]... "
            + "[--cache DIR | --no-cache] [--no-baselines] [--threads N] [--nab ROOT]";

    private NabDetectCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        String model = null;
        String files = "all";
        String outDir = null;
        String nab = null;
        Path cache = Path.of("out", "cache", "nab-detect");
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        List<String> sets = new ArrayList<>();
        boolean baselines = true;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--no-cache")) {
                cache = null;
                continue;
            }
            if (flag.equals("--no-baselines")) {
                baselines = false;
                continue;
            }
            if (!List.of("--model", "--files", "--out", "--set", "--cache", "--nab", "--threads").contains(flag)) {
                throw new UsageException("nab-detect: unknown argument '" + flag + "'; usage: " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("nab-detect: " + flag + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            switch (flag) {
                case "--model" -> model = v;
                case "--files" -> files = v;
                case "--out" -> outDir = v;
                case "--set" -> sets.add(v);
                case "--cache" -> cache = Path.of(v);
                case "--nab" -> nab = v;
                case "--threads" -> threads = threads(v);
                default -> throw new UsageException("nab-detect: unknown flag " + flag);
            }
        }
        if (model == null) {
            throw new UsageException("nab-detect: --model is required; usage: " + USAGE);
        }
        DetectorSettings settings;
        try {
            settings = DetectorSettings.forModel(Detectors.baseline(model) ? "vae" : model)
                    .withAll(sets.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new UsageException("nab-detect: " + e.getMessage());
        }
        NabCorpus corpus = NabScoreCommand.corpus(nab);
        List<String> names;
        try {
            names = NabDetection.files(corpus, files);
        } catch (IllegalArgumentException e) {
            throw new UsageException("nab-detect: " + e.getMessage());
        }
        String detector = "dgmkit_" + model;
        Path dir = outDir != null ? Path.of(outDir) : Path.of("out", "nab-results", detector);
        detector = dir.toAbsolutePath().normalize().getFileName().toString();
        out.printf("nab-detect: model %s on %d NAB files (%s), settings: %s%n", model, names.size(), files,
                settings.changes());
        out.println("tuning split: " + String.join(", ", NabDetection.TUNING_CATEGORIES) + "; held out: the rest");
        List<EvalSeries> series = names.stream().map(n -> EvalSeries.of(corpus.series(n))).toList();
        Map<String, double[]> scores;
        String note;
        Map<String, String> notes = Map.of();
        if (Detectors.baseline(model)) {
            long t0 = System.nanoTime();
            scores = Detectors.scores(model, settings, series, null, out, threads);
            note = String.format(Locale.ROOT, "baseline %s: %.1f s", model, (System.nanoTime() - t0) / 1e9);
        } else {
            NabDetection.RawRun raw = NabDetection.rawScores(corpus, names, settings, cache, out, threads);
            scores = NabDetection.anomalyScores(corpus, raw, settings);
            notes = raw.notes();
            note = String.format(Locale.ROOT, "raw scores: %d files computed, %d from the cache, %.1f s",
                    raw.computed(), names.size() - raw.computed(), raw.seconds());
        }
        NabEvaluation eval = NabEvaluation.of(corpus, scores);
        NabDetection.writeResults(dir, detector, corpus, scores, settings, eval, notes);
        out.println();
        out.println(org.dgmkit.plot.ReadableNumbers.of(eval.table()).printAll());
        if (baselines) {
            Map<String, NabEvaluation> board = new java.util.LinkedHashMap<>();
            board.put(model, eval);
            for (String b : Detectors.BASELINES) {
                if (!b.equals(model)) {
                    board.put(b + " (baseline)", NabEvaluation.of(corpus, Detectors.scores(b, settings, series, null,
                            out, threads)));
                }
            }
            out.println(org.dgmkit.plot.ReadableNumbers.of(Scoreboard.of(corpus, board, names, null,
                    names.size() == corpus.names().size())).printAll());
        }
        out.printf(Locale.ROOT, "%s; results in %s%n", note, dir.toAbsolutePath().normalize());
        for (String line : eval.resultLines(model)) {
            out.println(line);
        }
        return 0;
    }

    private static int threads(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException("nab-detect: --threads " + v + ": expected a positive number");
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
