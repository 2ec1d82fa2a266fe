package org.dgmkit.data.series;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The timestamp forms a series CSV may use. Monitoring tools write their times in a handful of forms; the reader
 * recognises them from the first timestamp (see {@link #detect(String)}) and then holds every row to that one
 * form, so that a file mixing forms is reported instead of being read half wrong. Times with a UTC offset (or
 * {@code Z}, or Unix time) are converted to UTC; times without one are kept as the local times they are.
 */
public enum TimeFormat {
    /**
     * {@code yyyy-MM-dd HH:mm}, {@code yyyy-MM-dd HH:mm:ss} or with a fraction of a second
     * ({@code yyyy-MM-dd HH:mm:ss.SSS}), optionally followed by an offset as in {@link #ISO} (also {@code UTC}).
     */
    SPACE("space", "yyyy-MM-dd HH:mm[:ss[.fraction]][offset]"),
    /**
     * ISO-8601 {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]}, optionally followed by {@code Z}, {@code UTC} or an offset
     * {@code +02:00}, {@code +0200} or {@code +02}.
     */
    ISO("iso", "ISO-8601 yyyy-MM-ddTHH:mm[:ss[.fraction]][Z|+hh:mm]"),
    /** A date alone, {@code yyyy-MM-dd}, read as midnight. */
    DATE("date", "yyyy-MM-dd"),
    /** Seconds since 1970-01-01T00:00Z, integer or decimal ({@code 1584230400}, {@code 1584230400.25}). */
    UNIX_SECONDS("unix-s", "Unix seconds"),
    /** Milliseconds since 1970-01-01T00:00Z, integer or decimal ({@code 1584230400000}). */
    UNIX_MILLIS("unix-ms", "Unix milliseconds");

    /** A plain number at or above this magnitude is read as Unix milliseconds, below it as Unix seconds
     * (1e11 seconds is the year 5138; 1e11 milliseconds is 1973-03-03). */
    public static final double MILLIS_THRESHOLD = 1e11;

    private final String key;
    private final String description;

    TimeFormat(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The short name a command line uses for this form: space, iso, date, unix-s, unix-ms. */
    public String key() {
        return key;
    }

    /** What this form looks like, for messages. */
    public String description() {
        return description;
    }

    /**
     * Parses {@code text} (already unquoted and trimmed) in this form, or returns null when it is not in this form
     * or not a valid time (e.g. February 30). With an offset the result is the UTC time.
     */
    public LocalDateTime parse(String text) {
        Timestamps.Stamp s = Timestamps.parse(this, text);
        return s == null ? null : s.time();
    }

    /**
     * The form of {@code text}, or null when none reads it. A plain number is Unix milliseconds when its magnitude
     * is at least {@link #MILLIS_THRESHOLD}, Unix seconds otherwise.
     */
    public static TimeFormat detect(String text) {
        return Timestamps.detect(text);
    }

    /** The form with this {@link #key()} or enum name (any case); IllegalArgumentException listing the keys. */
    public static TimeFormat named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TimeFormat f : values()) {
            if (f.key.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown time format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(TimeFormat::key).collect(Collectors.joining(", ")));
    }

    /** All descriptions, comma separated: the formats auto-detection tries. */
    static String allDescriptions() {
        return Arrays.stream(values()).map(TimeFormat::description).collect(Collectors.joining(", "));
    }
}
