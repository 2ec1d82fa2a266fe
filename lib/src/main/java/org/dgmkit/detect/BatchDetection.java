package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.series.SeriesCsv;
import org.dgmkit.plot.Figure;

/**
 * {@code kit detect} over files: every series read, scored and written on its own, {@code threads} at a time in one
 * JVM (each has its own model and seeds, so its numbers do not depend on the others). With {@code --out DIR} each
 * series gets {@code DIR/<name>.csv} and its plot {@code DIR/<name>.png} (and {@code .svg}), written as soon as it is
 * done, and the run ends with {@code DIR/summary.csv}, {@code DIR/metrics.csv} (labelled inputs) and
 * {@code DIR/index.html}. A series that fails is named in the summary with its error and the others go on. With
 * {@code --out FILE.csv} (one input) the file and its plot {@code FILE.png} are written, nothing on failure.
 */
public final class BatchDetection {
    private BatchDetection() {
    }

    /** Runs the detection; returns the series in input order. */
    public static List<DetectedSeries> run(DetectOptions o, List<DetectInputs.Input> inputs, PrintStream log) {
        Path outFile = o.outIsFile() ? Path.of(o.out()) : null;
        if (outFile != null && inputs.size() != 1) {
            throw new KitException("--out " + o.out() + ": " + inputs.size() + " series need a folder for their "
                    + "outputs; give --out DIR");
        }
        Path dir = outFile != null ? outFile.toAbsolutePath().getParent() : Path.of(o.out());
        for (DetectInputs.Input in : inputs) {
            Path scores = outFile != null ? outFile : dir.resolve(in.name() + ".csv");
            if (same(scores, in.file())) {
                throw new KitException("--out " + o.out() + ": the scores of " + in.file() + " would overwrite it; "
                        + "give another file or folder");
            }
        }
        int threads = Math.max(1, Math.min(o.threads(), inputs.size()));
        log.printf(Locale.ROOT, "detect: %d series, %s, %d at a time%n", inputs.size(), DetectReport.header(o),
                threads);
        List<DetectedSeries> done = new ArrayList<>();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "detect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DetectedSeries>> jobs = new ArrayList<>();
            for (DetectInputs.Input in : inputs) {
                jobs.add(pool.submit(() -> {
                    DetectedSeries d = one(o, in, outFile, dir);
                    synchronized (log) {
                        log.println(line(finished.incrementAndGet(), inputs.size(), d));
                    }
                    return d;
                }));
            }
            for (Future<DetectedSeries> j : jobs) {
                done.add(get(j));
            }
        } finally {
            pool.shutdownNow();
        }
        // one file asked for by name: its error is the command's, nothing written (a folder or glob that holds one
        // file still gets its summary, as it would with more)
        boolean oneFile = outFile != null || o.inputs().size() == 1 && Files.isRegularFile(Path.of(o.inputs().get(0)));
        if (oneFile && !done.get(0).ok()) {
            throw new KitException(done.get(0).error());
        }
        if (outFile == null) {
            DetectReport.write(dir, done, DetectReport.header(o));
        } else if (done.get(0).metrics() != null) {
            String stem = stem(outFile);
            ScoresCsv.writeAtomically(dir.resolve(stem + "-metrics.csv"), DetectReport.csv(DetectReport.metrics(done)));
        }
        return done;
    }

    /** One series: read, score, write its CSV and plot. Errors become a failed entry (the others go on). */
    private static DetectedSeries one(DetectOptions o, DetectInputs.Input in, Path outFile, Path dir) {
        try {
            SeriesInput input = DetectedSeries.input(in.name(), SeriesCsv.read(in.file(), o.csv()));
            SeriesDetection.Result r = SeriesDetection.run(input, o.settings(), o.probation(), o.threshold(), null);
            DetectedSeries d = DetectedSeries.of(in.name(), in.file().toString(), r, o.delay());
            Path csv = outFile != null ? outFile : dir.resolve(in.name() + ".csv");
            Figure f = DetectionPlot.of(in.name() + " (" + o.model() + ")", r);
            f.save(csv.toAbsolutePath().getParent(), stem(csv)); // the plot first: a failed plot leaves no scores
            ScoresCsv.write(csv, r);
            return d;
        } catch (RuntimeException e) { // whatever went wrong with this series, the others go on
            boolean expected = e instanceof KitException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException;
            String msg = expected ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            String named = msg != null && msg.startsWith(in.file().toString()) ? msg : in.file() + ": " + msg;
            return DetectedSeries.failed(in.name(), in.file().toString(), named);
        }
    }

    private static DetectedSeries get(Future<DetectedSeries> j) {
        try {
            return j.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", e);
        }
    }

    /** The progress line of a finished series. */
    static String line(int k, int n, DetectedSeries d) {
        if (!d.ok()) {
            return String.format(Locale.ROOT, "[%d/%d] %s FAILED: %s", k, n, d.name(), d.error());
        }
        SeriesDetection.Result r = d.result();
        String labels = d.metrics() == null ? "" : String.format(Locale.ROOT, ", AP %.3f, %d/%d segments hit, %d "
                + "false-alarm episodes", d.metrics().ap(), d.metrics().counts().segmentsHit(),
                d.metrics().counts().segments(), d.metrics().counts().falseEpisodes());
        return String.format(Locale.ROOT, "[%d/%d] %s: %d rows (%d missing), %d alarms, fit %.1f s, %.1f s in all "
                        + "(%.0f rows/s)%s", k, n, d.name(), r.input().size(), r.input().missingRows(), r.alarmCount(),
                r.fitSeconds(), r.seconds(), r.rowsPerSecond(), labels);
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    }
}
