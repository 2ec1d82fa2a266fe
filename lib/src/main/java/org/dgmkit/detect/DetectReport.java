package org.dgmkit.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmkit.score.events.EventCounts;
import org.dgmkit.score.events.EventScores;
import org.dgmkit.score.events.PooledEventScores;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The summary of a {@code kit detect} run over one or many series: one row per series (rows, missing and
 * out-of-order rows, alarms, fit time, scoring rate, or the error that stopped it) and, when the inputs have labels,
 * their label metrics per series and pooled; written as {@code summary.csv}, {@code metrics.csv} and an
 * {@code index.html} with every plot.
 */
public final class DetectReport {
    private DetectReport() {
    }

    /** One row per series: what was read, what came out, how long it took. */
    public static Table summary(List<DetectedSeries> all) {
        StringColumn name = StringColumn.create("series");
        StringColumn status = StringColumn.create("status");
        IntColumn rows = IntColumn.create("rows");
        IntColumn missing = IntColumn.create("missing");
        IntColumn carried = IntColumn.create("carried");
        IntColumn repeated = IntColumn.create("repeated");
        IntColumn backward = IntColumn.create("backward");
        IntColumn probation = IntColumn.create("probation");
        DoubleColumn threshold = DoubleColumn.create("threshold");
        IntColumn alarms = IntColumn.create("alarms");
        DoubleColumn fit = DoubleColumn.create("fit_s");
        DoubleColumn wall = DoubleColumn.create("wall_s");
        DoubleColumn rate = DoubleColumn.create("rows_per_s");
        StringColumn error = StringColumn.create("error");
        for (DetectedSeries d : all) {
            name.append(d.name());
            status.append(d.ok() ? "ok" : "error");
            SeriesDetection.Result r = d.result();
            if (r == null) {
                rows.appendMissing();
                missing.appendMissing();
                carried.appendMissing();
                repeated.appendMissing();
                backward.appendMissing();
                probation.appendMissing();
                threshold.appendMissing();
                alarms.appendMissing();
                fit.appendMissing();
                wall.appendMissing();
                rate.appendMissing();
                error.append(d.error());
                continue;
            }
            SeriesInput in = r.input();
            rows.append(in.size());
            missing.append(in.missingRows());
            carried.append(in.carried());
            repeated.append(in.repeated());
            backward.append(in.backward());
            probation.append(r.probation());
            threshold.append(r.threshold());
            alarms.append(r.alarmCount());
            fit.append(round(r.fitSeconds(), 2));
            wall.append(round(r.seconds(), 2));
            rate.append(Math.round(r.rowsPerSecond()));
            error.append("");
        }
        return Table.create("kit detect: series", name, status, rows, missing, carried, repeated, backward, probation,
                threshold, alarms, fit, wall, rate, error);
    }

    /**
     * Label metrics per labelled series and pooled (last row, {@code all}): AP of the anomaly score, labelled segments
     * and those hit by an alarm, alarm episodes and false-alarm episodes, event precision / recall / F1, and the
     * point-adjusted F1 (rows after the probationary period only). Null when no series has labels.
     */
    public static Table metrics(List<DetectedSeries> all) {
        List<DetectedSeries> labelled = all.stream().filter(d -> d.metrics() != null).toList();
        if (labelled.isEmpty()) {
            return null;
        }
        StringColumn name = StringColumn.create("series");
        DoubleColumn ap = DoubleColumn.create("ap");
        IntColumn segments = IntColumn.create("segments");
        IntColumn hit = IntColumn.create("segments_hit");
        IntColumn episodes = IntColumn.create("alarm_episodes");
        IntColumn falseEpisodes = IntColumn.create("false_alarm_episodes");
        DoubleColumn precision = DoubleColumn.create("event_precision");
        DoubleColumn recall = DoubleColumn.create("event_recall");
        DoubleColumn f1 = DoubleColumn.create("event_f1");
        DoubleColumn paF1 = DoubleColumn.create("point_adjusted_f1");
        List<EventScores> scores = new ArrayList<>();
        for (DetectedSeries d : labelled) {
            scores.add(d.metrics());
            add(d.name(), d.metrics().ap(), d.metrics().counts(), name, ap, segments, hit, episodes, falseEpisodes,
                    precision, recall, f1, paF1);
        }
        PooledEventScores pooled = PooledEventScores.of(scores);
        add("all (pooled; ap = mean)", pooled.meanAp(), pooled.counts(), name, ap, segments, hit, episodes,
                falseEpisodes, precision, recall, f1, paF1);
        return Table.create("kit detect: label metrics (rows after probation)", name, ap, segments, hit, episodes,
                falseEpisodes, precision, recall, f1, paF1);
    }

    private static void add(String n, double apValue, EventCounts c, StringColumn name, DoubleColumn ap,
                            IntColumn segments, IntColumn hit, IntColumn episodes, IntColumn falseEpisodes,
                            DoubleColumn precision, DoubleColumn recall, DoubleColumn f1, DoubleColumn paF1) {
        name.append(n);
        ap.append(round(apValue, 4));
        segments.append((int) c.segments());
        hit.append((int) c.segmentsHit());
        episodes.append((int) c.alarmEpisodes());
        falseEpisodes.append((int) c.falseEpisodes());
        precision.append(round(c.eventPrecision(), 4));
        recall.append(round(c.eventRecall(), 4));
        f1.append(round(c.eventF1(), 4));
        paF1.append(round(c.pointAdjustedF1(), 4));
    }

    /** A table as CSV text (blank for missing numbers). */
    static String csv(Table t) {
        StringBuilder b = new StringBuilder(String.join(",", t.columnNames())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                if (c > 0) {
                    b.append(',');
                }
                b.append(cell(t, r, c));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(Table t, int r, int c) {
        var col = t.column(c);
        if (col.isMissing(r)) {
            return "";
        }
        Object v = col.get(r);
        String s = v instanceof Double d ? (Double.isNaN(d) ? "" : Double.toString(d)) : String.valueOf(v);
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Writes {@code summary.csv}, {@code metrics.csv} (with labels) and {@code index.html} into {@code dir}. */
    public static void write(Path dir, List<DetectedSeries> all, String header) {
        ScoresCsv.writeAtomically(dir.resolve("summary.csv"), csv(summary(all)));
        Table m = metrics(all);
        if (m != null) {
            ScoresCsv.writeAtomically(dir.resolve("metrics.csv"), csv(m));
        }
        ScoresCsv.writeAtomically(dir.resolve("index.html"), html(all, m, header));
    }

    /** The one page to open after a run: the summary, the label metrics, every series' plot. */
    static String html(List<DetectedSeries> all, Table metrics, String header) {
        StringBuilder b = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>kit detect</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;
                font-size:90%}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,
                th:first-child{text-align:left}.error{color:#b00}img{max-width:100%;border:1px solid #eee}</style>
                </head><body>
                """);
        b.append("<h1>kit detect</h1>\n<p>").append(escape(header)).append("</p>\n");
        long failed = all.stream().filter(d -> !d.ok()).count();
        if (failed > 0) {
            b.append("<p class=\"error\">").append(failed).append(" of ").append(all.size())
                    .append(" series could not be scored; their errors are in the table.</p>\n");
        }
        b.append("<h2>Series</h2>\n").append(htmlTable(summary(all)));
        if (metrics != null) {
            b.append("<h2>Label metrics</h2>\n<p>Rows after the probationary period. AP: average precision of the "
                    + "anomaly score against the labels; a segment is hit by an alarm inside it (or within the delay "
                    + "of its start); an alarm episode is a run of consecutive alarm rows, false when no row of it is "
                    + "labelled.</p>\n").append(htmlTable(metrics));
        }
        b.append("<h2>Plots</h2>\n");
        for (DetectedSeries d : all) {
            b.append("<h3 id=\"").append(escape(d.name())).append("\">").append(escape(d.name())).append("</h3>\n");
            if (d.ok()) {
                b.append("<p><a href=\"").append(escape(d.name())).append(".csv\">scores</a></p>\n<img src=\"")
                        .append(escape(d.name())).append(".png\" alt=\"").append(escape(d.name())).append("\">\n");
            } else {
                b.append("<p class=\"error\">").append(escape(d.error())).append("</p>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static String htmlTable(Table t) {
        StringBuilder b = new StringBuilder("<table><tr>");
        for (String c : t.columnNames()) {
            b.append("<th>").append(escape(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            b.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                b.append("<td>").append(escape(cell(t, r, c))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** A one-line description of a run's settings for headers. */
    static String header(DetectOptions o) {
        return header(o, o.probation() > 0 ? o.probation() + " rows" : "15 % of the rows, at most 750");
    }

    /** As {@link #header(DetectOptions)} with the probationary period as given. */
    static String header(DetectOptions o, String probation) {
        return String.format(Locale.ROOT, "model %s (%s); threshold %s; probation %s; missing values: %s; delay %s",
                o.model(), o.settings().changes(), Double.isNaN(o.threshold()) ? o.settings().get("threshold")
                        : Double.toString(o.threshold()), probation,
                o.csv().missing().toString().toLowerCase(Locale.ROOT),
                o.delay() < 0 ? "none (anywhere in a segment)" : o.delay() + " rows");
    }
}
