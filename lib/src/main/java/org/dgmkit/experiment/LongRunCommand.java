package org.dgmkit.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dgmkit.cli.Flags;
import org.dgmkit.cli.UsageException;
import org.dgmkit.model.nn.HalfBatch;

/**
 * {@code kit long-run}: the hours-long training runs whose per-epoch logs are committed under
 * {@code notebooks/results/} for the notebooks to plot. Resumable: run the same command again after a stop.
 *
 * <pre>
 * long-run semi --model adgm|sdgm|m2 [--epochs 300] [--target 2.0] [--aux-samples 1] [--test-samples 100]
 *               [--lr 3e-4] [--lr-drop EPOCH:RATE] [--out notebooks/results/02-long-run.csv]
 *               [--checkpoints out/models]
 * </pre>
 *
 * {@code --lr-drop 35:2e-4} trains at {@code --lr} for 35 epochs and at 2e-4 after; it starts from the checkpoint of the
 * same run without the drop when that has at most 35 epochs (a branch: the first 35 epochs are not trained again).
 *
 * Run it at low priority ({@code nice -n 19}); on a machine busy with other work, {@code -Ddgmkit.halfBatch=off}
 * (through {@code DGMKIT_JAVA_OPTS}) keeps one training thread per run.
 */
public final class LongRunCommand {
    static final String USAGE = "long-run semi --model adgm|sdgm|m2 [--epochs N] [--target PERCENT] "
            + "[--aux-samples N] [--test-samples N] [--lr RATE] [--lr-drop EPOCH:RATE] [--out FILE] [--checkpoints DIR]  |  "
            + "long-run ladder --layers 1-5 [--epochs N] [--warmup N] [--eval-every N] [--curve-k K] [--final-k K] "
            + "[--out FILE] [--checkpoints DIR]";

    private LongRunCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("ladder")) {
            return ladder(args.subList(1, args.size()));
        }
        if (args.isEmpty() || !args.get(0).equals("semi")) {
            throw new UsageException("long-run: expected 'semi' or 'ladder'; usage: " + USAGE);
        }
        Flags f = Flags.parse("long-run semi", args.subList(1, args.size()), Set.of("--model", "--epochs", "--target",
                "--aux-samples", "--test-samples", "--lr", "--lr-drop", "--out", "--checkpoints"), Set.of(), USAGE);
        SemiSupervisedLongRun.Settings s;
        try {
            s = SemiSupervisedLongRun.Settings.defaults(f.required("--model"));
            s = s.withMaxEpochs(f.getInt("--epochs", s.maxEpochs(), 1))
                    .withTargetError(f.getDouble("--target", s.targetError()))
                    .withAuxSamples(f.getInt("--aux-samples", s.auxSamples(), 1))
                    .withTestSamples(f.getInt("--test-samples", s.testSamples(), 1))
                    .withLearningRate(f.getDouble("--lr", s.learningRate()));
            String drop = f.get("--lr-drop", null);
            if (drop != null) {
                String[] parts = drop.split(":", -1);
                String expected = "--lr-drop " + drop + ": expected EPOCH:RATE, e.g. 35:2e-4";
                if (parts.length != 2) {
                    throw new IllegalArgumentException(expected);
                }
                try {
                    s = s.withDrop(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expected, e);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("long-run: " + e.getMessage());
        }
        Path out = Path.of(f.get("--out", "notebooks/results/02-long-run.csv"));
        Path checkpoints = Path.of(f.get("--checkpoints", "out/models"));
        SemiSupervisedLongRun.run(s, out, checkpoints, provenance(), System.out);
        return 0;
    }

    /** {@code long-run ladder}: the Ladder VAE on its paper's protocol ({@link LadderLongRun}). */
    private static int ladder(List<String> args) {
        Flags f = Flags.parse("long-run ladder", args, Set.of("--layers", "--epochs", "--warmup", "--eval-every",
                "--curve-k", "--final-k", "--out", "--checkpoints"), Set.of(), USAGE);
        f.required("--layers");
        int layers = f.getInt("--layers", 0, 1);
        LadderLongRun.Settings s;
        try {
            s = LadderLongRun.Settings.paper(layers, f.getInt("--epochs", 200, 1))
                    .withWarmupEpochs(f.getInt("--warmup", 200, 0))
                    .withEvaluation(f.getInt("--eval-every", 10, 1), 1000, f.getInt("--curve-k", 100, 1),
                            f.getInt("--final-k", 5000, 1));
        } catch (IllegalArgumentException e) {
            throw new UsageException("long-run: " + e.getMessage());
        }
        LadderLongRun.run(s, Path.of(f.get("--out", "notebooks/results/04-long-run.csv")),
                Path.of(f.get("--checkpoints", "out/models")), provenance(), System.out);
        return 0;
    }

    /** Commit, machine and JVM, for the result file's provenance. */
    public static String provenance() {
        return String.format(Locale.ROOT, "commit %s, %s, %d cores, Java %s, halves %s", commit(), cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                HalfBatch.enabled() ? "on" : "off");
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !s.isEmpty() ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("cpu unknown");
        } catch (IOException | RuntimeException e) {
            return "cpu unknown";
        }
    }
}
