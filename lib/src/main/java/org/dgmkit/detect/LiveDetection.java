package org.dgmkit.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.series.SeriesCsvReader;
import org.dgmkit.data.series.SeriesRow;
import org.dgmkit.data.series.TimeOrder;
import org.dgmkit.score.events.EventMetrics;
import org.dgmkit.score.events.EventScores;

/**
 * {@code kit detect --csv -}: rows read from standard input as they arrive, each scored row written at once (header
 * first), e.g. {@code tail -f metrics.csv | kit detect --csv - --probation 500 --out -}. The rows that have arrived
 * together are scored as one block ({@link ModelDetector#scoreBlock}), so a file piped in runs at file speed and a
 * live feed gets every row as soon as its line is complete; the scores are those of the same rows read from a file
 * with the same probationary period (whose default here is 750 rows: the length of a stream is not known).
 * Progress and the closing summary go to {@code log} (standard error when the rows go to standard output).
 */
public final class LiveDetection {
    private LiveDetection() {
    }

    /** Reads rows from {@code in} until its end, writing every scored row to {@code rows}; returns the summary. */
    public static DetectedSeries run(DetectOptions o, Reader in, PrintStream rows, PrintStream log) {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int probation = o.probation() > 0 ? o.probation() : 750;
        DetectorSettings s = o.settings();
        double thr = Double.isNaN(o.threshold()) ? s.getDouble("threshold") : o.threshold();
        ModelDetector detector = new ModelDetector(s, probation);
        long t0 = System.nanoTime();
        List<SeriesRow> all = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Double> raws = new ArrayList<>();
        int usable = 0;
        int repeated = 0;
        int backward = 0;
        int carried = 0;
        try (SeriesCsvReader reader = SeriesCsvReader.open(buffered, "-", o.csv())) {
            rows.println(ScoresCsv.header(reader.labelColumn() != null));
            rows.flush();
            log.printf(Locale.ROOT, "detect: standard input, columns %s (time %s, value %s%s), %s%n",
                    reader.columns(), reader.timeColumn(), reader.valueColumn(),
                    reader.labelColumn() == null ? "" : ", label " + reader.labelColumn(),
                    DetectReport.header(o, probation + " rows"));
            List<SeriesRow> block = new ArrayList<>();
            while (true) {
                SeriesRow r = reader.next();
                if (r != null) {
                    block.add(r);
                }
                boolean more = r != null && ready(buffered) && block.size() < SeriesDetection.BLOCK;
                if (more) {
                    continue;
                }
                if (!block.isEmpty()) {
                    double[][] scored = score(detector, block);
                    for (int i = 0; i < block.size(); i++) {
                        SeriesRow b = block.get(i);
                        boolean alarm = scored[0][i] >= thr;
                        rows.println(ScoresCsv.row(b.timestamp(), b.missing() ? Double.NaN : b.value(), scored[0][i],
                                scored[1][i], alarm, b.label()));
                        all.add(b);
                        scores.add(scored[0][i]);
                        raws.add(scored[1][i]);
                        usable += b.missing() ? 0 : 1;
                        carried += b.carried() ? 1 : 0;
                        repeated += b.order() == TimeOrder.REPEATED ? 1 : 0;
                        backward += b.order() == TimeOrder.BACKWARD ? 1 : 0;
                    }
                    rows.flush();
                    block.clear();
                }
                if (r == null) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new KitException("standard input: " + e.getMessage(), e);
        }
        int needed = SeriesDetection.rowsNeeded(s, probation);
        if (usable < needed) {
            throw new KitException(String.format(Locale.ROOT, "standard input ended after %d usable rows (%d rows); "
                    + "the detector needs at least %d (it fits its model on the first %d usable rows), so no row "
                    + "was scored", usable, all.size(), needed, ModelScorer.fitRow(s, probation)));
        }
        SeriesDetection.Result result = result(all, scores, raws, probation, thr, detector, carried, repeated,
                backward, (System.nanoTime() - t0) / 1e9);
        EventScores metrics = result.input().labelled() ? EventMetrics.of(result.scores(), result.alarms(),
                result.input().labels(), result.firstEvaluatedRow(), o.delay()) : null;
        DetectedSeries d = new DetectedSeries("stdin", "-", result, metrics, null);
        log.println(BatchDetection.line(1, 1, d));
        return d;
    }

    /** Scores a block: its usable rows through the detector, missing rows NaN; {scores, raw}. */
    private static double[][] score(ModelDetector detector, List<SeriesRow> block) {
        int n = block.size();
        double[] scores = new double[n];
        double[] raw = new double[n];
        Arrays.fill(scores, Double.NaN);
        Arrays.fill(raw, Double.NaN);
        int[] index = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!block.get(i).missing()) {
                index[k++] = i;
            }
        }
        if (k == 0) {
            return new double[][] {scores, raw};
        }
        LocalDateTime[] t = new LocalDateTime[k];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            t[j] = block.get(index[j]).time();
            v[j] = block.get(index[j]).value();
        }
        ModelDetector.Scored s = detector.scoreBlock(t, v);
        for (int j = 0; j < k; j++) {
            scores[index[j]] = s.scores()[j];
            raw[index[j]] = s.raw()[j];
        }
        return new double[][] {scores, raw};
    }

    private static boolean ready(BufferedReader in) {
        try {
            return in.ready();
        } catch (IOException e) {
            return false;
        }
    }

    private static SeriesDetection.Result result(List<SeriesRow> rows, List<Double> scores, List<Double> raws,
                                                 int probation, double thr, ModelDetector detector, int carried,
                                                 int repeated, int backward, double seconds) {
        int n = rows.size();
        String[] text = new String[n];
        LocalDateTime[] times = new LocalDateTime[n];
        double[] values = new double[n];
        boolean[] missing = new boolean[n];
        int[] lines = new int[n];
        boolean labelled = n > 0 && rows.get(0).label() >= 0;
        int[] labels = labelled ? new int[n] : null;
        double[] s = new double[n];
        double[] r = new double[n];
        boolean[] alarms = new boolean[n];
        for (int i = 0; i < n; i++) {
            SeriesRow row = rows.get(i);
            text[i] = row.timestamp();
            times[i] = row.time();
            values[i] = row.value();
            missing[i] = row.missing();
            lines[i] = row.line();
            if (labelled) {
                labels[i] = row.label();
            }
            s[i] = scores.get(i);
            r[i] = raws.get(i);
            alarms[i] = s[i] >= thr;
        }
        SeriesInput in = new SeriesInput("stdin", text, times, values, missing, labels, lines, carried, repeated,
                backward);
        EnsembleScorer e = detector.ensemble();
        return new SeriesDetection.Result(in, probation, thr, s, r, alarms, e.trainSeconds(), e.scoreSeconds(), seconds,
                e.describe());
    }
}
