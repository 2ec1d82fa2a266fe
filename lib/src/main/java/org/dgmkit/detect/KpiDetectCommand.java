package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dgmkit.cli.Flags;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.kpi.Kpi;
import org.dgmkit.data.kpi.KpiCorpus;

/**
 * {@code kit kpi-detect}: the kit's streaming detector on the KPI corpus of the 2018 AIOps challenge, judged by the
 * challenge's metric ({@link KpiEvaluation}) under the {@link SelectionProtocol}: the selection rows (each KPI's
 * train part, first {@link SelectionProtocol#KPI_SELECTION_ROWS} rows) give the best F1 and its threshold; with
 * {@code --part test} the whole corpus is streamed (train then test) and the test rows give the official F1 at the
 * threshold carried over from the selection rows, the best F1 over thresholds and the mean AP.
 *
 * <pre>
 * kpi-detect --model vae|auxvae|sdgm|auxvae2|sdgm2|lvae [--part selection|test] [--set KEY=VALUE]...
 *            [--cache DIR | --no-cache] [--threads N]
 * </pre>
 *
 * The baselines ({@link Detectors#BASELINES}) are judged the same way beside the model ({@code --no-baselines}:
 * not). Ends with {@code RESULT kpi-detect model=M part=P f1_best=... threshold=... f1_carried=... ap=...}.
 */
public final class KpiDetectCommand {
    static final String USAGE = "kpi-detect --model vae|auxvae|sdgm|auxvae2|sdgm2|lvae|"
            + String.join("|", Detectors.BASELINES) + " [--part selection|test] [--set KEY=VALUE]... "
            + "[--cache DIR | --no-cache] [--no-baselines] [--threads N]";

    private KpiDetectCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        Flags f = Flags.parse("kpi-detect", args, Set.of("--model", "--part", "--set", "--cache", "--threads"),
                Set.of("--no-cache", "--no-baselines"), USAGE);
        String model = f.required("--model");
        String part = f.get("--part", "selection");
        Path cache = f.has("--no-cache") ? null : Path.of(f.get("--cache", "out/cache/nab-detect"));
        int threads = f.getInt("--threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1);
        boolean baselines = !f.has("--no-baselines");
        if (!part.equals("selection") && !part.equals("test")) {
            throw new UsageException("kpi-detect: --part " + part + ": expected selection or test");
        }
        DetectorSettings settings = CommandSettings.of("kpi-detect", model, f.all("--set"));
        KpiCorpus corpus = Kpi.corpus();
        out.printf("kpi-detect: model %s on the KPI corpus (%d series), settings: %s%n", model, corpus.ids().size(),
                settings.changes());
        long t0 = System.nanoTime();
        List<String> detectors = new ArrayList<>(List.of(model));
        if (baselines) {
            for (String b : Detectors.BASELINES) {
                if (!b.equals(detectors.get(0))) {
                    detectors.add(b);
                }
            }
        }
        List<EvalSeries> selection = KpiEvaluation.series(corpus, KpiEvaluation.Part.SELECTION);
        List<EvalSeries> full = part.equals("test") ? KpiEvaluation.series(corpus, KpiEvaluation.Part.TEST) : null;
        List<String> lines = new ArrayList<>();
        for (String d : detectors) {
            long d0 = System.nanoTime();
            KpiEvaluation s = KpiEvaluation.of(corpus, KpiEvaluation.Part.SELECTION,
                    Detectors.scores(d, settings, selection, cache, out, threads), Double.NaN);
            lines.add(line(d, "selection", s));
            if (full != null) {
                KpiEvaluation t = KpiEvaluation.of(corpus, KpiEvaluation.Part.TEST,
                        Detectors.scores(d, settings, full, cache, out, threads), s.bestThreshold());
                lines.add(line(d, "test", t));
            }
            out.printf(Locale.ROOT, "%s: %.1f s%n", d, (System.nanoTime() - d0) / 1e9);
        }
        lines.forEach(out::println);
        out.printf(Locale.ROOT, "wall %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String line(String model, String part, KpiEvaluation e) {
        return String.format(Locale.ROOT, "RESULT kpi-detect model=%s part=%s f1_best=%.4f threshold=%.6g "
                        + "precision=%.4f recall=%.4f f1_carried=%s ap=%.4f", model, part, e.best().f1(),
                e.bestThreshold(), e.best().precision(), e.best().recall(),
                e.carried() == null ? "NaN" : String.format(Locale.ROOT, "%.4f", e.carried().f1()), e.meanAp());
    }
}
