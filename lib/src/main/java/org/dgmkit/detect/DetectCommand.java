package org.dgmkit.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dgmkit.cli.Flags;
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
            // a decoder that reports bad bytes (as files are read), not one that replaces them silently
            Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8.newDecoder());
            if (o.toStdout()) {
                LiveDetection.run(o, in, stdout, log);
                return 0;
            }
            Path file = o.outIsFile() ? Path.of(o.out()) : Path.of(o.out(), "stdin.csv");
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                // rows stream into a hidden sibling, renamed only when the input ended well: bad input leaves nothing
                Path part = Files.createTempFile(dir, "." + file.getFileName(), ".part");
                try {
                    DetectedSeries d;
                    try (PrintStream rows = new PrintStream(Files.newOutputStream(part), false,
                            StandardCharsets.UTF_8)) {
                        d = LiveDetection.run(o, in, rows, log);
                    }
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    DetectionPlot.of("standard input (" + o.model() + ")", d.result()).save(dir,
                            BatchDetection.stem(file));
                } finally {
                    Files.deleteIfExists(part);
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
        Flags f = Flags.parse("detect", args, Set.of("--csv", "--model", "--out", "--probation", "--threshold", "--set",
                "--time-column", "--value-column", "--label-column", "--time-format", "--missing", "--delay",
                "--threads"), Set.of("--strict-time"), USAGE);
        List<String> inputs = f.all("--csv");
        if (inputs.isEmpty()) {
            throw new UsageException("detect: --csv is required (a file, a folder, a glob or - for standard input); "
                    + "usage: " + USAGE);
        }
        if (inputs.contains("-") && inputs.size() > 1) {
            throw new UsageException("detect: --csv - (standard input) cannot be combined with files");
        }
        double threshold = f.getDouble("--threshold", Double.NaN);
        if (!Double.isNaN(threshold) && !(threshold > 0 && threshold <= 1)) {
            // 0 would alarm on the rows before the model exists, which score 0
            throw new UsageException("detect: --threshold " + threshold + ": expected a number in (0, 1]");
        }
        SeriesCsvOptions csv = SeriesCsvOptions.defaults().withStrictTime(f.has("--strict-time"));
        csv = f.get("--time-column", null) == null ? csv : csv.withTimeColumn(f.get("--time-column", null));
        csv = f.get("--value-column", null) == null ? csv : csv.withValueColumn(f.get("--value-column", null));
        csv = f.get("--label-column", null) == null ? csv : csv.withLabelColumn(f.get("--label-column", null));
        csv = f.get("--time-format", null) == null ? csv : csv.withTimeFormat(timeFormat(f.get("--time-format", null)));
        csv = csv.withMissing(missing(f.get("--missing", "skip")));
        String model = f.get("--model", "vae");
        if (Detectors.baseline(model)) {
            throw new UsageException("detect: --model " + model + ": a baseline; detect runs the kit's model detectors ("
                    + String.join(", ", org.dgmkit.model.catalog.ModelCatalog.names()) + ")");
        }
        return new DetectOptions(inputs, f.get("--out", DetectOptions.DEFAULT_OUT),
                CommandSettings.of("detect", model, f.all("--set")), model, f.getInt("--probation", 0, 1), threshold,
                csv, f.getInt("--delay", -1, 0), f.getInt("--threads", Math.max(1,
                Runtime.getRuntime().availableProcessors()), 1));
    }

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
}
