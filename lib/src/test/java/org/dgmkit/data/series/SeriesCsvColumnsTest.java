package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header names, column choice (by name, position, automatically) and CSV syntax (quotes, line ends, BOM). */
class SeriesCsvColumnsTest {
    @TempDir
    Path dir;
    SeriesFiles files;

    @BeforeEach
    void setUp() {
        files = new SeriesFiles(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp,value", "Timestamp,Value", "TIME,VALUE", "\"Time\",\"Value\"",
        " Date , Value ", "DateTime,value", "\"time\" , \"value\" ", "time,value,"})
    void headerCaseAndQuoteVariantsFindTimeAndValue(String header) {
        SeriesTable t = files.read(header + "\n2020-03-15 00:00:00,1.5\n2020-03-15 00:05:00,-2\n");
        assertEquals(2, t.size());
        assertArrayEquals(new double[] {1.5, -2}, t.values());
        assertEquals(LocalDateTime.of(2020, 3, 15, 0, 5), t.row(1).time());
        assertEquals(header.split(",")[0].replace("\"", "").trim(), t.timeColumn());
    }

    @Test
    void columnsByNameAnyCaseAndQuotesAndBy1BasedPosition() {
        String csv = "host,Time,cpu,mem\nweb-1,2020-01-01 00:00:00,1.5,30\nweb-1,2020-01-01 00:01:00,2.5,31\n";
        for (String spec : new String[] {"mem", "MEM", " Mem ", "\"mem\"", "4"}) {
            SeriesTable t = files.read(csv, SeriesFiles.DEFAULTS.withValueColumn(spec));
            assertArrayEquals(new double[] {30, 31}, t.values(), spec);
            assertEquals("mem", t.valueColumn(), spec);
        }
        SeriesTable t = files.read(csv, SeriesFiles.DEFAULTS.withTimeColumn("2").withValueColumn("3"));
        assertEquals("Time", t.timeColumn());
        assertArrayEquals(new double[] {1.5, 2.5}, t.values());
        assertEquals(List.of("host", "Time", "cpu", "mem"), t.columns());
    }

    @Test
    void aHeaderNameWinsOverAPosition() {
        // "1" names the third column; position 1 would be the time column
        SeriesTable t = files.read("time,value,1\n2020-01-01,5,7\n", SeriesFiles.DEFAULTS.withValueColumn("1"));
        assertEquals("1", t.valueColumn());
        assertEquals(7.0, t.row(0).value());
    }

    @Test
    void automaticColumnsSkipANonNumericHostColumn() {
        SeriesTable t = files.read("host,Date,cpu\nweb-1,2020-01-01,3\nweb-2,2020-01-02,4\n");
        assertEquals("Date", t.timeColumn());
        assertEquals("cpu", t.valueColumn());
        assertEquals(TimeFormat.DATE, t.timeFormat());
        assertArrayEquals(new double[] {3, 4}, t.values());
        assertEquals(LocalDateTime.of(2020, 1, 2, 0, 0), t.row(1).time());
    }

    @Test
    void automaticValueLooksAtTheFirstNonMissingCellOfEachColumn() {
        // 'a' is blank on line 2 and numeric on line 3: it is the value column, and line 2 is a missing row
        SeriesTable t = files.read("time,a,b\n2020-01-01,,x\n2020-01-02,7,y\n2020-01-03,8,z\n");
        assertEquals("a", t.valueColumn());
        assertEquals(3, t.size());
        assertTrue(t.row(0).missing());
        assertArrayEquals(new int[] {2, 3, 4}, t.lines());
        assertEquals(7.0, t.row(1).value());
        // 'note' is blank first, then text: rejected; 'value' is used
        SeriesTable u = files.read("time,note,value\n2020-01-01,,5\n2020-01-02,ok,6\n");
        assertEquals("value", u.valueColumn());
        assertArrayEquals(new double[] {5, 6}, u.values());
    }

    @Test
    void anAutomaticValueColumnIsNeverTheLabelColumn() {
        SeriesTable t = files.read("time,label,value\n2020-01-01,0,5\n2020-01-02,1,6\n",
                SeriesFiles.DEFAULTS.withLabelColumn("label"));
        assertEquals("value", t.valueColumn());
        assertArrayEquals(new int[] {0, 1}, t.labels());
    }

    @Test
    void quotedFieldsHoldCommasAndEscapedQuotes() {
        SeriesTable t = files.read("\"Time\",\"Note\",\"Value\"\r\n"
                + "\"2020-03-15T00:00:00\",\"a, \"\"quoted\"\" note\",\"2.5\"\r\n"
                + "\"2020-03-15T00:01:00\",\"\",\"3\"\r\n");
        assertEquals("Value", t.valueColumn());
        assertArrayEquals(new double[] {2.5, 3}, t.values());
        assertArrayEquals(new String[] {"2020-03-15T00:00:00", "2020-03-15T00:01:00"}, t.timestamps());
        assertArrayEquals(new int[] {2, 3}, t.lines());
    }

    @Test
    void recordsFollowRfc4180() {
        List<List<String>> r = records("a,\"b, c\",\"say \"\"hi\"\"\", d ,\"\"\r\n"
                + "\"two\nlines\",x\r\n"
                + "\n   \n"
                + "last,\"\"\"\"");
        assertEquals(List.of(List.of("a", "b, c", "say \"hi\"", " d ", ""), List.of("two\nlines", "x"),
                List.of("last", "\"")), r);
    }

    @Test
    void recordLinesCountEveryLineEndingKind() {
        CsvRecords c = new CsvRecords(new StringReader("\uFEFFh1,h2\r\nx,1\r\n\r\n\"y\ny\",2\rz,3\n\nw,4"), "s");
        List<Integer> lines = new ArrayList<>();
        List<String> first = new ArrayList<>();
        for (List<String> rec = c.next(); rec != null; rec = c.next()) {
            lines.add(c.recordLine());
            first.add(rec.get(0));
        }
        assertEquals(List.of("h1", "x", "y\ny", "z", "w"), first); // the BOM is gone
        assertEquals(List.of(1, 2, 4, 6, 8), lines);
    }

    @Test
    void blankLinesAndCrLfKeepLineNumbers() {
        SeriesTable t = files.read("timestamp,value\r\n\r\n2020-01-01 00:00:00,1\r\n  \r\n"
                + "2020-01-01 00:01:00,2\r\n2020-01-01 00:02:00,3\r\n\r\n");
        assertEquals(3, t.size());
        assertArrayEquals(new int[] {3, 5, 6}, t.lines());
        assertArrayEquals(new double[] {1, 2, 3}, t.values());
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnored() {
        SeriesTable t = files.read("\uFEFF\"Time\",\"Value\"\n2020-01-01 00:00:00,1\n");
        assertEquals("Time", t.timeColumn());
        assertEquals(List.of("Time", "Value"), t.columns());
        assertNull(t.labelColumn());
        assertFalse(t.hasLabels());
    }

    @Test
    void extraCellsBeyondTheChosenColumnsAreIgnored() {
        SeriesTable t = files.read("time,value\n2020-01-01,1,extra,cells\n");
        assertEquals(1.0, t.row(0).value());
    }

    private static List<List<String>> records(String text) {
        CsvRecords c = new CsvRecords(new StringReader(text), "s");
        List<List<String>> out = new ArrayList<>();
        for (List<String> rec = c.next(); rec != null; rec = c.next()) {
            out.add(rec);
        }
        return out;
    }
}
