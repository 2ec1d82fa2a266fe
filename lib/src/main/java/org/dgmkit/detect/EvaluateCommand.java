package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dgmkit.cli.Flags;
import org.dgmkit.data.kpi.Kpi;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.score.nab.NabScoreCommand;

/**
 * {@code kit evaluate}: one detector (a model with settings, or a baseline) on the data the {@link SelectionProtocol}
 * chooses on — NAB's 58 files and the KPI selection rows — with the protocol's objective and its parts, overall and
 * per fold. A figure from this command is exploratory unless the protocol's run produced it.
 *
 * <pre>
 * evaluate --detector vae|...|windowed-gaussian|spectral-residual|value-diff [--set KEY=VALUE]... [--threads N]
 *          [--cache DIR | --no-cache]
 * </pre>
 */
public final class EvaluateCommand {
    static final String USAGE = "evaluate --detector MODEL|" + String.join("|", Detectors.BASELINES)
            + " [--set KEY=VALUE]... [--threads N] [--cache DIR | --no-cache]";

    private EvaluateCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        Flags f = Flags.parse("evaluate", args, Set.of("--detector", "--set", "--threads", "--cache"),
                Set.of("--no-cache"), USAGE);
        String detector = f.required("--detector");
        Path cache = f.has("--no-cache") ? null : Path.of(f.get("--cache", "out/cache/nab-detect"));
        int threads = f.getInt("--threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1);
        DetectorSettings settings = CommandSettings.of("evaluate", detector, f.all("--set"));
        NabCorpus nab = NabScoreCommand.corpus(null);
        KpiCorpus kpi = Kpi.corpus();
        out.printf("evaluate: %s, settings: %s%n", detector, settings.changes());
        ProtocolScores p = ProtocolScores.of(detector, settings, nab, kpi, cache, out, threads);
        ProtocolScores.Objective all = p.objective(nab, kpi);
        for (int fold = 0; fold < SelectionProtocol.FOLDS; fold++) {
            ProtocolScores.Objective o = p.objective(Set.of(fold), nab, kpi);
            out.printf(Locale.ROOT, "fold %d: NAB %.2f  KPI F1 %.4f  AP %.4f  J %.4f%n", fold, o.nabStandard(),
                    o.kpiBestF1(), o.kpiMeanAp(), o.j());
        }
        var profiles = org.dgmkit.score.nab.NabScorer.scoreAllProfiles(p.nab(), nab);
        out.printf(Locale.ROOT, "RESULT evaluate detector=%s nab=%.2f/%.2f/%.2f kpi_f1=%.4f kpi_ap=%.4f J=%.4f "
                        + "seconds=%.0f settings=%s%n", detector, profiles.get(0).normalized(),
                profiles.get(1).normalized(), profiles.get(2).normalized(), all.kpiBestF1(), all.kpiMeanAp(), all.j(),
                p.seconds(), settings.changes().replace(' ', ';'));
        return 0;
    }
}
