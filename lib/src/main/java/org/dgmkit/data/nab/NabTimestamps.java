package org.dgmkit.data.nab;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** The timestamp formats NAB uses: {@code yyyy-MM-dd HH:mm:ss} in data files, with a {@code .000000} suffix in
 * label files. */
public final class NabTimestamps {
    /** Data-file format, exactly {@code yyyy-MM-dd HH:mm:ss}. */
    public static final DateTimeFormatter DATA = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Label-file format: the data format with an optional fraction of a second ({@code .000000}). */
    public static final DateTimeFormatter LABEL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private NabTimestamps() {
    }

    /** Parses a data-file timestamp, or returns null when the text is not {@code yyyy-MM-dd HH:mm:ss}. */
    public static LocalDateTime parseData(String text) {
        // Hand-parsed: a NAB corpus has 365k of them and DateTimeFormatter is the slow part of reading it.
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            return null; // e.g. month 13 or February 30
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Parses a label-file timestamp (optional fraction), or returns null when malformed. */
    public static LocalDateTime parseLabel(String text) {
        try {
            return LocalDateTime.parse(text.trim(), LABEL);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Formats as in data files. */
    public static String format(LocalDateTime t) {
        return DATA.format(t);
    }
}
