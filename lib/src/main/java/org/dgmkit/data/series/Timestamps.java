package org.dgmkit.data.series;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Hand-written parsers of the {@link TimeFormat} forms (a series may have millions of rows, and the forms are
 * narrow enough that a character check is clearer than a DateTimeFormatter with optional sections). */
final class Timestamps {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /** A parsed time; {@code zoned} when the text fixed the instant (an offset, Z, or Unix time). */
    record Stamp(LocalDateTime time, boolean zoned) {
    }

    private Timestamps() {
    }

    static Stamp parse(TimeFormat f, String s) {
        return switch (f) {
            case SPACE -> dateTime(s, false);
            case ISO -> dateTime(s, true);
            case DATE -> date(s);
            case UNIX_SECONDS -> epoch(s, 9);
            case UNIX_MILLIS -> epoch(s, 6);
        };
    }

    static TimeFormat detect(String s) {
        for (TimeFormat f : new TimeFormat[] {TimeFormat.SPACE, TimeFormat.ISO, TimeFormat.DATE}) {
            if (parse(f, s) != null) {
                return f;
            }
        }
        if (!isPlainNumber(s)) {
            return null;
        }
        TimeFormat f = Math.abs(Double.parseDouble(s)) >= TimeFormat.MILLIS_THRESHOLD
                ? TimeFormat.UNIX_MILLIS : TimeFormat.UNIX_SECONDS;
        return parse(f, s) == null ? null : f;
    }

    private static Stamp date(String s) {
        if (s.length() != 10) {
            return null;
        }
        LocalDateTime d = dateAt(s, 0, 0, 0, 0);
        return d == null ? null : new Stamp(d, false);
    }

    /** yyyy-MM-dd at 0, hour/minute/second/nano given; null when a field is not digits or out of range. */
    private static LocalDateTime dateAt(String s, int hour, int minute, int second, int nano) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano);
        } catch (DateTimeException e) {
            return null; // e.g. month 13, February 30, hour 24
        }
    }

    private static Stamp dateTime(String s, boolean iso) {
        if (s.length() < 16) {
            return null;
        }
        char sep = s.charAt(10);
        if (iso ? sep != 'T' && sep != 't' : sep != ' ') {
            return null;
        }
        if (s.charAt(13) != ':') {
            return null;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int nano = 0;
        int pos = 16;
        if (pos < s.length() && s.charAt(pos) == ':') {
            second = digits(s, pos + 1, 2);
            pos += 3;
            if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
                int start = ++pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                int n = pos - start;
                if (n == 0 || n > 9) {
                    return null;
                }
                nano = digits(s, start, n);
                for (int i = n; i < 9; i++) {
                    nano *= 10;
                }
            }
        }
        if (hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        LocalDateTime local = dateAt(s, hour, minute, second, nano);
        if (local == null) {
            return null;
        }
        if (pos == s.length()) {
            return new Stamp(local, false);
        }
        ZoneOffset offset = offset(s, s.charAt(pos) == ' ' ? pos + 1 : pos);
        return offset == null ? null
                : new Stamp(local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), true);
    }

    /** Z, UTC, +hh:mm, +hhmm or +hh (or -) from {@code pos} to the end, or null. */
    private static ZoneOffset offset(String s, int pos) {
        String rest = s.substring(pos);
        if (rest.equals("Z") || rest.equals("z") || rest.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (rest.isEmpty() || (rest.charAt(0) != '+' && rest.charAt(0) != '-')) {
            return null;
        }
        int sign = rest.charAt(0) == '-' ? -1 : 1;
        int hours;
        int minutes;
        if (rest.length() == 3) {
            hours = digits(rest, 1, 2);
            minutes = 0;
        } else if (rest.length() == 5) {
            hours = digits(rest, 1, 2);
            minutes = digits(rest, 3, 2);
        } else if (rest.length() == 6 && rest.charAt(3) == ':') {
            hours = digits(rest, 1, 2);
            minutes = digits(rest, 4, 2);
        } else {
            return null;
        }
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return null;
        }
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null; // beyond +-18:00
        }
    }

    /** Unix time in units of 10^{@code nanoDigits} nanoseconds: 9 for seconds, 6 for milliseconds. */
    private static Stamp epoch(String s, int nanoDigits) {
        if (!isPlainNumber(s)) {
            return null;
        }
        try {
            // nanoseconds since the epoch, exactly (a double would round 1584230400.123456789)
            BigInteger nanos = new BigDecimal(s).movePointRight(nanoDigits)
                    .setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            BigInteger nano = nanos.mod(NANOS_PER_SECOND); // in [0, 1e9) also before 1970
            BigInteger sec = nanos.subtract(nano).divide(NANOS_PER_SECOND);
            return new Stamp(LocalDateTime.ofEpochSecond(sec.longValueExact(), nano.intValue(), ZoneOffset.UTC), true);
        } catch (ArithmeticException | DateTimeException e) {
            return null; // beyond the years LocalDateTime holds
        }
    }

    /** An optional minus sign, digits, and optionally a point and more digits: the shape of Unix time. */
    static boolean isPlainNumber(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int intDigits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            return false;
        }
        if (i == s.length()) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        int fracStart = ++i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i == s.length() && i > fracStart;
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
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
}
