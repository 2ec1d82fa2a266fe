package org.dgmkit.data.series;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How a value or label cell's text (unquoted, trimmed) is read. */
final class Cells {
    /** The words (any case) that mean "no value here", besides a blank cell. */
    static final Set<String> MISSING_WORDS = Set.of("nan", "null", "na", "n/a", "none");
    /** How messages name the missing forms. */
    static final String MISSING_FORMS = "blank, NaN, null, NA, N/A, None";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITE = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZERO = Pattern.compile("0(\\.0+)?");
    private static final Pattern ONE = Pattern.compile("1(\\.0+)?");

    private Cells() {
    }

    static boolean isMissing(String t) {
        return t.isEmpty() || MISSING_WORDS.contains(t.toLowerCase(Locale.ROOT));
    }

    /**
     * The number written in {@code t} (plain decimal or scientific notation; {@code inf}/{@code Infinity} give an
     * infinity, for the caller to refuse with a clear message), or null when {@code t} is not a number. Java's
     * wider syntax ({@code 1d}, {@code 0x1p3}) is not a number here.
     */
    static Double number(String t) {
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        if (INFINITE.matcher(t).matches()) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** 0 or 1 for 0, 1, 0.0, 1.0, false, true (any case); -1 for anything else. */
    static int label(String t) {
        if (ZERO.matcher(t).matches() || t.equalsIgnoreCase("false")) {
            return 0;
        }
        if (ONE.matcher(t).matches() || t.equalsIgnoreCase("true")) {
            return 1;
        }
        return -1;
    }
}
