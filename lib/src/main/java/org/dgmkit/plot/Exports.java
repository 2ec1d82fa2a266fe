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

    /** A table as display data: HTML for Jupyter, plain text for terminals. */
    public static DisplayData html(Table table) {
        DisplayData data = new DisplayData(table.printAll());
        data.putData(MIMEType.TEXT_HTML, HtmlTable.render(table));
        return data;
    }
}
