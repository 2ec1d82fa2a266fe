package org.dgmkit.data.series;

import static org.dgmkit.data.series.SeriesFormatException.quote;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a series CSV row by row, so that {@code kit detect} can score a live stream ({@code tail -f log.csv | kit
 * detect --csv -}) as well as a file. {@link #open} reads the header and resolves the columns; each {@link #next()}
 * returns one data line as a {@link SeriesRow} as soon as that line is complete, or null at the end of the input.
 *
 * <p>What is checked, and how ({@link SeriesCsvOptions} says what can be changed): every data line gives one row;
 * the first timestamp fixes the time format for all rows; a missing value follows the {@link MissingPolicy}; a
 * value that is present must be a finite number; a label must be 0/1/true/false; repeated and backward times are
 * kept and counted (refused under {@code strictTime}). Every error is a {@link SeriesFormatException} naming the
 * source, line and column.
 *
 * <p>With an automatic value column, {@link #open} reads ahead until a data cell decides which column is numeric
 * (normally the first data line); the rows read ahead are returned by {@link #next()} as usual.
 */
public final class SeriesCsvReader implements Closeable {
    /** Header names (any case) an automatic time column may have: the first column with one of them is used. */
    public static final Set<String> TIME_NAMES = Set.of("timestamp", "time", "date", "datetime");

    private record Pending(List<String> cells, int line) {
    }

    private final Reader in;
    private final CsvRecords records;
    private final String source;
    private final SeriesCsvOptions options;
    private final List<String> columns;
    private final int headerLine;
    private final int timeIndex;
    private final int valueIndex;
    private final int labelIndex;
    private final List<Pending> pending;
    private int pendingPos;

    private TimeFormat format;
    private int formatLine;
    private String formatText;
    private boolean zoned;
    private int zonedLine;
    private String zonedText;
    private LocalDateTime previousTime;
    private String previousText;
    private int previousLine;
    private double lastUsable = Double.NaN;
    private boolean haveUsable;
    private int rows;
    private int missing;
    private int carried;
    private int repeated;
    private int backward;

    private SeriesCsvReader(Reader in, CsvRecords records, String source, SeriesCsvOptions options,
                            List<String> columns, int headerLine, int timeIndex, int valueIndex, int labelIndex,
                            List<Pending> pending) {
        this.in = in;
        this.records = records;
        this.source = source;
        this.options = options;
        this.columns = columns;
        this.headerLine = headerLine;
        this.timeIndex = timeIndex;
        this.valueIndex = valueIndex;
        this.labelIndex = labelIndex;
        this.pending = pending;
        this.format = options.timeFormat();
    }

    /**
     * Reads the header of {@code in} and resolves the time, value and label columns; {@code sourceName} (a file
     * name, or "-" for standard input) names the input in every error. The reader is not closed on an error;
     * {@link #close()} closes {@code in}.
     */
    public static SeriesCsvReader open(Reader in, String sourceName, SeriesCsvOptions options) {
        CsvRecords records = new CsvRecords(in, sourceName);
        List<String> header = records.next();
        if (header == null) {
            throw new SeriesFormatException(sourceName, 1, null,
                    "empty file; expected a header row (e.g. timestamp,value) and data rows");
        }
        int headerLine = records.recordLine();
        List<String> columns = header.stream().map(SeriesCsvReader::headerName).toList();
        Header h = new Header(sourceName, headerLine, columns);
        int time = options.timeColumn() == null ? h.autoTime() : h.resolve(options.timeColumn(), "time");
        int label = options.labelColumn() == null ? -1 : h.resolve(options.labelColumn(), "label");
        if (label == time) {
            throw h.error("the label column " + quote(h.name(label)) + " is also the time column; "
                    + "expected two different columns");
        }
        List<Pending> pending = new ArrayList<>();
        int value = options.valueColumn() == null
                ? h.autoValue(time, label, records, pending)
                : h.resolve(options.valueColumn(), "value");
        if (value == time || value == label) {
            throw h.error("the value column " + quote(h.name(value)) + " is also the "
                    + (value == time ? "time" : "label") + " column; expected different columns");
        }
        return new SeriesCsvReader(in, records, sourceName, options, columns, headerLine, time, value, label,
                pending);
    }

    /** A header cell as a name: trimmed, and without quotes left around it. */
    private static String headerName(String cell) {
        String s = cell.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /** Column resolution against the header (names and messages). */
    private record Header(String source, int line, List<String> columns) {
        SeriesFormatException error(String detail) {
            return new SeriesFormatException(source, line, null, detail);
        }

        String name(int i) {
            String n = columns.get(i);
            return n.isEmpty() ? "#" + (i + 1) : n;
        }

        String found() {
            return "columns found: " + columns.stream().map(SeriesFormatException::quote)
                    .collect(Collectors.joining(", "));
        }

        /** A header name (any case, surrounding whitespace/quotes ignored) or else a 1-based position. */
        int resolve(String spec, String role) {
            String want = headerName(spec);
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(want)) {
                    return i;
                }
            }
            if (want.chars().allMatch(Character::isDigit) && !want.isEmpty() && want.length() < 10) {
                int n = Integer.parseInt(want);
                if (n >= 1 && n <= columns.size()) {
                    return n - 1;
                }
                throw error("no column " + n + " (the " + role + " column); positions count from 1 and the header "
                        + "has " + columns.size() + " columns; " + found());
            }
            throw error("no column " + quote(spec.trim()) + " (the " + role + " column); " + found());
        }

        int autoTime() {
            for (int i = 0; i < columns.size(); i++) {
                if (TIME_NAMES.contains(columns.get(i).toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            throw error("no time column; expected a column named timestamp, time, date or datetime (any case), "
                    + "or one given with timeColumn; " + found());
        }

        /**
         * The first column other than {@code time} and {@code label} whose first non-missing cell is a number,
         * reading data rows into {@code pending} until that is decided.
         */
        int autoValue(int time, int label, CsvRecords records, List<Pending> pending) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (i != time && i != label) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                throw error("no column for the value: the header has only " + found()
                        + "; expected a column of numbers besides the time" + (label >= 0 ? " and label" : "")
                        + " column");
            }
            List<String> rejected = new ArrayList<>();
            int k = 0;
            int scanned = 0;
            while (k < candidates.size()) {
                int c = candidates.get(k);
                boolean decided = false;
                for (; scanned < pending.size(); scanned++) {
                    Pending p = pending.get(scanned);
                    if (c >= p.cells().size()) {
                        continue; // a short row; next() reports it
                    }
                    String t = p.cells().get(c).trim();
                    if (Cells.isMissing(t)) {
                        continue;
                    }
                    if (Cells.number(t) != null) {
                        return c;
                    }
                    rejected.add(quote(name(c)) + " has " + quote(t) + " on line " + p.line());
                    decided = true;
                    break;
                }
                if (decided) {
                    k++;
                    scanned = 0;
                    continue;
                }
                List<String> r = records.next();
                if (r == null) {
                    break;
                }
                pending.add(new Pending(r, records.recordLine()));
            }
            if (pending.isEmpty()) {
                throw noDataRows(source, records, line);
            }
            for (; k < candidates.size(); k++) {
                rejected.add(quote(name(candidates.get(k))) + " has only missing values");
            }
            throw error("no numeric column for the value: " + String.join(", ", rejected)
                    + "; expected a column whose first non-missing cell is a number, or one given with valueColumn");
        }
    }

    private static SeriesFormatException noDataRows(String source, CsvRecords records, int headerLine) {
        return new SeriesFormatException(source, Math.max(records.line(), headerLine + 1), null,
                "no data rows; expected at least one row after the header");
    }

    /**
     * The next data row, or null at the end of the input (blocking until a line is complete when the input is a
     * live stream). Throws {@link SeriesFormatException} for a row that breaks a rule, and at the end of an input
     * that had no data rows.
     */
    public SeriesRow next() {
        List<String> cells;
        int line;
        if (pendingPos < pending.size()) {
            Pending p = pending.get(pendingPos++);
            cells = p.cells();
            line = p.line();
        } else {
            if (pendingPos > 0) {
                pending.clear();
                pendingPos = 0;
            }
            cells = records.next();
            if (cells == null) {
                if (rows == 0) {
                    throw noDataRows(source, records, headerLine);
                }
                return null;
            }
            line = records.recordLine();
        }
        return row(cells, line);
    }

    private SeriesRow row(List<String> cells, int line) {
        int need = Math.max(timeIndex, Math.max(valueIndex, labelIndex)) + 1;
        if (cells.size() < need) {
            int absent = need - 1;
            for (int i : new int[] {timeIndex, valueIndex, labelIndex}) {
                if (i >= cells.size() && i < absent) {
                    absent = i;
                }
            }
            throw error(line, absent, "the row has " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
                    + ", but this column is column " + (absent + 1) + "; expected at least " + need
                    + " cells as the chosen columns need");
        }
        String timeText = cells.get(timeIndex).trim();
        LocalDateTime time = time(timeText, line);
        TimeOrder order = TimeOrder.FORWARD;
        if (previousTime != null) {
            int cmp = time.compareTo(previousTime);
            order = cmp == 0 ? TimeOrder.REPEATED : cmp < 0 ? TimeOrder.BACKWARD : TimeOrder.FORWARD;
        }
        if (options.strictTime() && order == TimeOrder.REPEATED) {
            throw error(line, timeIndex, "duplicate timestamp " + quote(timeText) + ": the previous row (line "
                    + previousLine + ") has " + quote(previousText) + "; strictTime expects each timestamp after the "
                    + "previous one");
        }
        if (options.strictTime() && order == TimeOrder.BACKWARD) {
            throw error(line, timeIndex, "timestamp " + quote(timeText) + " is not after the previous "
                    + quote(previousText) + " (line " + previousLine + "); strictTime expects each timestamp after "
                    + "the previous one");
        }

        String valueText = cells.get(valueIndex).trim();
        boolean isMissing = Cells.isMissing(valueText);
        boolean isCarried = false;
        double value;
        if (isMissing) {
            value = Double.NaN;
            if (options.missing() == MissingPolicy.FAIL) {
                throw error(line, valueIndex, (valueText.isEmpty() ? "missing value (blank cell)"
                        : "missing value " + quote(valueText)) + "; expected a number (missing values are refused: "
                        + "missing policy FAIL)");
            }
            if (options.missing() == MissingPolicy.CARRY && haveUsable) {
                value = lastUsable;
                isMissing = false;
                isCarried = true;
            }
        } else {
            Double v = Cells.number(valueText);
            if (v == null) {
                throw error(line, valueIndex, quote(valueText) + " is not a number; expected a number or a "
                        + "missing value (" + Cells.MISSING_FORMS + ")");
            }
            if (!Double.isFinite(v)) {
                throw error(line, valueIndex, quote(valueText) + " is not a finite number; expected a finite "
                        + "number or a missing value (" + Cells.MISSING_FORMS + ")");
            }
            value = v;
            lastUsable = value;
            haveUsable = true;
        }

        int label = -1;
        if (labelIndex >= 0) {
            String labelText = cells.get(labelIndex).trim();
            label = Cells.label(labelText);
            if (label < 0) {
                throw error(line, labelIndex, (labelText.isEmpty() ? "blank label" : quote(labelText)
                        + " is not a label") + "; expected 0, 1, true or false (also 0.0, 1.0)");
            }
        }

        rows++;
        missing += isMissing ? 1 : 0;
        carried += isCarried ? 1 : 0;
        repeated += order == TimeOrder.REPEATED ? 1 : 0;
        backward += order == TimeOrder.BACKWARD ? 1 : 0;
        previousTime = time;
        previousText = timeText;
        previousLine = line;
        return new SeriesRow(line, timeText, time, value, isMissing, isCarried, label, order);
    }

    private LocalDateTime time(String text, int line) {
        if (text.isEmpty()) {
            throw error(line, timeIndex, "missing timestamp (blank cell); expected a timestamp on every row "
                    + "(a value may be missing, a time may not)");
        }
        if (format == null) {
            format = TimeFormat.detect(text);
            if (format == null) {
                throw error(line, timeIndex, quote(text) + " is not a timestamp; tried "
                        + TimeFormat.allDescriptions());
            }
            formatLine = line;
            formatText = text;
        }
        Timestamps.Stamp s = Timestamps.parse(format, text);
        TimeFormat unit = s != null && formatText != null
                && (format == TimeFormat.UNIX_SECONDS || format == TimeFormat.UNIX_MILLIS) ? TimeFormat.detect(text)
                : format;
        if (unit != null && unit != format) {
            // the unit was read from the first row's magnitude: a row of the other magnitude is the other unit, and
            // reading it as this one would put it decades (or millennia) away
            throw error(line, timeIndex, quote(text) + " has the magnitude of " + unit.description() + ", while "
                    + quote(formatText) + " on line " + formatLine + " set "
                    + format.description() + "; expected one unit in a file (--time-format forces one)");
        }
        if (s == null) {
            String which = formatText == null
                    ? "the format given (" + format.description() + ")"
                    : "the format detected from " + quote(formatText) + " on line " + formatLine + " ("
                    + format.description() + ")";
            throw error(line, timeIndex, quote(text) + " is not a timestamp in " + which
                    + "; expected every row in the same format");
        }
        if (zonedText == null) {
            zoned = s.zoned();
            zonedLine = line;
            zonedText = text;
        } else if (s.zoned() != zoned) {
            throw error(line, timeIndex, quote(text) + (s.zoned() ? " has" : " has no") + " UTC offset but "
                    + quote(zonedText) + " on line " + zonedLine + (zoned ? " has one" : " has none")
                    + "; expected an offset on every timestamp or on none (a local time cannot be placed among "
                    + "UTC times)");
        }
        return s.time();
    }

    private SeriesFormatException error(int line, int column, String detail) {
        String n = columns.get(column);
        return new SeriesFormatException(source, line, n.isEmpty() ? "#" + (column + 1) : n, detail);
    }

    /** The name given to the input in messages. */
    public String source() {
        return source;
    }

    /** The header names as found (unquoted, trimmed), in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The header name of the time column used. */
    public String timeColumn() {
        return columns.get(timeIndex);
    }

    /** The header name of the value column used. */
    public String valueColumn() {
        return columns.get(valueIndex);
    }

    /** The header name of the label column, or null when none was asked for. */
    public String labelColumn() {
        return labelIndex < 0 ? null : columns.get(labelIndex);
    }

    /** The time format: the one given, else the one detected from the first row (null before it is read). */
    public TimeFormat timeFormat() {
        return format;
    }

    /** What the rows returned so far had: rows, missing, carried, repeated, backward. */
    public SeriesCounts counts() {
        return new SeriesCounts(rows, missing, carried, repeated, backward);
    }

    /** Closes the underlying reader. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
