package org.dgmkit.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How a notebook shows a table's decimals: four significant digits (62.44, 0.4946, -97.97), whole numbers and the
 * integer digits of large values kept (58, 3983, 1862904), tiny values in scientific notation (1.234e-06). For reading
 * only: the CSV files keep every digit.
 */
public final class ReadableNumbers extends NumberColumnFormatter {
    private static final int DIGITS = 4;

    private ReadableNumbers() {
    }

    /** A copy of {@code table} whose float and double columns print as {@link #format(double)} does. */
    public static Table of(Table table) {
        Table copy = table.copy();
        copy.setName(table.name());
        for (Column<?> c : copy.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(new ReadableNumbers());
            } else if (c instanceof FloatColumn f) {
                f.setPrintFormatter(new ReadableNumbers());
            }
        }
        return copy;
    }

    /** {@code v} with about four significant digits; NaN (a missing value) as an empty string. */
    public static String text(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return Long.toString((long) v);
        }
        if (a >= 1e-4 && a < 1e15) {
            int integerDigits = a >= 1 ? (int) Math.floor(Math.log10(a)) + 1 : 0;
            BigDecimal rounded = a >= 1
                    ? new BigDecimal(v).setScale(Math.max(0, DIGITS - integerDigits), java.math.RoundingMode.HALF_EVEN)
                    : new BigDecimal(v).round(new MathContext(DIGITS));
            return rounded.stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
    }

    @Override
    public String format(double value) {
        return text(value);
    }

    @Override
    public String format(float value) {
        return text(value);
    }
}
