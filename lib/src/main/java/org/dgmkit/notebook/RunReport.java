package org.dgmkit.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;
import org.dgmkit.plot.HtmlTable;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The one page to look at after {@code ./kit run}: {@code <out>/index.html} lists every notebook of the run in run
 * order with its status (ok, failed with the failing cell's message, running, not run), wall time and the code cells
 * that ran, links the executed notebook, shows every figure it wrote in this run as a thumbnail (linking PNG and
 * SVG) and links every table it wrote (CSV, with its first rows). It is rewritten before and after every notebook,
 * so an interrupted run leaves a page that says how far it got. Files are listed in name order.
 */
final class RunReport {
    /** Rows of each table shown on the page (the CSV link has all of them). */
    static final int PREVIEW_ROWS = 8;

    enum Status { NOT_RUN, RUNNING, OK, FAILED }

    private static final class Entry {
        final PreparedNotebook notebook;
        Status status = Status.NOT_RUN;
        Instant started;
        double seconds;
        String error;

        Entry(PreparedNotebook notebook) {
            this.notebook = notebook;
        }
    }

    private final Path outRoot;
    private final String command;
    private final List<Entry> entries = new ArrayList<>();
    private final Instant runStarted = Instant.now();

    /**
     * @param outRoot  the output root ({@code out/}, or {@code --out}): figures/, tables/ and notebooks/ below it
     * @param command  how the run was asked for, shown at the top (e.g. {@code ./kit run --quick})
     * @param planned  the notebooks of the run, in run order
     */
    RunReport(Path outRoot, String command, List<PreparedNotebook> planned) {
        this.outRoot = outRoot.toAbsolutePath().normalize();
        this.command = command;
        planned.forEach(p -> entries.add(new Entry(p)));
    }

    /** The report file. */
    Path file() {
        return outRoot.resolve("index.html");
    }

    /** Marks notebook {@code index} as running and rewrites the page. */
    void started(int index) {
        Entry e = entries.get(index);
        e.status = Status.RUNNING;
        // whole seconds: a file system with coarse timestamps must still count this notebook's files as its own
        e.started = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        write();
    }

    /** Records the outcome of notebook {@code index} ({@code error} null when it ran to the end) and rewrites the page. */
    void finished(int index, double seconds, String error) {
        Entry e = entries.get(index);
        e.seconds = seconds;
        e.error = error;
        e.status = error == null ? Status.OK : Status.FAILED;
        write();
    }

    /** Writes {@code index.html} (to a temporary file first, so a reader never sees half a page). */
    Path write() {
        Path file = file();
        Path tmp = file.resolveSibling("index.html.tmp");
        try {
            Files.createDirectories(outRoot);
            Files.writeString(tmp, html(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KitException("cannot write the run report " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DGM Anomaly Kit run</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:75em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}caption{text-align:left;font-weight:bold}")
                .append(".ok{color:#070}.failed{color:#b00}.running{color:#a60}.not-run{color:#777}")
                .append("figure{display:inline-block;margin:4px;text-align:center;font-size:85%}")
                .append("figure img{max-width:240px;max-height:180px;border:1px solid #ddd}")
                .append("pre{background:#fee;padding:6px;overflow-x:auto}</style></head><body>\n");
        h.append("<h1>DGM Anomaly Kit run</h1>\n<p>").append(esc(command)).append(" &middot; started ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(runStarted.atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC &middot; ").append(summary()).append("</p>\n");
        h.append("<table><thead><tr><th>notebook</th><th>status</th><th>wall time</th><th>code cells run</th>")
                .append("<th>figures</th><th>tables</th></tr></thead><tbody>\n");
        for (Entry e : entries) {
            String stem = e.notebook.stem();
            h.append("<tr><td><a href=\"#").append(esc(stem)).append("\">").append(esc(stem)).append("</a></td><td class=\"")
                    .append(cssClass(e.status)).append("\">").append(statusText(e.status)).append("</td><td>")
                    .append(e.status == Status.OK || e.status == Status.FAILED ? seconds(e.seconds) : "")
                    .append("</td><td>").append(cellsRun(e)).append("</td><td>").append(figures(e).size())
                    .append("</td><td>").append(tables(e).size()).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        for (Entry e : entries) {
            section(h, e);
        }
        return h.append("</body></html>\n").toString();
    }

    private void section(StringBuilder h, Entry e) {
        String stem = e.notebook.stem();
        h.append("<h2 id=\"").append(esc(stem)).append("\">").append(esc(stem)).append(" <span class=\"")
                .append(cssClass(e.status)).append("\">").append(statusText(e.status)).append("</span></h2>\n<p>");
        if (Files.exists(e.notebook.output())) {
            h.append("executed notebook: <a href=\"").append(href(e.notebook.output())).append("\">")
                    .append(esc(relative(e.notebook.output()))).append("</a>");
        } else {
            h.append("no executed notebook written");
        }
        if (e.status == Status.OK || e.status == Status.FAILED) {
            h.append(" &middot; ").append(seconds(e.seconds));
        }
        if (!e.notebook.parameters().isEmpty()) {
            h.append(" &middot; parameters ").append(esc(e.notebook.parameters().toString()));
        }
        h.append("</p>\n");
        if (e.error != null) {
            h.append("<pre>").append(esc(e.error)).append("</pre>\n");
        }
        for (Path png : figures(e)) {
            Path svg = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".svg"));
            String name = png.getFileName().toString().replaceFirst("\\.png$", "");
            h.append("<figure><a href=\"").append(href(png)).append("\"><img loading=\"lazy\" src=\"").append(href(png))
                    .append("\" alt=\"").append(esc(name)).append("\"></a><figcaption>").append(esc(name))
                    .append(" (<a href=\"").append(href(png)).append("\">png</a>");
            if (Files.exists(svg)) {
                h.append(", <a href=\"").append(href(svg)).append("\">svg</a>");
            }
            h.append(")</figcaption></figure>\n");
        }
        for (Path csv : tables(e)) {
            h.append("<p><a href=\"").append(href(csv)).append("\">").append(esc(relative(csv))).append("</a></p>\n")
                    .append(preview(csv)).append('\n');
        }
    }

    private String summary() {
        long ok = entries.stream().filter(e -> e.status == Status.OK).count();
        long failed = entries.stream().filter(e -> e.status == Status.FAILED).count();
        long running = entries.stream().filter(e -> e.status == Status.RUNNING).count();
        long notRun = entries.stream().filter(e -> e.status == Status.NOT_RUN).count();
        double total = entries.stream().mapToDouble(e -> e.seconds).sum();
        StringBuilder s = new StringBuilder(entries.size() + " notebook(s): " + ok + " ok");
        if (failed > 0) {
            s.append(", ").append(failed).append(" failed");
        }
        if (running > 0) {
            s.append(", ").append(running).append(" running");
        }
        if (notRun > 0) {
            s.append(", ").append(notRun).append(" not run");
        }
        return s.append(", ").append(seconds(total)).append(" in notebooks").toString();
    }

    /** "k of n" code cells with an execution count in the executed notebook, or empty before it exists. */
    private static String cellsRun(Entry e) {
        if (e.status == Status.NOT_RUN || !Files.exists(e.notebook.output())) {
            return "";
        }
        try {
            Notebook executed = Notebook.read(e.notebook.output());
            int code = 0;
            int run = 0;
            for (int i = 0; i < executed.size(); i++) {
                JsonObject cell = executed.cell(i);
                if (Notebook.type(cell).equals("code")) {
                    code++;
                    JsonElement count = cell.get("execution_count");
                    run += count != null && !count.isJsonNull() ? 1 : 0;
                }
            }
            return run + " of " + code;
        } catch (KitException ex) {
            return "unreadable";
        }
    }

    /** The PNGs below figures/&lt;stem&gt;/ written since the notebook started, by name. */
    List<Path> figures(Entry e) {
        return since(e, outRoot.resolve("figures").resolve(e.notebook.stem()), "", ".png");
    }

    /** The CSVs tables/&lt;stem&gt;-*.csv written since the notebook started, by name. */
    List<Path> tables(Entry e) {
        return since(e, outRoot.resolve("tables"), e.notebook.stem() + "-", ".csv");
    }

    private static List<Path> since(Entry e, Path folder, String prefix, String suffix) {
        if (e.started == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix) && Files.isRegularFile(p) && modifiedSince(p, e.started);
            }).sorted().toList();
        } catch (IOException ex) {
            return List.of();
        }
    }

    private static boolean modifiedSince(Path p, Instant t) {
        try {
            return !Files.getLastModifiedTime(p).toInstant().isBefore(t);
        } catch (IOException ex) {
            return false;
        }
    }

    /** The first rows of a CSV as an HTML table, or a note when Tablesaw cannot read it. */
    static String preview(Path csv) {
        try {
            Table t = Table.read().csv(CsvReadOptions.builder(csv.toFile()).build());
            String caption = t.rowCount() + " row" + (t.rowCount() == 1 ? "" : "s")
                    + (t.rowCount() > PREVIEW_ROWS ? ", first " + PREVIEW_ROWS + " shown" : "");
            return HtmlTable.render(t.first(PREVIEW_ROWS).setName(caption));
        } catch (RuntimeException ex) {
            return "<p>(no preview: " + esc(String.valueOf(ex.getMessage())) + ")</p>";
        }
    }

    private String relative(Path p) {
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(outRoot) ? outRoot.relativize(a).toString().replace('\\', '/') : a.toString();
    }

    /** A link from index.html: relative under the output root, a file URI elsewhere. */
    private String href(Path p) {
        Path a = p.toAbsolutePath().normalize();
        if (!a.startsWith(outRoot)) {
            return esc(a.toUri().toString());
        }
        StringBuilder s = new StringBuilder();
        for (Path part : outRoot.relativize(a)) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(java.net.URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return esc(s.toString());
    }

    private static String seconds(double s) {
        return s < 120 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.1f min", s / 60);
    }

    private static String statusText(Status s) {
        return switch (s) {
            case OK -> "ok";
            case FAILED -> "failed";
            case RUNNING -> "running";
            case NOT_RUN -> "not run";
        };
    }

    private static String cssClass(Status s) {
        return statusText(s).replace(' ', '-');
    }

    static String esc(String s) {
        return HtmlTable.escape(s);
    }
}
