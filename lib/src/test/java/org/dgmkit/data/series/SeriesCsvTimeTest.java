package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Timestamp forms (detected and forced), format mismatches, time order and daylight-saving repeats. */
class SeriesCsvTimeTest {
    @TempDir
    Path dir;
    SeriesFiles files;

    @BeforeEach
    void setUp() {
        files = new SeriesFiles(dir);
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("2020-03-15 13:45:30", TimeFormat.SPACE, LocalDateTime.of(2020, 3, 15, 13, 45, 30)),
                Arguments.of("2020-03-15 13:45", TimeFormat.SPACE, LocalDateTime.of(2020, 3, 15, 13, 45)),
                Arguments.of("2020-03-15 13:45:30.25", TimeFormat.SPACE,
                        LocalDateTime.of(2020, 3, 15, 13, 45, 30, 250_000_000)),
                Arguments.of("2020-03-15 13:45:30+02:00", TimeFormat.SPACE, LocalDateTime.of(2020, 3, 15, 11, 45, 30)),
                Arguments.of("2020-03-15 13:45:30 UTC", TimeFormat.SPACE, LocalDateTime.of(2020, 3, 15, 13, 45, 30)),
                Arguments.of("2020-03-15T13:45:30", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 13, 45, 30)),
                Arguments.of("2020-03-15T13:45", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 13, 45)),
                Arguments.of("2020-03-15T13:45:30.123456789", TimeFormat.ISO,
                        LocalDateTime.of(2020, 3, 15, 13, 45, 30, 123_456_789)),
                Arguments.of("2020-03-15T13:45:30Z", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 13, 45, 30)),
                Arguments.of("2020-03-15T13:45:30.5Z", TimeFormat.ISO,
                        LocalDateTime.of(2020, 3, 15, 13, 45, 30, 500_000_000)),
                Arguments.of("2020-03-15T13:45:30+02:00", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 11, 45, 30)),
                Arguments.of("2020-03-15T13:45:30+0200", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 11, 45, 30)),
                Arguments.of("2020-03-15T01:00:00-05:00", TimeFormat.ISO, LocalDateTime.of(2020, 3, 15, 6, 0)),
                Arguments.of("2020-03-15T00:30:00+01", TimeFormat.ISO, LocalDateTime.of(2020, 3, 14, 23, 30)),
                Arguments.of("2020-03-15", TimeFormat.DATE, LocalDateTime.of(2020, 3, 15, 0, 0)),
                Arguments.of("1584230400", TimeFormat.UNIX_SECONDS, LocalDateTime.of(2020, 3, 15, 0, 0)),
                Arguments.of("1584230400.25", TimeFormat.UNIX_SECONDS,
                        LocalDateTime.of(2020, 3, 15, 0, 0, 0, 250_000_000)),
                Arguments.of("-1.5", TimeFormat.UNIX_SECONDS, LocalDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000)),
                Arguments.of("1584230400000", TimeFormat.UNIX_MILLIS, LocalDateTime.of(2020, 3, 15, 0, 0)),
                Arguments.of("1584230400123", TimeFormat.UNIX_MILLIS,
                        LocalDateTime.of(2020, 3, 15, 0, 0, 0, 123_000_000)),
                Arguments.of("100000000000", TimeFormat.UNIX_MILLIS, LocalDateTime.of(1973, 3, 3, 9, 46, 40)));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void eachFormIsDetectedWithoutFlags(String cell, TimeFormat form, LocalDateTime expected) {
        SeriesTable t = files.read("\"Time\",\"Value\"\n\"" + cell + "\",1\n");
        assertEquals(form, t.timeFormat());
        assertEquals(expected, t.row(0).time());
        assertEquals(cell, t.row(0).timestamp()); // echoed as written, without the quotes
        assertEquals(form, TimeFormat.detect(cell));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void eachFormIsReadWhenForced(String cell, TimeFormat form, LocalDateTime expected) {
        SeriesTable t = files.read("time,value\n" + cell + ",1\n", SeriesFiles.DEFAULTS.withTimeFormat(form));
        assertEquals(form, t.timeFormat());
        assertEquals(expected, t.row(0).time());
        assertEquals(expected, form.parse(cell));
        for (TimeFormat other : TimeFormat.values()) {
            if (other != form && !(isNumber(cell) && isNumberForm(other))) {
                assertNull(other.parse(cell), other + " should not read " + cell);
            }
        }
    }

    private static boolean isNumber(String s) {
        return s.matches("-?[0-9.]+");
    }

    private static boolean isNumberForm(TimeFormat f) {
        return f == TimeFormat.UNIX_SECONDS || f == TimeFormat.UNIX_MILLIS;
    }

    @Test
    void aForcedFormatOverridesTheMagnitudeRule() {
        SeriesTable t = files.read("time,value\n1584230400,1\n",
                SeriesFiles.DEFAULTS.withTimeFormat(TimeFormat.UNIX_MILLIS));
        assertEquals(LocalDateTime.of(1970, 1, 19, 8, 3, 50, 400_000_000), t.row(0).time());
    }

    @Test
    void aForcedFormatRefusesOtherForms() {
        SeriesFormatException e = files.error("time,value\n2020-03-15 00:00:00,1\n",
                SeriesFiles.DEFAULTS.withTimeFormat(TimeFormat.ISO));
        assertTrue(e.getMessage().endsWith("series.csv:2: column 'time': '2020-03-15 00:00:00' is not a timestamp in "
                + "the format given (ISO-8601 yyyy-MM-ddTHH:mm[:ss[.fraction]][Z|+hh:mm]); expected every row in the "
                + "same format"), e.getMessage());
    }

    @Test
    void aFormatMismatchLaterInTheFileNamesBothLines() {
        SeriesFormatException e = files.error("timestamp,value\n2020-03-15 00:00:00,1\n2020-03-15 00:05:00,2\n"
                + "2020-03-15T00:10:00,3\n");
        assertEquals(4, e.line());
        assertEquals("timestamp", e.column());
        assertTrue(e.getMessage().contains("series.csv:4: column 'timestamp': '2020-03-15T00:10:00' is not a "
                + "timestamp in the format detected from '2020-03-15 00:00:00' on line 2"), e.getMessage());
        SeriesFormatException ms = files.error("time,value\n1584230400000,1\n1584230400,2\n2020-03-15,3\n");
        assertEquals(3, ms.line());
        assertTrue(ms.getMessage().contains("'1584230400' has the magnitude of Unix seconds, while '1584230400000' on "
                + "line 2 set Unix milliseconds"), ms.getMessage());
        SeriesFormatException s = files.error("time,value\n1584230400,1\n1584230400000,2\n");
        assertEquals(3, s.line());
        assertTrue(s.getMessage().contains("expected one unit in a file"), s.getMessage());
    }

    @Test
    void anUnreadableTimestampListsTheFormatsTried() {
        SeriesFormatException e = files.error("time,value\n2020/03/15 00:00,1\n");
        assertTrue(e.getMessage().endsWith("series.csv:2: column 'time': '2020/03/15 00:00' is not a timestamp; "
                + "tried yyyy-MM-dd HH:mm[:ss[.fraction]][offset], "
                + "ISO-8601 yyyy-MM-ddTHH:mm[:ss[.fraction]][Z|+hh:mm], yyyy-MM-dd, Unix seconds, Unix milliseconds"), e.getMessage());
        assertTrue(files.error("time,value\n2020-02-30 00:00:00,1\n").getMessage()
                .contains("'2020-02-30 00:00:00' is not a timestamp; tried"));
        assertTrue(files.error("time,value\n2020-03-15T25:00:00,1\n").getMessage().contains("is not a timestamp"));
        assertTrue(files.error("time,value\n2020-03-15T10:00:00+25:00,1\n").getMessage()
                .contains("is not a timestamp"));
    }

    @Test
    void offsetsAndLocalTimesAreNotMixed() {
        SeriesFormatException e = files.error("time,value\n2020-03-15T00:00:00Z,1\n2020-03-15T01:00:00,2\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("'2020-03-15T01:00:00' has no UTC offset but '2020-03-15T00:00:00Z' on "
                + "line 2 has one"), e.getMessage());
        // different offsets are fine: all are converted to UTC
        SeriesTable t = files.read("time,value\n2020-03-15T00:00:00Z,1\n2020-03-15T03:00:00+02:00,2\n");
        assertEquals(LocalDateTime.of(2020, 3, 15, 1, 0), t.row(1).time());
    }

    private static final String DST_LOCAL = "Time,Value\n"
            + "2020-11-01 01:00:00,1\n"
            + "2020-11-01 01:30:00,2\n"
            + "2020-11-01 01:00:00,3\n"   // the clock went back an hour
            + "2020-11-01 01:30:00,4\n"
            + "2020-11-01 02:00:00,5\n";

    @Test
    void theRepeatedHourOfADaylightSavingChangeIsKeptInFileOrderAndCounted() {
        SeriesTable t = files.read(DST_LOCAL);
        assertEquals(5, t.size());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, t.values());
        assertEquals(List.of(TimeOrder.FORWARD, TimeOrder.FORWARD, TimeOrder.BACKWARD, TimeOrder.FORWARD,
                TimeOrder.FORWARD), t.rows().stream().map(SeriesRow::order).toList());
        assertEquals(new SeriesCounts(5, 0, 0, 0, 1), t.counts());
        assertEquals(LocalDateTime.of(2020, 11, 1, 1, 0), t.row(2).time());
    }

    @Test
    void anHourlyDaylightSavingRepeatIsCountedAsRepeated() {
        SeriesTable t = files.read("time,value\n2020-11-01 00:00,1\n2020-11-01 01:00,2\n2020-11-01 01:00,3\n"
                + "2020-11-01 02:00,4\n");
        assertEquals(List.of(TimeOrder.FORWARD, TimeOrder.FORWARD, TimeOrder.REPEATED, TimeOrder.FORWARD),
                t.rows().stream().map(SeriesRow::order).toList());
        assertEquals(1, t.counts().repeated());
        assertEquals(0, t.counts().backward());
    }

    @Test
    void offsetsTellTheTwoOccurrencesOfTheRepeatedHourApart() {
        SeriesTable t = files.read("time,value\n2020-11-01T01:30:00-04:00,1\n2020-11-01T01:00:00-05:00,2\n");
        assertEquals(LocalDateTime.of(2020, 11, 1, 5, 30), t.row(0).time());
        assertEquals(LocalDateTime.of(2020, 11, 1, 6, 0), t.row(1).time());
        assertEquals(new SeriesCounts(2, 0, 0, 0, 0), t.counts());
    }

    @Test
    void strictTimeRefusesTheRepeatedHour() {
        SeriesFormatException e = files.error(DST_LOCAL, SeriesFiles.DEFAULTS.withStrictTime(true));
        assertEquals(4, e.line());
        assertEquals("Time", e.column());
        assertTrue(e.getMessage().endsWith("series.csv:4: column 'Time': timestamp '2020-11-01 01:00:00' is not "
                + "after the previous '2020-11-01 01:30:00' (line 3); strictTime expects each timestamp after the "
                + "previous one"), e.getMessage());
        SeriesFormatException d = files.error("time,value\n2020-11-01 01:00,1\n2020-11-01 01:00,2\n",
                SeriesFiles.DEFAULTS.withStrictTime(true));
        assertTrue(d.getMessage().contains("series.csv:3: column 'time': duplicate timestamp '2020-11-01 01:00': the "
                + "previous row (line 2) has '2020-11-01 01:00'"), d.getMessage());
        String increasing = DST_LOCAL.replace("01:00:00,3", "01:45:00,3").replace("01:30:00,4", "01:50:00,4");
        assertEquals(5, files.read(increasing, SeriesFiles.DEFAULTS.withStrictTime(true)).size());
    }
}
