package org.dgmkit.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table with one row per element of a list and one column per function, in the order they are added:
 * <pre>{@code
 * Table t = TableBuilder.of("Ladder VAE by depth", results)
 *         .text("model", r -> r.name())
 *         .integer("stochastic layers", r -> r.layers())
 *         .number("test ELBO (nats)", r -> r.elbo(), 2)   // rounded to 2 decimals
 *         .build();
 * }</pre>
 * A number that is NaN is a missing value.
 *
 * @param <T> the row type
 */
public final class TableBuilder<T> {
    private final String title;
    private final List<T> rows;
    private final List<Column<?>> columns = new ArrayList<>();

    private TableBuilder(String title, List<T> rows) {
        this.title = title;
        this.rows = List.copyOf(rows);
    }

    /** A builder for a table named {@code title} over {@code rows}. */
    public static <T> TableBuilder<T> of(String title, List<T> rows) {
        return new TableBuilder<>(title, rows);
    }

    /** A text column. */
    public TableBuilder<T> text(String name, Function<T, String> value) {
        columns.add(StringColumn.create(name, rows.stream().map(value).toList()));
        return this;
    }

    /** An integer column. */
    public TableBuilder<T> integer(String name, ToIntFunction<T> value) {
        columns.add(IntColumn.create(name, rows.stream().mapToInt(value).toArray()));
        return this;
    }

    /** A number column, as is. */
    public TableBuilder<T> number(String name, ToDoubleFunction<T> value) {
        columns.add(DoubleColumn.create(name, rows.stream().mapToDouble(value).toArray()));
        return this;
    }

    /** A number column rounded to {@code decimals} decimals ({@link #round}). */
    public TableBuilder<T> number(String name, ToDoubleFunction<T> value, int decimals) {
        return number(name, r -> round(value.applyAsDouble(r), decimals));
    }

    /** The table. */
    public Table build() {
        return Table.create(title, columns.toArray(new Column<?>[0]));
    }

    /** {@code v} rounded half up to {@code decimals} decimals, as shown in the notebooks' tables (NaN stays NaN). */
    public static double round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
