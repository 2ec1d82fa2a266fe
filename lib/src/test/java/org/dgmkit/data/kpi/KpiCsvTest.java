package org.dgmkit.data.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiCsvTest {
    @TempDir
    Path dir;

    Path write(String content) throws IOException {
        Path f = dir.resolve("kpi.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** The message of the error reading {@code content}; it must name the file. */
    String error(String content) throws IOException {
        Path f = write(content);
        String m = assertThrows(KpiFormatException.class, () -> KpiCsv.read(f)).getMessage();
        assertTrue(m.startsWith(f + ":"), m);
        return m;
    }

    @Test
    void readsTimestampsValuesAndLabels() throws IOException {
        KpiPart p = KpiCsv.read(write("timestamp,value,label\n1491041280,35.03,0\n1491041340,-2.27682019415e-05,1\n"
                + "1491041400,7,1\n1491041700,0.5,0\n1491041760,1E3,1\n"));
        assertEquals(5, p.size());
        assertArrayEquals(new long[] {1491041280L, 1491041340L, 1491041400L, 1491041700L, 1491041760L},
                p.timestamps());
        assertArrayEquals(new double[] {35.03, -2.27682019415e-05, 7, 0.5, 1000}, p.values());
        assertArrayEquals(new int[] {0, 1, 1, 0, 1}, p.labels());
        assertEquals(LocalDateTime.of(2017, 4, 1, 10, 8), p.time(0)); // 1491041280 s = 2017-04-01T10:08:00Z
        assertEquals(1491041340L, p.timestamp(1));
        assertEquals(35.03, p.value(0));
        assertEquals(1, p.label(2));
        assertEquals(3, p.labelledPoints());
        assertEquals(List.of(new KpiSegment(1, 3), new KpiSegment(4, 5)), p.segments());
        assertEquals(60, p.intervalSeconds());
        assertEquals(p.time(4), p.times()[4]);
    }

    @Test
    void arraysAreCopies() throws IOException {
        KpiPart p = KpiCsv.read(write("timestamp,value,label\n60,1,0\n120,2,1\n"));
        p.values()[0] = 99;
        p.labels()[0] = 1;
        p.timestamps()[0] = 0;
        assertEquals(1.0, p.value(0));
        assertEquals(0, p.label(0));
        assertEquals(60, p.timestamp(0));
    }

    @Test
    void acceptsBomCrlfAndTrailingBlankLines() throws IOException {
        KpiPart p = KpiCsv.read(write("\uFEFFtimestamp,value,label\r\n60,1.5,0\r\n120,2.5,1\r\n\r\n\n"));
        assertEquals(2, p.size());
        assertEquals(2.5, p.value(1));
        assertEquals(1, p.label(1));
        assertEquals(1, KpiCsv.read(write("timestamp,value,label\n60,1,0")).size()); // no final newline
    }

    @Test
    void wrongFieldCountNamesFileLineAndCause() throws IOException {
        String m = error("timestamp,value,label\n60,1,0\n120,2,0,5\n");
        assertTrue(m.endsWith("kpi.csv:3: expected 3 fields 'timestamp,value,label', found 4 in '120,2,0,5'"), m);
        m = error("timestamp,value,label\n60,1,0\n120,2\n");
        assertTrue(m.endsWith("kpi.csv:3: expected 3 fields 'timestamp,value,label', found 2 in '120,2'"), m);
    }

    @Test
    void nonNumericValueNamesFileLineAndCause() throws IOException {
        String m = error("timestamp,value,label\n60,1,0\n120,abc,0\n");
        assertTrue(m.endsWith("kpi.csv:3: expected a finite number as value, found 'abc'"), m);
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e400", "1.2.3", "0x1p3", " 1", "1d", "-"}) {
            m = error("timestamp,value,label\n60," + bad + ",0\n");
            assertTrue(m.endsWith("kpi.csv:2: expected a finite number as value, found '" + bad + "'"), m);
        }
    }

    @Test
    void blankValueIsAnError() throws IOException {
        String m = error("timestamp,value,label\n60,1,0\n120,,0\n");
        assertTrue(m.endsWith("kpi.csv:3: missing value; expected a finite number"), m);
    }

    @Test
    void badLabelNamesFileLineAndCause() throws IOException {
        for (String bad : new String[] {"2", "-1", "0.0", "true", "", " 1", "01"}) {
            String m = error("timestamp,value,label\n60,1,0\n120,2," + bad + "\n");
            assertTrue(m.endsWith("kpi.csv:3: expected label 0 or 1, found '" + bad + "'"), m);
        }
    }

    @Test
    void nonIntegerTimestampNamesFileLineAndCause() throws IOException {
        for (String bad : new String[] {"1491041280.0", "1.49104128e9", "2017-04-01 10:08:00", "-60", " 60", "abc"}) {
            String m = error("timestamp,value,label\n" + bad + ",1,0\n");
            assertTrue(m.endsWith("kpi.csv:2: expected an integer Unix time in seconds as timestamp, found '" + bad
                    + "'"), m);
        }
        String m = error("timestamp,value,label\n60,1,0\n,1,0\n");
        assertTrue(m.endsWith("kpi.csv:3: missing timestamp; expected an integer Unix time in seconds"), m);
        m = error("timestamp,value,label\n999999999999,1,0\n");
        assertTrue(m.contains("kpi.csv:2: timestamp 999999999999 is after year 9999"), m);
    }

    @Test
    void repeatedOrDecreasingTimestampIsAnError() throws IOException {
        String m = error("timestamp,value,label\n60,1,0\n120,1,0\n120,2,0\n");
        assertTrue(m.contains("kpi.csv:4: duplicate timestamp 120 (1970-01-01T00:02Z); expected timestamps strictly "
                + "after 120"), m);
        m = error("timestamp,value,label\n60,1,0\n120,1,0\n90,2,0\n");
        assertTrue(m.contains("kpi.csv:4: decreasing timestamp 90 (1970-01-01T00:01:30Z); expected timestamps "
                + "strictly after 120"), m);
    }

    @Test
    void gapsAreKept() throws IOException {
        KpiPart p = KpiCsv.read(write("timestamp,value,label\n60,1,1\n120,1,1\n600,2,1\n660,2,0\n"));
        assertEquals(4, p.size());
        assertEquals(60, p.intervalSeconds());
        assertEquals(List.of(new KpiSegment(0, 3)), p.segments()); // a gap does not split a run in file order
    }

    @Test
    void headerAndEmptyFileErrors() throws IOException {
        String m = error("timestamp,value\n60,1\n");
        assertTrue(m.endsWith("kpi.csv:1: expected the header 'timestamp,value,label', found 'timestamp,value'"), m);
        m = error("");
        assertTrue(m.endsWith("kpi.csv:1: empty file; expected the header 'timestamp,value,label'"), m);
        m = error("timestamp,value,label\n");
        assertTrue(m.endsWith("kpi.csv:2: no rows; expected at least one row 'timestamp,value,label'"), m);
        m = error("timestamp,value,label\n60,1,0\n\n120,1,0\n");
        assertTrue(m.endsWith("kpi.csv:3: blank line; expected a row 'timestamp,value,label'"), m);
    }

    @Test
    void missingFileNamesTheFile() {
        Path f = dir.resolve("absent.csv");
        String m = assertThrows(KpiFormatException.class, () -> KpiCsv.read(f)).getMessage();
        assertTrue(m.startsWith(f + ": cannot read"), m);
    }
}
