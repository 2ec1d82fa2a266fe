package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dgmkit.cli.KitException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names the file, the line and (where one column is at fault) the column. */
class SeriesCsvErrorsTest {
    @TempDir
    Path dir;
    SeriesFiles files;

    @BeforeEach
    void setUp() {
        files = new SeriesFiles(dir);
    }

    private static void assertAt(SeriesFormatException e, int line, String column, String text) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("series.csv:" + line + ": "
                + (column == null ? "" : "column '" + column + "': ") + text), e.getMessage());
        assertTrue(e.source().endsWith("series.csv"), e.source());
    }

    @Test
    void anEmptyFile() {
        assertAt(files.error(""), 1, null, "empty file; expected a header row");
        assertAt(files.error("\n\r\n  \n"), 1, null, "empty file");
    }

    @Test
    void onlyAHeader() {
        assertAt(files.error("timestamp,value\n"), 2, null, "no data rows; expected at least one row after the header");
        assertAt(files.error("timestamp,value"), 2, null, "no data rows");
        assertAt(files.error("timestamp,value\n\n\n"), 4, null, "no data rows");
        assertAt(files.error("timestamp,value\n", SeriesFiles.DEFAULTS.withValueColumn("value")), 2, null,
                "no data rows");
    }

    @Test
    void aColumnThatDoesNotExistListsTheColumnsFound() {
        assertAt(files.error("Time,Value\n2020-01-01,1\n", SeriesFiles.DEFAULTS.withValueColumn("cpu")), 1, null,
                "no column 'cpu' (the value column); columns found: 'Time', 'Value'");
        assertAt(files.error("Time,Value\n2020-01-01,1\n", SeriesFiles.DEFAULTS.withLabelColumn("3")), 1, null,
                "no column 3 (the label column); positions count from 1 and the header has 2 columns; columns "
                        + "found: 'Time', 'Value'");
        assertAt(files.error("Time,Value\n2020-01-01,1\n", SeriesFiles.DEFAULTS.withTimeColumn("0")), 1, null,
                "no column 0 (the time column)");
    }

    @Test
    void noTimeColumn() {
        assertAt(files.error("when,value\n2020-01-01,1\n"), 1, null, "no time column; expected a column named "
                + "timestamp, time, date or datetime (any case), or one given with timeColumn; columns found: "
                + "'when', 'value'");
    }

    @Test
    void noNumericColumnForTheValue() {
        assertAt(files.error("host,time,note\nweb-1,2020-01-01,\nweb-2,2020-01-02,\n"), 1, null,
                "no numeric column for the value: 'host' has 'web-1' on line 2, 'note' has only missing values; "
                        + "expected a column whose first non-missing cell is a number, or one given with valueColumn");
        assertAt(files.error("time\n2020-01-01\n"), 1, null, "no column for the value: the header has only columns "
                + "found: 'time'");
    }

    @Test
    void theSameColumnForTwoRoles() {
        assertAt(files.error("time,value\n2020-01-01,1\n", SeriesFiles.DEFAULTS.withValueColumn("1")), 1, null,
                "the value column 'time' is also the time column");
        assertAt(files.error("time,value\n2020-01-01,1\n",
                SeriesFiles.DEFAULTS.withValueColumn("value").withLabelColumn("VALUE")), 1, null,
                "the value column 'value' is also the label column");
    }

    @Test
    void aBlankTimestamp() {
        assertAt(files.error("time,value\n2020-01-01,1\n,2\n"), 3, "time", "missing timestamp (blank cell)");
        assertAt(files.error("time,value\n\"  \",2\n"), 2, "time", "missing timestamp");
    }

    @Test
    void anUnreadableTimestamp() {
        assertAt(files.error("time,value\n2020-01-01 00:00,1\nyesterday,2\n"), 3, "time",
                "'yesterday' is not a timestamp in the format detected from '2020-01-01 00:00' on line 2");
    }

    @Test
    void aNonNumericValue() {
        SeriesFormatException e = files.error("Time,Value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,abc\n");
        assertAt(e, 4, "Value", "'abc' is not a number; expected a number or a missing value (blank, NaN, null, "
                + "NA, N/A, None)");
        assertInstanceOf(KitException.class, e);
    }

    @Test
    void aBadLabel() {
        assertAt(files.error("time,value,label\n2020-01-01,1,maybe\n", SeriesFiles.DEFAULTS.withLabelColumn("label")),
                2, "label", "'maybe' is not a label; expected 0, 1, true or false");
    }

    @Test
    void aRowShorterThanTheChosenColumnsNeed() {
        assertAt(files.error("time,value,label\n2020-01-01,1,0\n2020-01-02,2\n",
                SeriesFiles.DEFAULTS.withLabelColumn("label")), 3, "label",
                "the row has 2 cells, but this column is column 3; expected at least 3 cells as the chosen columns "
                        + "need");
        assertAt(files.error("time,host,value\n2020-01-01,a,1\n2020-01-02\n"), 3, "value",
                "the row has 1 cell, but this column is column 3");
    }

    @Test
    void csvSyntaxErrors() {
        assertAt(files.error("time,value\n2020-01-01,1\n\"2020-01-02,2\n"), 3, null,
                "field 1 opens a double quote that is never closed");
        assertAt(files.error("time,value\n\"2020-01-01\"x,1\n"), 2, null,
                "field 1 has text after its closing double quote");
    }

    @Test
    void notUtf8() throws Exception {
        Path f = dir.resolve("series.csv");
        Files.write(f, new byte[] {'t', 'i', 'm', 'e', ',', 'v', '\n', '2', '0', '2', '0', '-', '0', '1', '-', '0',
            '1', ',', (byte) 0xE9, '\n'});
        SeriesFormatException e = assertThrows(SeriesFormatException.class,
                () -> SeriesCsv.read(f, SeriesFiles.DEFAULTS));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }

    @Test
    void aMissingFile() {
        Path f = dir.resolve("absent.csv");
        SeriesFormatException e = assertThrows(SeriesFormatException.class,
                () -> SeriesCsv.read(f, SeriesFiles.DEFAULTS));
        assertTrue(e.getMessage().endsWith("absent.csv: no such file"), e.getMessage());
        assertEquals(0, e.line());
        assertNull(e.column());
    }
}
