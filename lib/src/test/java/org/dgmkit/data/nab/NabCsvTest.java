package org.dgmkit.data.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class NabCsvTest {
    @TempDir
    Path dir;

    Path write(String content) throws IOException {
        Path f = dir.resolve("series.csv");
        Files.writeString(f, content);
        return f;
    }

    String error(String content) throws IOException {
        Path f = write(content);
        return assertThrows(NabFormatException.class, () -> NabCsv.read(f)).getMessage();
    }

    @Test
    void readsTimestampsAndValues() throws IOException {
        Table t = NabCsv.read(write("timestamp,value\n2014-04-01 00:00:00,1.5\n2014-04-01 00:05:00,-2\n"));
        assertEquals(2, t.rowCount());
        assertEquals(LocalDateTime.of(2014, 4, 1, 0, 5), t.dateTimeColumn("timestamp").get(1));
        assertEquals(-2.0, t.doubleColumn("value").get(1));
        assertEquals(1.5, t.doubleColumn("value").get(0));
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2,3\n");
        assertTrue(m.contains("series.csv:3:"), m);
        assertTrue(m.contains("expected 2 fields"), m);
    }

    @Test
    void badTimestampNamesFileAndLine() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:00:00,1\n2014/04/01 00:05,2\n");
        assertTrue(m.contains("series.csv:3:"), m);
        assertTrue(m.contains("expected a timestamp 'yyyy-MM-dd HH:mm:ss'"), m);
    }

    @Test
    void missingValueNamesFileAndLine() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,\n");
        assertTrue(m.contains("series.csv:3: missing value"), m);
    }

    @Test
    void nanAndTextValuesAreErrors() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:00:00,NaN\n");
        assertTrue(m.contains("series.csv:2:") && m.contains("expected a finite number"), m);
        m = error("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,abc\n");
        assertTrue(m.contains("series.csv:3:") && m.contains("'abc'"), m);
    }

    @Test
    void unsortedTimestampNamesFileAndLine() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:10:00,1\n2014-04-01 00:00:00,2\n");
        assertTrue(m.contains("series.csv:4: unsorted timestamp 2014-04-01 00:00:00"), m);
        assertTrue(m.contains("expected timestamps strictly after 2014-04-01 00:10:00"), m);
    }

    @Test
    void duplicateTimestampNamesFileAndLine() throws IOException {
        String m = error("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:00:00,2\n");
        assertTrue(m.contains("series.csv:3: duplicate timestamp 2014-04-01 00:00:00"), m);
    }

    @Test
    void orderIsNotCheckedWhenReadingAsNabDoes() throws IOException {
        Table t = NabCsv.read(write("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:00:00,2\n"), false);
        assertEquals(2, t.rowCount());
    }

    @Test
    void wrongHeaderNamesFileAndLineOne() throws IOException {
        String m = error("time,value\n2014-04-01 00:00:00,1\n");
        assertTrue(m.contains("series.csv:1: expected the header 'timestamp,value', found 'time,value'"), m);
        m = error("");
        assertTrue(m.contains("series.csv:1: empty file"), m);
        m = error("timestamp,value\n");
        assertTrue(m.contains("series.csv:2: no rows"), m);
    }
}
