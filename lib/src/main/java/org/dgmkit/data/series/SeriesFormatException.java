package org.dgmkit.data.series;

import org.dgmkit.cli.KitException;

/**
 * A series CSV that cannot be read as asked: the one error type of this package, so that {@code kit detect} can
 * report any of them in one line. The message has the form {@code source:line: column 'Value': what; expected ...}
 * (the column part only when one column is at fault), and the parts are kept apart for callers that want them.
 */
public class SeriesFormatException extends KitException {
    private final String source;
    private final int line;
    private final String column;
    private final String detail;

    /**
     * An error at {@code line} (1-based, the header is line 1; 0 when no line applies) of {@code source}, in
     * {@code column} (null when the error is not about one column), with {@code detail} saying what is wrong and
     * what was expected.
     */
    public SeriesFormatException(String source, int line, String column, String detail) {
        this(source, line, column, detail, null);
    }

    /** As {@link #SeriesFormatException(String, int, String, String)}, with the underlying cause. */
    public SeriesFormatException(String source, int line, String column, String detail, Throwable cause) {
        super(message(source, line, column, detail), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    private static String message(String source, int line, String column, String detail) {
        return source + (line > 0 ? ":" + line : "") + ": "
                + (column == null ? "" : "column " + quote(column) + ": ") + detail;
    }

    static String quote(String s) {
        return "'" + s + "'";
    }

    /** The file name (or the name given to a stream, e.g. "-" for standard input). */
    public String source() {
        return source;
    }

    /** The 1-based line the error is on (the header is line 1), or 0 when no line applies. */
    public int line() {
        return line;
    }

    /** The header name of the column at fault, or null when the error is not about one column. */
    public String column() {
        return column;
    }

    /** What is wrong and what was expected, without the source, line and column. */
    public String detail() {
        return detail;
    }
}
