package org.dgmkit.plot;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Where one notebook's results go: figures to {@code <out>/figures/<notebook>/} (PNG + SVG) and tables to
 * {@code <out>/tables/<notebook>-<name>.csv}. Each method also returns what a cell should show:
 * <pre>{@code
 * var out = new Exports("../out", "00-data-tour");
 * out.figure("digits", Plots.imageGrid(...))      // saved, and displayed as the cell's value
 * out.table("series", summary)                     // saved as CSV, displayed as an HTML table
 * }</pre>
 */
public final class Exports {

    private final Path figures;
    private final Path tables;
    private final String notebook;
    private final Table results = Table.create("results",
            tech.tablesaw.api.StringColumn.create("notebook"), tech.tablesaw.api.StringColumn.create("model"),
            tech.tablesaw.api.StringColumn.create("task"), tech.tablesaw.api.StringColumn.create("metric"),
            tech.tablesaw.api.DoubleColumn.create("value"), tech.tablesaw.api.StringColumn.create("unit"));

    /** @param outDir the output root (e.g. "../out" from notebooks/); @param notebook the notebook's name */
    public Exports(String outDir, String notebook) {
        Path out = Path.of(outDir);
        this.notebook = notebook;
        this.figures = out.resolve("figures").resolve(notebook);
        this.tables = out.resolve("tables");
    }

    /** The folder figures are written to. */
    public Path figuresDir() {
        return figures;
    }

    /** The folder tables are written to. */
    public Path tablesDir() {
        return tables;
    }

    /** Saves {@code figure} as {@code name.png} and {@code name.svg} and returns its picture for display. */
    public BufferedImage figure(String name, Figure figure) {
        return figure.save(figures, name);
    }

    /** Saves {@code table} as CSV and returns it rendered as an HTML table (with a text fallback). */
    public DisplayData table(String name, Table table) {
        try {
            Files.createDirectories(tables);
            table.write().csv(tables.resolve(notebook + "-" + name + ".csv").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write table " + name + ": " + e.getMessage(), e);
        }
        return html(table);
    }

    /**
     * Records one headline number (e.g. model "VAE", task "MNIST test", metric "IW log-likelihood (K=1000)",
     * value -89.1, unit "nats") in {@code <out>/tables/<notebook>-results.csv}, rewritten at each call, which the
     * comparison notebook gathers. Returns the value, so a cell can print it.
     */
    public double result(String model, String task, String metric, double value, String unit) {
        results.stringColumn("notebook").append(notebook);
        results.stringColumn("model").append(model);
        results.stringColumn("task").append(task);
        results.stringColumn("metric").append(metric);
        results.doubleColumn("value").append(value);
        results.stringColumn("unit").append(unit);
        try {
            Files.createDirectories(tables);
            results.write().csv(tables.resolve(notebook + "-results.csv").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results of " + notebook + ": " + e.getMessage(), e);
        }
        return value;
    }

    /** The headline numbers recorded so far, as an HTML table. */
    public DisplayData results() {
        return html(results);
    }

    /** A table as display data: HTML for Jupyter, plain text for terminals, decimals as {@link ReadableNumbers}. */
    public static DisplayData html(Table table) {
        Table shown = ReadableNumbers.of(table);
        DisplayData data = new DisplayData(shown.printAll());
        data.putData(MIMEType.TEXT_HTML, HtmlTable.render(shown));
        return data;
    }
}
