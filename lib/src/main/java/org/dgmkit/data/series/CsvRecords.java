package org.dgmkit.data.series;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a character stream into CSV records, RFC 4180 style: a field in double quotes may hold commas, line
 * breaks and doubled quotes ({@code ""} is one quote); records end at {@code \n}, {@code \r\n} or {@code \r};
 * blank lines are skipped; a UTF-8 byte order mark at the start is dropped. Whitespace around a quoted field is
 * ignored ({@code "a", "b"}); a quote inside an unquoted field is taken as it is.
 *
 * <p>It never reads past the end of the record it returns (a {@code \n} after a {@code \r} is consumed at the next
 * call), so a record from a live stream is returned as soon as its line is complete.
 */
final class CsvRecords {
    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private boolean started;
    private int last = EOF;   // the previous character, to count \r\n as one line break
    private int line = 1;     // the line of the next character
    private int recordLine;

    CsvRecords(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The line the last record returned by {@link #next()} began on (1-based). */
    int recordLine() {
        return recordLine;
    }

    /** The line the next character would be on: one past the last line when the input has ended. */
    int line() {
        return line;
    }

    /** The next non-blank record's fields (unquoted, not trimmed), or null at the end of the input. */
    List<String> next() {
        while (true) {
            boolean afterCr = last == '\r';
            int c = read();
            if (c == '\n' && afterCr) {
                c = read(); // the \n of a \r\n that ended the previous record
            }
            if (c == EOF) {
                return null;
            }
            recordLine = line - (c == '\n' || c == '\r' ? 1 : 0);
            List<String> fields = new ArrayList<>();
            boolean quotedAny = false;
            StringBuilder field = new StringBuilder();
            while (true) {
                while (c == ' ' || c == '\t') {
                    field.append((char) c);
                    c = read();
                }
                if (c == '"') {
                    quotedAny = true;
                    field.setLength(0);
                    int startLine = line;
                    while (true) {
                        c = read();
                        if (c == EOF) {
                            throw new SeriesFormatException(source, startLine, null, "field " + (fields.size() + 1)
                                    + " opens a double quote that is never closed; expected a closing \" before "
                                    + "the end of the input");
                        }
                        if (c == '"') {
                            c = read();
                            if (c != '"') {
                                break;
                            }
                        }
                        field.append((char) c);
                    }
                    while (c == ' ' || c == '\t') {
                        c = read();
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        throw new SeriesFormatException(source, line, null, "field " + (fields.size() + 1)
                                + " has text after its closing double quote; a quote inside a quoted field is "
                                + "written twice (\"\")");
                    }
                } else {
                    while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        field.append((char) c);
                        c = read();
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (c != ',') {
                    break;
                }
                c = read();
            }
            if (fields.size() == 1 && !quotedAny && fields.get(0).isBlank()) {
                continue; // a blank line is not a record
            }
            return fields;
        }
    }

    private int read() {
        if (pos == len) {
            if (!fill()) {
                last = EOF;
                return EOF;
            }
        }
        char c = buf[pos++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        if (c == '\r' || (c == '\n' && last != '\r')) {
            line++;
        }
        last = c;
        return c;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            len = n;
            return true;
        } catch (CharacterCodingException e) {
            throw new SeriesFormatException(source, line, null,
                    "not UTF-8 text (at or after this line); save the file as UTF-8", e);
        } catch (IOException e) {
            throw new SeriesFormatException(source, line, null, "cannot read: " + e.getMessage(), e);
        }
    }
}
