package org.dgmkit.data.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Reads one NAB data file ({@code timestamp,value} header, {@code yyyy-MM-dd HH:mm:ss} timestamps, strictly
 * increasing) into a Tablesaw table with columns {@code timestamp} (LocalDateTime) and {@code value} (double).
 * Any deviation is an error naming the file, the 1-based line (the header is line 1) and what was expected.
 *
 * <p>NAB's own corpus breaks the order rule in 8 of its 58 files (timestamps repeated at daylight-saving changes,
 * e.g. realAdExchange/exchange-2_cpm_results.csv line 1306, and one row out of order in
 * realKnownCause/machine_temperature_system_failure.csv line 10151); NAB reads them as they are, and so does
 * {@link NabCorpus}, through {@link #read(Path, boolean)} with {@code strictOrder = false}.
 */
public final class NabCsv {
    private NabCsv() {
    }

    /** Reads {@code file}, requiring strictly increasing timestamps; the table is named after the file. */
    public static Table read(Path file) {
        return read(file, true);
    }

    /**
     * Reads {@code file}; with {@code strictOrder} false, repeated or decreasing timestamps are kept as they are
     * (as NAB does) instead of being an error. Every other check applies either way.
     */
    public static Table read(Path file, boolean strictOrder) {
        List<LocalDateTime> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw NabFormatException.at(file, 1, "empty file; expected the header 'timestamp,value'");
            }
            if (!stripBom(header).trim().equals("timestamp,value")) {
                throw NabFormatException.at(file, 1, "expected the header 'timestamp,value', found '" + header + "'");
            }
            int lineNo = 1;
            String line;
            LocalDateTime previous = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue; // a trailing newline or blank line carries no row
                }
                String[] parts = line.split(",", -1);
                if (parts.length != 2) {
                    throw NabFormatException.at(file, lineNo,
                            "expected 2 fields 'timestamp,value', found " + parts.length + " in '" + line + "'");
                }
                LocalDateTime t = NabTimestamps.parseData(parts[0].trim());
                if (t == null) {
                    throw NabFormatException.at(file, lineNo,
                            "expected a timestamp 'yyyy-MM-dd HH:mm:ss', found '" + parts[0] + "'");
                }
                String v = parts[1].trim();
                if (v.isEmpty()) {
                    throw NabFormatException.at(file, lineNo, "missing value; expected a finite number");
                }
                double value;
                try {
                    value = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw NabFormatException.at(file, lineNo, "expected a finite number as value, found '" + v + "'");
                }
                if (!Double.isFinite(value)) {
                    throw NabFormatException.at(file, lineNo, "expected a finite number as value, found '" + v + "'");
                }
                if (strictOrder && previous != null && !t.isAfter(previous)) {
                    throw NabFormatException.at(file, lineNo, (t.equals(previous) ? "duplicate" : "unsorted")
                            + " timestamp " + parts[0].trim() + "; expected timestamps strictly after "
                            + NabTimestamps.format(previous));
                }
                previous = t;
                times.add(t);
                values.add(value);
            }
        } catch (IOException e) {
            throw new NabFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (times.isEmpty()) {
            throw NabFormatException.at(file, 2, "no rows; expected at least one 'timestamp,value' row");
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return Table.create(file.getFileName().toString(),
                DateTimeColumn.create("timestamp", times), DoubleColumn.create("value", v));
    }

    static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
