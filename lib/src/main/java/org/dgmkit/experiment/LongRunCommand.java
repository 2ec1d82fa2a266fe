package org.dgmkit.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.UsageException;
import org.dgmkit.model.nn.HalfBatch;

/**
 * {@code kit long-run}: the hours-long training runs whose per-epoch logs are committed under
 * {@code notebooks/results/} for the notebooks to plot. Resumable: run the same command again after a stop.
 *
 * <pre>
 * long-run semi --model adgm|sdgm|m2 [--epochs 300] [--target 2.0] [--aux-samples 1] [--test-samples 100]
 *               [--lr 3e-4] [--out notebooks/results/02-long-run.csv] [--checkpoints out/models]
 * </pre>
 *
 * Run it at low priority ({@code nice -n 19}); on a machine busy with other work, {@code -Ddgmkit.halfBatch=off}
 * (through {@code DGMKIT_JAVA_OPTS}) keeps one training thread per run.
 */
public final class LongRunCommand {
    static final String USAGE = "long-run semi --model adgm|sdgm|m2 [--epochs N] [--target PERCENT] "
            + "[--aux-samples N] [--test-samples N] [--lr RATE] [--out FILE] [--checkpoints DIR]  |  "
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
        String model = null;
        Integer epochs = null;
        Double target = null;
        Integer aux = null;
        Integer testSamples = null;
        Double lr = null;
        Path out = Path.of("notebooks", "results", "02-long-run.csv");
        Path checkpoints = Path.of("out", "models");
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException("long-run: " + flag + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            try {
                switch (flag) {
                    case "--model" -> model = v;
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--target" -> target = Double.parseDouble(v);
                    case "--aux-samples" -> aux = Integer.parseInt(v);
                    case "--test-samples" -> testSamples = Integer.parseInt(v);
                    case "--lr" -> lr = Double.parseDouble(v);
                    case "--out" -> out = Path.of(v);
                    case "--checkpoints" -> checkpoints = Path.of(v);
                    default -> throw new UsageException("long-run: unknown argument '" + flag + "'; usage: " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("long-run: " + flag + " " + v + ": expected a number");
            }
        }
        if (model == null) {
            throw new UsageException("long-run: --model is required; usage: " + USAGE);
        }
        SemiSupervisedLongRun.Settings s;
        try {
            s = SemiSupervisedLongRun.Settings.defaults(model);
            s = epochs == null ? s : s.withMaxEpochs(epochs);
            s = target == null ? s : s.withTargetError(target);
            s = aux == null ? s : s.withAuxSamples(aux);
            s = testSamples == null ? s : s.withTestSamples(testSamples);
            s = lr == null ? s : s.withLearningRate(lr);
        } catch (IllegalArgumentException e) {
            throw new UsageException("long-run: " + e.getMessage());
        }
        SemiSupervisedLongRun.run(s, out, checkpoints, provenance(), System.out);
        return 0;
    }

    /** {@code long-run ladder}: the Ladder VAE on its paper's protocol ({@link LadderLongRun}). */
    private static int ladder(List<String> args) {
        Integer layers = null;
        int epochs = 200;
        int warmup = 200;
        int every = 10;
        int curveK = 100;
        int finalK = 5000;
        Path out = Path.of("notebooks", "results", "04-long-run.csv");
        Path checkpoints = Path.of("out", "models");
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException("long-run: " + flag + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            try {
                switch (flag) {
                    case "--layers" -> layers = Integer.parseInt(v);
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--eval-every" -> every = Integer.parseInt(v);
                    case "--curve-k" -> curveK = Integer.parseInt(v);
                    case "--final-k" -> finalK = Integer.parseInt(v);
                    case "--out" -> out = Path.of(v);
                    case "--checkpoints" -> checkpoints = Path.of(v);
                    default -> throw new UsageException("long-run: unknown argument '" + flag + "'; usage: " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("long-run: " + flag + " " + v + ": expected a number");
            }
        }
        if (layers == null) {
            throw new UsageException("long-run ladder: --layers is required; usage: " + USAGE);
        }
        LadderLongRun.Settings s;
        try {
            s = LadderLongRun.Settings.paper(layers, epochs).withWarmupEpochs(warmup)
                    .withEvaluation(every, 1000, curveK, finalK);
        } catch (IllegalArgumentException e) {
            throw new UsageException("long-run: " + e.getMessage());
        }
        LadderLongRun.run(s, out, checkpoints, provenance(), System.out);
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
