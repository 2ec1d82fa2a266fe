package org.dgmkit.detect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.nab.NabCsv;
import org.dgmkit.data.nab.NabFormatException;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.data.nab.NabTimestamps;
import org.dgmkit.plot.Figure;
import org.dgmkit.score.Progress;
import tech.tablesaw.api.Table;

/**
 * {@code kit detect}: scores a user's own {@code timestamp,value} series with the streaming detector and writes
 * per-row scores ({@code timestamp,value,anomaly_score,raw_score,alarm}) and a plot with the alarms marked
 * ({@code <out>.png} and {@code <out>.svg}), with a progress line while it works.
 *
 * <pre>
 * detect --csv FILE [--model vae|auxvae|sdgm|auxvae2|sdgm2|lvae] --out scores.csv [--probation ROWS]
 *        [--threshold T] [--set KEY=VALUE]...
 * </pre>
 *
 * The input must have the header {@code timestamp,value}, timestamps {@code yyyy-MM-dd HH:mm:ss} strictly
 * increasing, finite values, and more rows than the detector needs before its first score; any other input fails
 * with one message naming the file, line and cause, and writes nothing. The probationary period defaults to NAB's
 * (15 % of the rows, at most 750); the alarm threshold to the {@code threshold} setting (chosen on NAB's tuning
 * split).
 */
public final class DetectCommand {
    static final String USAGE = "detect --csv FILE [--model vae|auxvae|sdgm|auxvae2|sdgm2|lvae] --out scores.csv "
            + "[--probation ROWS] [--threshold T] [--set KEY=VALUE]...";

    private DetectCommand() {
    }

    /** Runs the command on standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        String csv = null;
        String model = "vae";
        String outFile = null;
        Integer probation = null;
        Double threshold = null;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!List.of("--csv", "--model", "--out", "--probation", "--threshold", "--set").contains(flag)) {
                throw new UsageException("detect: unknown argument '" + flag + "'; usage: " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("detect: " + flag + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            switch (flag) {
                case "--csv" -> csv = v;
                case "--model" -> model = v;
                case "--out" -> outFile = v;
                case "--probation" -> probation = positiveInt("--probation", v);
                case "--threshold" -> threshold = unitNumber(v);
                case "--set" -> sets.add(v);
                default -> throw new UsageException("detect: unknown flag " + flag);
            }
        }
        if (csv == null || outFile == null) {
            throw new UsageException("detect: --csv FILE and --out FILE are required; usage: " + USAGE);
        }
        DetectorSettings settings;
        try {
            settings = DetectorSettings.forModel(model).withAll(sets.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new UsageException("detect: " + e.getMessage());
        }
        Path input = Path.of(csv);
        if (!Files.isRegularFile(input)) {
            throw new KitException(csv + ": no such file; expected a CSV file with the header 'timestamp,value'");
        }
        Table table = NabCsv.read(input); // strict: missing / non-numeric values, unsorted or duplicate timestamps
        LocalDateTime[] t = table.dateTimeColumn("timestamp").asObjectArray();
        double[] v = table.doubleColumn("value").asDoubleArray();
        int prob = probation != null ? probation : NabSeries.probationRows(v.length);
        double thr = threshold != null ? threshold : settings.getDouble("threshold");
        int needed = rowsNeeded(settings, prob);
        if (v.length < needed) {
            throw new NabFormatException(input + ":" + (v.length + 2) + ": the series ends after " + v.length
                    + " rows; expected at least " + needed + " (the model is fitted on the first "
                    + ModelScorer.fitRow(settings, prob) + " rows and scores from there on)");
        }
        out.printf("detect: %s, %d rows, model %s, probation %d rows, alarm threshold %s%n", input, v.length, model,
                prob, thr);
        ModelDetector detector = new ModelDetector(settings, prob);
        Progress progress = new Progress("detect " + input.getFileName(), "rows", v.length, true, out);
        double[] raw = new double[v.length];
        double[] scores = new double[v.length];
        int step = Math.max(1, settings.getInt("chunk"));
        // row by row through the streaming path, in blocks of one chunk so the progress line moves
        EnsembleScorer scorer = detector.ensemble();
        for (int from = 0; from < v.length; from += step) {
            int to = Math.min(v.length, from + step);
            for (int i = from; i < to; i++) {
                if (detector.postProcessor().members() > 1) { // likelihood level: the raw column is the combination
                    double[] members = scorer.nextMembers(t[i], v[i]);
                    raw[i] = EnsembleScorer.combine(scorer.combination(), members);
                    scores[i] = detector.postProcessor().next(v[i], members);
                } else {
                    raw[i] = scorer.next(t[i], v[i]);
                    scores[i] = detector.postProcessor().next(v[i], raw[i]);
                }
            }
            progress.advance(to - from);
        }
        progress.finish();
        List<Integer> alarms = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= thr) {
                alarms.add(i);
            }
        }
        Path outPath = Path.of(outFile);
        write(outPath, t, v, scores, raw, thr);
        String stem = stem(outPath);
        Path dir = outPath.toAbsolutePath().getParent();
        Figure figure = DetectionPlot.of(input.getFileName().toString() + " (" + model + ")", t, v, scores, thr, prob);
        figure.save(dir, stem);
        out.printf(Locale.ROOT, "%d alarms (score >= %s) in %d rows: %s%n", alarms.size(), thr, v.length,
                alarms.size() <= 20 ? alarms.stream().map(i -> NabTimestamps.format(t[i])).toList()
                        : alarms.size() + " rows, first " + NabTimestamps.format(t[alarms.get(0)]));
        out.printf("wrote %s, %s and %s (%s)%n", outPath, dir.resolve(stem + ".png"), dir.resolve(stem + ".svg"),
                scorer.describe());
        return 0;
    }

    /** Rows a series needs before its first score: the fit row and one more. */
    static int rowsNeeded(DetectorSettings s, int probationRows) {
        return ModelScorer.fitRow(s, probationRows) + 1;
    }

    private static void write(Path file, LocalDateTime[] t, double[] v, double[] scores, double[] raw, double thr) {
        StringBuilder b = new StringBuilder("timestamp,value,anomaly_score,raw_score,alarm\n");
        for (int i = 0; i < v.length; i++) {
            b.append(NabTimestamps.format(t[i])).append(',').append(v[i]).append(',').append(scores[i]).append(',')
                    .append(Double.isNaN(raw[i]) ? "" : Double.toString(raw[i])).append(',')
                    .append(scores[i] >= thr ? 1 : 0).append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KitException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
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
        throw new UsageException("detect: " + flag + " " + v + ": expected a positive number of rows");
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
