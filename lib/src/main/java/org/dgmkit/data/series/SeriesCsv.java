package org.dgmkit.data.series;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole series CSV (UTF-8) into a {@link SeriesTable}: the file form of {@link SeriesCsvReader}, with the
 * same rules and messages. The file's path as given names it in errors ({@code data.csv:17: ...}).
 */
public final class SeriesCsv {
    private SeriesCsv() {
    }

    /** Reads {@code file} as {@code options} say. */
    public static SeriesTable read(Path file, SeriesCsvOptions options) {
        String source = file.toString();
        Reader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SeriesFormatException(source, 0, null, "no such file", e);
        } catch (IOException e) {
            throw new SeriesFormatException(source, 0, null, "cannot open: " + e.getMessage(), e);
        }
        return read(in, source, options);
    }

    /** Reads all of {@code in} (closing it), naming it {@code sourceName} in errors. */
    public static SeriesTable read(Reader in, String sourceName, SeriesCsvOptions options) {
        try (SeriesCsvReader r = SeriesCsvReader.open(in, sourceName, options)) {
            List<SeriesRow> rows = new ArrayList<>();
            for (SeriesRow row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
            return new SeriesTable(sourceName, r.columns(), r.timeColumn(), r.valueColumn(), r.labelColumn(),
                    r.timeFormat(), rows, r.counts());
        } catch (IOException e) {
            throw new SeriesFormatException(sourceName, 0, null, "cannot close: " + e.getMessage(), e);
        } finally {
            try {
                in.close(); // also when open() failed
            } catch (IOException ignored) {
                // the read's own error, if any, is the one to report
            }
        }
    }
}
