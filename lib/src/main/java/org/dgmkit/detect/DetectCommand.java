package org.dgmkit.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.series.MissingPolicy;
import org.dgmkit.data.series.SeriesCsvOptions;
import org.dgmkit.data.series.TimeFormat;
import tech.tablesaw.api.Table;

/**
 * {@code kit detect}: scores users' own series with the streaming detector: their CSV files as they are, one or many
 * at once, or rows arriving on standard input; with a label column, how well it did.
 *
 * <pre>
 * detect --csv FILE|DIR|GLOB|- [--csv ...] [--out FILE.csv|DIR|-] [--model M] [--probation ROWS] [--threshold T]
 *        [--time-column C] [--value-column C] [--label-column C] [--time-format F] [--missing skip|carry|fail]
 *        [--strict-time] [--delay N] [--threads N] [--set KEY=VALUE]...
 * </pre>
 *
 * Reading ({@link org.dgmkit.data.series.SeriesCsv}): the header is matched without regard to case; the time column is
 * the first named timestamp/time/date/datetime, the value column the first other numeric one (or {@code
 * --time-column} / {@code --value-column}: a name or a 1-based index); timestamps {@code yyyy-MM-dd HH:mm:ss},
 * ISO-8601, a date, Unix seconds or milliseconds, recognised from the first row ({@code --time-format
 * space|iso|date|unix-s|unix-ms} forces one). Missing values (blank, NaN, null, NA): {@code --missing skip} (default:
 * the row gets no score and no alarm and keeps its place), {@code carry} (the last value), {@code fail}. Repeated or
 * backward timestamps are scored in file order and counted; {@code --strict-time} refuses them. Rows before the
 * model's first fit (the end of the probationary period) score 0 and never alarm.
 *
 * <p>Outputs ({@link BatchDetection}, {@link LiveDetection}): per series {@code timestamp,value,anomaly_score,
 * raw_score,alarm[,label]} ({@link ScoresCsv}) and a plot; for a folder, {@code summary.csv}, {@code metrics.csv}
 * and {@code index.html}; with {@code --label-column}, the label metrics ({@link DetectReport}). Exit code 0, 1 when
 * the command failed (nothing written), 3 when some series of several failed (the others were written; the summary
 * names the failed ones).
 */
public final class DetectCommand {
    static final String USAGE = "detect --csv FILE|DIR|GLOB|- [--csv ...] [--out FILE.csv|DIR|-] "
            + "[--model vae|auxvae|sdgm|auxvae2|sdgm2|lvae] [--probation ROWS] [--threshold T] [--time-column C] "
            + "[--value-column C] [--label-column C] [--time-format space|iso|date|unix-s|unix-ms] "
            + "[--missing skip|carry|fail] [--strict-time] [--delay N] [--threads N] [--set KEY=VALUE]...";
    /** Exit code when some series of several failed. */
    public static final int SOME_FAILED = 3;

    private DetectCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.in, System.out, System.err);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        return run(args, System.in, out, out);
    }

    /**
     * Runs the command: {@code stdin} is read for {@code --csv -}; scored rows go to {@code stdout} with {@code --out
     * -}, and then progress goes to {@code stderr}, else to {@code stdout}.
     */
    public static int run(List<String> args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        DetectOptions o = parse(args);
        PrintStream log = o.toStdout() ? stderr : stdout;
        if (o.live()) {
            Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8);
            if (o.toStdout()) {
                LiveDetection.run(o, in, stdout, log);
                return 0;
            }
            Path file = o.outIsFile() ? Path.of(o.out()) : Path.of(o.out(), "stdin.csv");
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (PrintStream rows = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
                    DetectedSeries d = LiveDetection.run(o, in, rows, log);
                    rows.flush();
                    DetectionPlot.of("standard input (" + o.model() + ")", d.result()).save(
                            file.toAbsolutePath().getParent(), BatchDetection.stem(file));
                }
            } catch (IOException e) {
                throw new KitException(file + ": cannot write: " + e.getMessage(), e);
            }
            log.println("wrote " + file);
            return 0;
        }
        if (o.toStdout()) {
            throw new UsageException("detect: --out - (standard output) is for --csv - (standard input); give a "
                    + "file or folder");
        }
        List<DetectInputs.Input> inputs = DetectInputs.expand(o.inputs());
        List<DetectedSeries> done = BatchDetection.run(o, inputs, log);
        Table metrics = DetectReport.metrics(done);
        if (metrics != null) {
            log.println();
            log.println(org.dgmkit.plot.ReadableNumbers.of(metrics).printAll());
        }
        long failed = done.stream().filter(d -> !d.ok()).count();
        log.printf(Locale.ROOT, "%d series scored, %d failed; outputs in %s%n", done.size() - failed, failed,
                Path.of(o.out()).toAbsolutePath().normalize());
        return failed > 0 ? SOME_FAILED : 0;
    }

    /** The options of the arguments; usage errors name the argument and what is expected. */
    static DetectOptions parse(List<String> args) {
        List<String> inputs = new ArrayList<>();
        String out = DetectOptions.DEFAULT_OUT;
        String model = "vae";
        int probation = 0;
        double threshold = Double.NaN;
        int delay = -1;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        SeriesCsvOptions csv = SeriesCsvOptions.defaults();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--strict-time")) {
                csv = csv.withStrictTime(true);
                continue;
            }
            if (!FLAGS.contains(flag)) {
                throw new UsageException("detect: unknown argument '" + flag + "'; usage: " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("detect: " + flag + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            switch (flag) {
                case "--csv" -> inputs.add(v);
                case "--model" -> model = v;
                case "--out" -> out = v;
                case "--probation" -> probation = positiveInt("--probation", v);
                case "--threshold" -> threshold = unitNumber(v);
                case "--set" -> sets.add(v);
                case "--time-column" -> csv = csv.withTimeColumn(v);
                case "--value-column" -> csv = csv.withValueColumn(v);
                case "--label-column" -> csv = csv.withLabelColumn(v);
                case "--time-format" -> csv = csv.withTimeFormat(timeFormat(v));
                case "--missing" -> csv = csv.withMissing(missing(v));
                case "--delay" -> delay = nonNegativeInt("--delay", v);
                case "--threads" -> threads = positiveInt("--threads", v);
                default -> throw new UsageException("detect: unknown flag " + flag);
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageException("detect: --csv is required (a file, a folder, a glob or - for standard input); "
                    + "usage: " + USAGE);
        }
        if (inputs.contains("-") && inputs.size() > 1) {
            throw new UsageException("detect: --csv - (standard input) cannot be combined with files");
        }
        DetectorSettings settings;
        try {
            settings = DetectorSettings.forModel(model).withAll(sets.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new UsageException("detect: " + e.getMessage());
        }
        return new DetectOptions(inputs, out, settings, model, probation, threshold, csv, delay, threads);
    }

    private static final List<String> FLAGS = List.of("--csv", "--model", "--out", "--probation", "--threshold",
            "--set", "--time-column", "--value-column", "--label-column", "--time-format", "--missing", "--delay",
            "--threads");

    private static TimeFormat timeFormat(String v) {
        try {
            return TimeFormat.named(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("detect: --time-format " + v + ": " + e.getMessage());
        }
    }

    private static MissingPolicy missing(String v) {
        try {
            return MissingPolicy.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("detect: --missing " + v + ": expected skip, carry or fail");
        }
    }

    private static int nonNegativeInt(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException("detect: " + flag + " " + v + ": expected a number of rows >= 0");
    }

    private static int positiveInt(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException("detect: " + flag + " " + v + ": expected a positive number");
    }

    private static double unitNumber(String v) {
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException("detect: --threshold " + v + ": expected a number in [0, 1]");
    }
}
