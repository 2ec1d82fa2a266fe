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
        if (text.length() != 19) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, DATA);
        } catch (DateTimeParseException e) {
            return null;
        }
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
