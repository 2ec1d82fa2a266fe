package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-by-row reading from a Reader gives what the file read gives, without reading ahead of a complete line. */
class SeriesCsvStreamTest {
    @TempDir
    Path dir;

    private static final String MIXED = "\uFEFF\"Time\",\"host\",\"Value\",\"Label\"\r\n"
            + "\"2020-11-01 00:30:00\",\"a, b\",\"\",\"0\"\r\n"
            + "\"2020-11-01 01:00:00\",\"a\",\"1.5\",\"0\"\r\n"
            + "\r\n"
            + "\"2020-11-01 01:30:00\",\"a\",\"NaN\",\"true\"\r\n"
            + "\"2020-11-01 01:00:00\",\"a \"\"x\"\"\",\"2.5\",\"1.0\"\r\n"
            + "\"2020-11-01 01:00:00\",\"a\",\"3\",\"false\"\r\n"
            + "\"2020-11-01 02:00:00\",\"a\",\"\",\"0\"";

    @Test
    void streamingGivesTheSameRowsAsTheFileRead() throws IOException {
        SeriesCsvOptions o = SeriesCsvOptions.defaults().withLabelColumn("label").withMissing(MissingPolicy.CARRY);
        SeriesTable table = new SeriesFiles(dir).read(MIXED, o);
        List<SeriesRow> streamed = new ArrayList<>();
        try (SeriesCsvReader r = SeriesCsvReader.open(new StringReader(MIXED), "series.csv", o)) {
            assertEquals(List.of("Time", "host", "Value", "Label"), r.columns());
            assertEquals("Value", r.valueColumn());
            for (SeriesRow row = r.next(); row != null; row = r.next()) {
                streamed.add(row);
            }
            assertNull(r.next());
            assertEquals(table.counts(), r.counts());
            assertEquals(TimeFormat.SPACE, r.timeFormat());
        }
        assertEquals(table.rows(), streamed);
        assertEquals(6, streamed.size());
        assertEquals(new SeriesCounts(6, 1, 2, 1, 1), table.counts());
        assertEquals(new SeriesRow(6, "2020-11-01 01:00:00", LocalDateTime.of(2020, 11, 1, 1, 0), 2.5, false, false,
                1, TimeOrder.BACKWARD), streamed.get(3));
        assertEquals(new SeriesRow(8, "2020-11-01 02:00:00", LocalDateTime.of(2020, 11, 1, 2, 0), 3, false, true,
                0, TimeOrder.FORWARD), streamed.get(5));
    }

    @Test
    void errorsNameTheStreamsSource() {
        SeriesFormatException e = assertThrows(SeriesFormatException.class, () -> SeriesCsv.read(
                new StringReader("time,value\n2020-01-01,1\n2020-01-02,x\n"), "-", SeriesCsvOptions.defaults()));
        assertEquals("-:3: column 'value': 'x' is not a number; expected a number or a missing value (blank, NaN, "
                + "null, NA, N/A, None)", e.getMessage());
    }

    /** A live input: what has arrived so far, then "blocks" (fails the test) if asked for more. */
    private static final class Live extends Reader {
        private final StringBuilder arrived = new StringBuilder();
        private int pos;

        void arrive(String text) {
            arrived.append(text);
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == arrived.length()) {
                throw new IllegalStateException("read past the input that has arrived: would block");
            }
            int n = Math.min(len, arrived.length() - pos);
            arrived.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachRowIsReturnedAsSoonAsItsLineIsComplete() {
        Live live = new Live();
        live.arrive("Time,Value\r\n2020-01-01 00:00,1\r\n");
        SeriesCsvReader r = SeriesCsvReader.open(live, "-", SeriesCsvOptions.defaults());
        assertEquals(1.0, r.next().value());
        live.arrive("2020-01-01 00:01,2\r");
        assertEquals(2.0, r.next().value());
        live.arrive("\n2020-01-01 00:02,\n");
        SeriesRow third = r.next();
        assertEquals(4, third.line());
        assertEquals(true, third.missing());
        assertEquals(new SeriesCounts(3, 1, 0, 0, 0), r.counts());
        assertThrows(IllegalStateException.class, r::next); // nothing more has arrived
    }
}
