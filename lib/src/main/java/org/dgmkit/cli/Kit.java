package org.dgmkit.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Command-line entry point behind the {@code ./kit} launcher. Each command lives in its own class;
 * this one only dispatches and maps errors to exit codes (2 for usage, 1 for failures).
 */
public final class Kit {

    static final String USAGE = """
            usage: ./kit <command> [options]

            commands:
              run [--quick | --profile NAME] [--engine jshell|jupyter] [-p NAME VALUE]... [--out DIR] [--heap SIZE]
                  [--log-output] [NOTEBOOK...]
                                 execute notebooks (default: notebooks/*.ipynb in name order), writing
                                 out/notebooks/, out/figures/<notebook>/ and out/tables/ (--quick: small data
                                 from notebooks/quick.properties; --profile paper: notebooks/paper.properties;
                                 --out moves out/;
                                 --heap sets the notebook JVM's -Xmx, default 8g; --log-output echoes cells)
              fetch [mnist|nab|fashion-mnist|kpi|all]
                                 download and verify datasets into the cache (default: all)
              install-kernel [--zip PATH] [--heap SIZE]
                                 install the IJava 1.3.0 kernel into the Jupyter on PATH
              bench train --model vae|auxvae|adgm|sdgm|lvae [--batch N] [--seconds S] [--halves on|off] [--dl4j]
              bench eval [--model vae|auxvae|lvae] [--images N] [--k K] [--batch B]
              bench score [--images N] [--samples L] [--nab-samples L] [--nab-csv FILE]
                                 training and scoring benchmarks (last line: RESULT ...)
              nab-score --results DIR [--profile NAME] [--threshold T | --thresholds FILE | --optimize]
                        [--nab ROOT] [--subset all|artificial] [--detector NAME]
                                 score a detector's results folder with NAB's scorer (thresholds: NAB's
                                 published ones for a listed detector, else optimised over the files)
              nab-detect --model vae|auxvae|sdgm|auxvae2|sdgm2|lvae [--files all|artificial|tuning|heldout|CATEGORY]
                         [--out DIR] [--set KEY=VALUE]... [--cache DIR | --no-cache] [--threads N] [--nab ROOT]
                                 run the streaming detector on NAB files, write a results folder in NAB's
                                 layout (default out/nab-results/dgmkit_<model>), print its NAB scores
              detect --csv FILE|DIR|GLOB|- [--csv ...] [--out FILE.csv|DIR|-] [--model M] [--probation ROWS]
                     [--threshold T] [--time-column C] [--value-column C] [--label-column C]
                     [--time-format space|iso|date|unix-s|unix-ms] [--missing skip|carry|fail] [--strict-time]
                     [--delay N] [--threads N] [--set KEY=VALUE]...
                                 score your own series (files, a folder, a glob, or live standard input):
                                 per-row scores, alarms, plots, summary, label metrics (default --out out/detect)
              kpi-detect --model M [--part selection|test] [--set KEY=VALUE]... [--cache DIR | --no-cache]
                         [--threads N]
                                 the streaming detector on the KPI corpus (AIOps 2018), the challenge's F1
                                 (delay 7) and AP under the selection protocol
              evaluate --detector MODEL|windowed-gaussian|spectral-residual|value-diff [--set KEY=VALUE]...
                                 one detector on NAB and the KPI selection rows: the selection protocol's
                                 objective and its parts, per fold (exploratory)
              select [--report] [--models auxvae,sdgm,lvae|none] [--threads N] [--out DIR]
                                 the detector-selection protocol: every candidate and baseline on NAB and the
                                 KPI selection rows, per-fold and overall choice (notebooks/results/09-*.csv)
              long-run semi --model adgm|sdgm|m2 [--epochs N] [--target PERCENT] [--aux-samples N]
                            [--test-samples N] [--lr RATE] [--out FILE] [--checkpoints DIR]
                                 hours-long resumable training, its per-epoch log written to
                                 notebooks/results/02-long-run.csv (run it with nice -n 19)
              --help             this text

            environment: DGMKIT_MIRROR (local dataset mirror), DGMKIT_DATA (dataset cache folder)
            """;

    private Kit() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    /** Runs one command and returns its exit code. */
    public static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            System.out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "run" -> org.dgmkit.notebook.RunCommand.run(rest);
                case "fetch" -> org.dgmkit.data.FetchCommand.run(rest);
                case "bench" -> bench(rest);
                case "nab-score" -> org.dgmkit.score.nab.NabScoreCommand.run(rest);
                case "nab-detect" -> org.dgmkit.detect.NabDetectCommand.run(rest);
                case "detect" -> org.dgmkit.detect.DetectCommand.run(rest);
                case "long-run" -> org.dgmkit.experiment.LongRunCommand.run(rest);
                case "kpi-detect" -> org.dgmkit.detect.KpiDetectCommand.run(rest);
                case "evaluate" -> org.dgmkit.detect.EvaluateCommand.run(rest);
                case "select" -> org.dgmkit.detect.SelectCommand.run(rest);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            System.err.println("kit: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (KitException e) {
            System.err.println("kit " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private static int bench(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("bench needs 'train', 'eval' or 'score'");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "train" -> org.dgmkit.model.bench.TrainBenchmark.run(rest);
            case "eval" -> org.dgmkit.model.bench.EvalBenchmark.run(rest);
            case "score" -> org.dgmkit.score.bench.ScoreBenchmark.run(rest);
            default -> throw new UsageException("unknown benchmark '" + args.get(0) + "'");
        };
    }
}
