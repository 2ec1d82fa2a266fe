package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test CSVs (as UTF-8, exactly as given) and reads them back. */
final class SeriesFiles {
    static final SeriesCsvOptions DEFAULTS = SeriesCsvOptions.defaults();

    private final Path dir;

    SeriesFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String content) {
        try {
            Path f = dir.resolve("series.csv");
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SeriesTable read(String content) {
        return SeriesCsv.read(write(content), DEFAULTS);
    }

    SeriesTable read(String content, SeriesCsvOptions options) {
        return SeriesCsv.read(write(content), options);
    }

    SeriesFormatException error(String content, SeriesCsvOptions options) {
        Path f = write(content);
        return assertThrows(SeriesFormatException.class, () -> SeriesCsv.read(f, options));
    }

    SeriesFormatException error(String content) {
        return error(content, DEFAULTS);
    }
}
