package org.dgmkit.data.kpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one KPI file strictly: the header {@code timestamp,value,label}, then one row per line with exactly three
 * comma-separated fields and no spaces —
 * <ul>
 * <li>timestamp: an integer Unix time in seconds (digits only, 0 to 253402300799, i.e. up to year 9999);</li>
 * <li>value: a finite decimal number ({@code 35.03}, {@code -2.27e-05}; not blank, not NaN or Infinity);</li>
 * <li>label: {@code 0} or {@code 1}.</li>
 * </ul>
 * Any malformed row fails with one {@link KpiFormatException} naming the file, the 1-based line (the header is line
 * 1) and the cause. A UTF-8 byte-order mark before the header, Windows line ends and blank lines at the end of the
 * file are accepted; a blank line between rows is an error.
 *
 * <p>Policy for odd rows. Timestamps must be strictly increasing: a repeated or decreasing timestamp is an error
 * (naming the line, the timestamp and the previous one), not something to sort or drop silently. Gaps (missing
 * points) are kept as they are: the reader neither fills nor resamples. This policy costs nothing on the real
 * corpus: its 58 files (5 922 913 rows) have no repeated or decreasing timestamp, no blank or non-finite value and
 * no label other than 0 or 1; every timestamp lies on the file's 60 s or 300 s grid, and 50 of the 58 files have
 * gaps (up to 325 260 s, about 3.8 days).
 *
 * <p>The parser is a hand-written loop over the file's bytes (no CSV library); values go through
 * {@link Double#parseDouble} after a character check, so they are read exactly as Java rounds decimals.
 */
public final class KpiCsv {
    /** The header every KPI file starts with. */
    public static final String HEADER = "timestamp,value,label";
    /** The largest accepted timestamp: 9999-12-31T23:59:59Z. */
    static final long MAX_SECONDS = 253402300799L;

    private KpiCsv() {
    }

    /** Reads {@code file}; see the class comment for the format and the policy. */
    public static KpiPart read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KpiFormatException(file + ": cannot read: " + e, e);
        }
        return parse(file, b);
    }

    static KpiPart parse(Path file, byte[] b) {
        int n = b.length;
        int pos = 0;
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        if (pos >= n) {
            throw KpiFormatException.at(file, 1, "empty file; expected the header '" + HEADER + "'");
        }
        int eol = lineEnd(b, pos);
        String header = text(b, pos, stripCr(b, pos, eol));
        if (!header.equals(HEADER)) {
            throw KpiFormatException.at(file, 1, "expected the header '" + HEADER + "', found '" + header + "'");
        }
        int capacity = Math.max(16, n / 20);
        long[] t = new long[capacity];
        double[] v = new double[capacity];
        int[] y = new int[capacity];
        int rows = 0;
        int lineNo = 1;
        pos = eol + 1;
        while (pos < n) {
            lineNo++;
            int end = lineEnd(b, pos);
            int stop = stripCr(b, pos, end);
            if (stop == pos) {
                if (blankToEnd(b, end)) {
                    break;
                }
                throw KpiFormatException.at(file, lineNo, "blank line; expected a row 'timestamp,value,label'");
            }
            int c1 = indexOf(b, pos, stop);
            int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, stop);
            if (c1 < 0 || c2 < 0 || indexOf(b, c2 + 1, stop) >= 0) {
                int fields = 1;
                for (int i = pos; i < stop; i++) {
                    fields += b[i] == ',' ? 1 : 0;
                }
                throw KpiFormatException.at(file, lineNo, "expected 3 fields 'timestamp,value,label', found " + fields
                        + " in '" + text(b, pos, stop) + "'");
            }
            long ts = timestamp(file, lineNo, b, pos, c1);
            double value = value(file, lineNo, b, c1 + 1, c2);
            int label = label(file, lineNo, b, c2 + 1, stop);
            if (rows > 0 && ts <= t[rows - 1]) {
                throw KpiFormatException.at(file, lineNo, (ts == t[rows - 1] ? "duplicate" : "decreasing")
                        + " timestamp " + ts + " (" + KpiPart.utc(ts) + "Z); expected timestamps strictly after "
                        + t[rows - 1] + " (" + KpiPart.utc(t[rows - 1]) + "Z), the previous row's");
            }
            if (rows == t.length) {
                int grown = t.length + (t.length >> 1) + 16;
                t = Arrays.copyOf(t, grown);
                v = Arrays.copyOf(v, grown);
                y = Arrays.copyOf(y, grown);
            }
            t[rows] = ts;
            v[rows] = value;
            y[rows] = label;
            rows++;
            pos = end + 1;
        }
        if (rows == 0) {
            throw KpiFormatException.at(file, 2, "no rows; expected at least one row 'timestamp,value,label'");
        }
        return new KpiPart(file, Arrays.copyOf(t, rows), Arrays.copyOf(v, rows), Arrays.copyOf(y, rows));
    }

    private static long timestamp(Path file, int lineNo, byte[] b, int from, int to) {
        if (from == to) {
            throw KpiFormatException.at(file, lineNo, "missing timestamp; expected an integer Unix time in seconds");
        }
        long ts = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || to - from > 12) {
                throw KpiFormatException.at(file, lineNo, "expected an integer Unix time in seconds as timestamp, "
                        + "found '" + text(b, from, to) + "'");
            }
            ts = ts * 10 + d;
        }
        if (ts > MAX_SECONDS) {
            throw KpiFormatException.at(file, lineNo, "timestamp " + ts + " is after year 9999; expected a Unix time "
                    + "in seconds");
        }
        return ts;
    }

    private static double value(Path file, int lineNo, byte[] b, int from, int to) {
        if (from == to) {
            throw KpiFormatException.at(file, lineNo, "missing value; expected a finite number");
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!ok) {
                throw notANumber(file, lineNo, b, from, to);
            }
        }
        double value;
        try {
            value = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw notANumber(file, lineNo, b, from, to);
        }
        if (!Double.isFinite(value)) {
            throw notANumber(file, lineNo, b, from, to);
        }
        return value;
    }

    private static KpiFormatException notANumber(Path file, int lineNo, byte[] b, int from, int to) {
        return KpiFormatException.at(file, lineNo, "expected a finite number as value, found '" + text(b, from, to)
                + "'");
    }

    private static int label(Path file, int lineNo, byte[] b, int from, int to) {
        if (to - from == 1 && (b[from] == '0' || b[from] == '1')) {
            return b[from] - '0';
        }
        throw KpiFormatException.at(file, lineNo, "expected label 0 or 1, found '" + text(b, from, to) + "'");
    }

    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    private static int stripCr(byte[] b, int from, int end) {
        return end > from && b[end - 1] == '\r' ? end - 1 : end;
    }

    private static boolean blankToEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != '\n' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ',') {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
