package org.dgmkit.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dgmkit.cli.KitException;

/**
 * The committed log of a long training run ({@code notebooks/results/02-long-run.csv}, {@code 04-long-run.csv}), so
 * a notebook can plot hours of training without rerunning them: {@code #} comment lines with the provenance of each
 * model's run (commit, settings, machine), then a CSV header whose first column is {@code model}, then one row per
 * model and evaluated epoch. Every other column is a number; a blank cell is a figure not measured (NaN).
 *
 * <p>Reading fails with one message naming the file, the line and what was expected; a missing file is not an
 * error for {@link #readIfPresent} (a notebook then says how to produce it).
 *
 * @param comments the comment lines, without their leading {@code "# "}
 * @param columns  the column names, {@code model} first
 * @param rows     the rows in file order
 */
public record LongRunFile(List<String> comments, List<String> columns, List<Row> rows) {

    /** One evaluated epoch of one model: its numbers in column order (after {@code model}). */
    public record Row(String model, double[] values) {
        public Row {
            if (model.isEmpty() || model.startsWith("#") || model.chars().anyMatch(c -> c == ',' || c == '\n'
                    || c == '\r')) {
                throw new IllegalArgumentException("a long-run row's model name must be non-empty, not start with '#' "
                        + "and hold no comma or line break (the file is plain CSV): '" + model + "'");
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    public LongRunFile {
        if (columns.isEmpty() || !columns.get(0).equals("model")) {
            throw new IllegalArgumentException("a long-run file's first column is 'model', got " + columns);
        }
        comments = List.copyOf(comments);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.values.length != columns.size() - 1) {
                throw new IllegalArgumentException("row of " + r.model + " has " + r.values.length + " numbers for "
                        + (columns.size() - 1) + " columns");
            }
        }
    }

    /** An empty file with these columns ({@code model} first). */
    public static LongRunFile empty(List<String> columns) {
        return new LongRunFile(List.of(), columns, List.of());
    }

    /** Reads a long-run file; fails naming the file, line and cause. */
    public static LongRunFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> comments = new ArrayList<>();
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == null) {
                columns = Arrays.stream(cells).map(String::strip).toList();
                if (!columns.get(0).equals("model") || columns.size() < 2) {
                    throw new KitException(file + ":" + lineNo + ": expected a header 'model,<column>,...', got '"
                            + line + "'");
                }
                continue;
            }
            if (cells.length != columns.size()) {
                throw new KitException(file + ":" + lineNo + ": " + cells.length + " cells, expected " + columns.size()
                        + " (" + String.join(",", columns) + ")");
            }
            String model = cells[0].strip();
            if (model.isEmpty()) {
                throw new KitException(file + ":" + lineNo + ": column 'model' is empty");
            }
            double[] v = new double[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                String s = cells[c].strip();
                if (s.isEmpty()) {
                    v[c - 1] = Double.NaN;
                    continue;
                }
                try {
                    v[c - 1] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new KitException(file + ":" + lineNo + ": column '" + columns.get(c) + "' is '" + s
                            + "', expected a number or a blank cell");
                }
            }
            rows.add(new Row(model, v));
        }
        if (columns == null) {
            throw new KitException(file + ": no header line; expected 'model,<column>,...' after the comment lines");
        }
        return new LongRunFile(comments, columns, rows);
    }

    /** The file, or empty when it does not exist (a malformed file still fails). */
    public static Optional<LongRunFile> readIfPresent(Path file) {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** The models in order of first appearance. */
    public List<String> models() {
        return rows.stream().map(Row::model).distinct().toList();
    }

    /** A column's values for one model, in file order (NaN where blank). */
    public double[] column(String model, String column) {
        int c = columnIndex(column);
        return rows.stream().filter(r -> r.model.equals(model)).mapToDouble(r -> r.values[c - 1]).toArray();
    }

    /** {x, y} of one model for a line plot, rows where either is NaN left out. */
    public double[][] curve(String model, String x, String y) {
        double[] xs = column(model, x);
        double[] ys = column(model, y);
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isNaN(xs[i]) && !Double.isNaN(ys[i])) {
                keep.add(new double[] {xs[i], ys[i]});
            }
        }
        return new double[][] {keep.stream().mapToDouble(p -> p[0]).toArray(),
            keep.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /**
     * The first value of {@code x} (e.g. hours) at which {@code y} (e.g. test error) is at or below {@code level}
     * for this model, or NaN when it never is.
     */
    public double firstAtOrBelow(String model, String y, double level, String x) {
        double[] xs = column(model, x);
        double[] ys = column(model, y);
        for (int i = 0; i < ys.length; i++) {
            if (ys[i] <= level) {
                return xs[i];
            }
        }
        return Double.NaN;
    }

    /** As a table (for a notebook): the {@code model} column, then every numeric column. */
    public tech.tablesaw.api.Table table(String title) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(title,
                tech.tablesaw.api.StringColumn.create("model", rows.stream().map(Row::model)));
        for (int c = 1; c < columns.size(); c++) {
            final int k = c - 1;
            t.addColumns(tech.tablesaw.api.DoubleColumn.create(columns.get(c),
                    rows.stream().mapToDouble(r -> r.values[k]).toArray()));
        }
        return t;
    }

    /** The comment lines about one model: those starting with {@code "<model>:"}. */
    public List<String> provenance(String model) {
        return comments.stream().filter(c -> c.startsWith(model + ":")).toList();
    }

    /**
     * This file with every row and comment line of {@code model} replaced by the given ones: other models kept in
     * their order, this model's after them.
     */
    public LongRunFile withModel(String model, List<String> modelComments, List<Row> modelRows) {
        List<String> c = new ArrayList<>(comments.stream().filter(line -> !line.startsWith(model + ":")).toList());
        List<Row> r = new ArrayList<>(rows.stream().filter(row -> !row.model.equals(model)).toList());
        c.addAll(modelComments);
        r.addAll(modelRows);
        return new LongRunFile(c, columns, r);
    }

    /** Writes the file atomically (a temporary sibling, then a rename). */
    public void write(Path file) {
        StringBuilder b = new StringBuilder();
        for (String c : comments) {
            b.append("# ").append(c).append('\n');
        }
        b.append(String.join(",", columns)).append('\n');
        for (Row r : rows) {
            b.append(r.model);
            for (double v : r.values) {
                b.append(',').append(Double.isNaN(v) ? "" : format(v));
            }
            b.append('\n');
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

    private int columnIndex(String column) {
        int c = columns.indexOf(column);
        if (c < 1) {
            throw new IllegalArgumentException("no numeric column '" + column + "'; columns: " + columns);
        }
        return c;
    }

    /** Integers without a fraction, other numbers with up to 6 significant decimals. */
    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v).strip();
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
