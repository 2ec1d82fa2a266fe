package org.dgmkit.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dgmkit.plot.TableBuilder;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Notebook 10's comparison: the headline numbers every notebook recorded with
 * {@link org.dgmkit.plot.Exports#result} ({@code <out>/tables/<notebook>-results.csv}: notebook, model, task, metric,
 * value, unit), gathered into one table, and every model set against a baseline model task by task.
 */
public final class ResultsComparison {
    private static final ColumnType[] TYPES = {ColumnType.STRING, ColumnType.STRING, ColumnType.STRING,
        ColumnType.STRING, ColumnType.DOUBLE, ColumnType.STRING};

    private ResultsComparison() {
    }

    /** The {@code *-results.csv} files in {@code tablesDir}, by name, without those starting with {@code skipPrefix}. */
    public static List<Path> resultFiles(Path tablesDir, String skipPrefix) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(tablesDir)) {
            list.filter(p -> p.getFileName().toString().endsWith("-results.csv"))
                    .filter(p -> !p.getFileName().toString().startsWith(skipPrefix))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tablesDir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** The rows of every file appended in order, named "All results (N notebooks)"; the six empty columns if none. */
    public static Table read(List<Path> files) {
        Table all = null;
        for (Path f : files) {
            Table t = Table.read().csv(CsvReadOptions.builder(f.toFile()).columnTypes(TYPES).build());
            all = all == null ? t : all.append(t);
        }
        if (all == null) {
            all = Table.create("results", StringColumn.create("notebook"), StringColumn.create("model"),
                    StringColumn.create("task"), StringColumn.create("metric"), DoubleColumn.create("value"),
                    StringColumn.create("unit"));
        }
        return all.setName("All results (" + files.size() + " notebooks)");
    }

    /** One model's value beside the baseline's on the same task and metric. */
    public record Row(String task, String metric, String model, double value, double base, String verdict) {
        /** value - base. */
        public double difference() {
            return value - base;
        }
    }

    /**
     * Every non-baseline row of {@code all} whose task and metric the baseline also has, with its verdict: "about the
     * same" within {@code sameWithin} relative difference, else "better" or "worse" (lower is better for metrics
     * named "...error...", higher otherwise).
     */
    public record Comparison(String baseline, double sameWithin, List<Row> rows) {

        /** Rows with the given verdict. */
        public int count(String verdict) {
            return (int) rows.stream().filter(r -> r.verdict().equals(verdict)).count();
        }

        /** The comparison table, values rounded to 3 decimals. */
        public Table table() {
            return TableBuilder.of("Against " + baseline, rows).text("task", Row::task).text("metric", Row::metric)
                    .text("model", Row::model).number("value", Row::value, 3).number(baseline, Row::base, 3)
                    .number("difference", Row::difference, 3).text("verdict", Row::verdict).build();
        }

        /** The verdict on "almost the same as the baseline", two lines. */
        public String verdict() {
            int same = count("about the same");
            int total = rows.size();
            String counts = String.format(Locale.ROOT, "%d comparisons with the %s: %d about the same (within %.0f %%),"
                    + " %d better, %d worse.%n", total, baseline, same, 100 * sameWithin, count("better"), count("worse"));
            if (total == 0) {
                return counts + "No comparable results yet: run the model notebooks first.\n";
            }
            long percent = Math.round(100 * sameWithin);
            return counts + (same >= 0.5 * total
                    ? "Confirmed for this budget: most comparisons are within " + percent + " % of the " + baseline + ".\n"
                    : "Not confirmed for this budget: most comparisons differ from the " + baseline + " by more than "
                    + percent + " % (see the table for which way).\n");
        }
    }

    /** Compares every model of {@code all} (the table of {@link #read}) with {@code baseline}. */
    public static Comparison against(Table all, String baseline, double sameWithin) {
        StringColumn models = all.stringColumn("model");
        StringColumn tasks = all.stringColumn("task");
        StringColumn metrics = all.stringColumn("metric");
        DoubleColumn values = all.doubleColumn("value");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            if (models.get(i).equals(baseline)) {
                continue;
            }
            Double base = null;
            for (int j = 0; j < all.rowCount(); j++) {
                // if the baseline has this task and metric twice, its last row counts
                if (models.get(j).equals(baseline) && tasks.get(j).equals(tasks.get(i))
                        && metrics.get(j).equals(metrics.get(i))) {
                    base = values.get(j);
                }
            }
            if (base == null) {
                continue;
            }
            double value = values.get(i);
            boolean lowerIsBetter = metrics.get(i).toLowerCase(Locale.ROOT).contains("error");
            double diff = value - base;
            double relative = Math.abs(diff) / Math.max(1e-12, Math.abs(base));
            String verdict = relative <= sameWithin ? "about the same" : (diff > 0) != lowerIsBetter ? "better" : "worse";
            rows.add(new Row(tasks.get(i), metrics.get(i), models.get(i), value, base, verdict));
        }
        return new Comparison(baseline, sameWithin, rows);
    }
}
