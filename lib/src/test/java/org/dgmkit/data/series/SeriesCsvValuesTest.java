package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values (numbers, missing under skip / carry / fail, bad values) and labels. */
class SeriesCsvValuesTest {
    @TempDir
    Path dir;
    SeriesFiles files;

    @BeforeEach
    void setUp() {
        files = new SeriesFiles(dir);
    }

    /** Lines 2..10: one number, seven missing forms, one number. */
    private static final String GAPS = "Time,Value\n"
            + "2020-01-01 00:00,1\n"
            + "2020-01-01 00:01,\n"
            + "2020-01-01 00:02,NaN\n"
            + "2020-01-01 00:03,null\n"
            + "2020-01-01 00:04,\"NA\"\n"
            + "2020-01-01 00:05,n/a\n"
            + "2020-01-01 00:06,None\n"
            + "2020-01-01 00:07,  nan  \n"
            + "2020-01-01 00:08,5\n";

    @Test
    void skipKeepsOneMissingRowPerLine() {
        SeriesTable t = files.read(GAPS);
        assertEquals(9, t.size());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10}, t.lines());
        assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, true, false}, t.missing());
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 5}, t.values());
        assertEquals(new SeriesCounts(9, 7, 0, 0, 0), t.counts());
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1, -1, -1, -1}, t.labels());
    }

    @Test
    void carryFillsWithTheLastUsableValueButNotBeforeTheFirst() {
        SeriesTable t = files.read("time,value\n2020-01-01,\n2020-01-02,1\n2020-01-03,\n2020-01-04,NA\n"
                + "2020-01-05,4\n2020-01-06,null\n", SeriesFiles.DEFAULTS.withMissing(MissingPolicy.CARRY));
        assertArrayEquals(new double[] {Double.NaN, 1, 1, 1, 4, 4}, t.values());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false}, t.missing());
        assertArrayEquals(new boolean[] {false, false, true, true, false, true}, t.carried());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7}, t.lines());
        assertEquals(new SeriesCounts(6, 1, 3, 0, 0), t.counts());
    }

    @Test
    void failRefusesAMissingValueNamingLineAndColumn() {
        SeriesCsvOptions fail = SeriesFiles.DEFAULTS.withMissing(MissingPolicy.FAIL);
        SeriesFormatException blank = files.error(GAPS, fail);
        assertTrue(blank.getMessage().endsWith("series.csv:3: column 'Value': missing value (blank cell); expected a "
                + "number (missing values are refused: missing policy FAIL)"), blank.getMessage());
        SeriesFormatException na = files.error("time,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,NA\n", fail);
        assertEquals(4, na.line());
        assertEquals("value", na.column());
        assertTrue(na.getMessage().contains("missing value 'NA'"), na.getMessage());
        assertEquals(3, files.read("time,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", fail).size());
    }

    @Test
    void numbersInTheUsualNotations() {
        SeriesTable t = files.read("time,value\n2020-01-01,1.5e3\n2020-01-02,+2\n2020-01-03,.5\n2020-01-04,-7.\n"
                + "2020-01-05,\" 42 \"\n2020-01-06,-0\n");
        assertArrayEquals(new double[] {1500, 2, 0.5, -7, 42, -0.0}, t.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1d", "0x10", "1,5", "12 kB", "--1", "1e", "true"})
    void aValueThatIsNotANumberIsAnError(String cell) {
        SeriesFormatException e = files.error("Time,Value\n2020-01-01,1\n2020-01-02,\"" + cell + "\"\n");
        assertTrue(e.getMessage().endsWith("series.csv:3: column 'Value': '" + cell + "' is not a number; expected a "
                + "number or a missing value (blank, NaN, null, NA, N/A, None)"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals("Value", e.column());
        assertEquals("'" + cell + "' is not a number; expected a number or a missing value (blank, NaN, null, NA, "
                + "N/A, None)", e.detail());
        assertTrue(e.source().endsWith("series.csv"), e.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-Infinity", "1e999"})
    void anInfiniteValueIsAnError(String cell) {
        SeriesFormatException e = files.error("time,value\n2020-01-01," + cell + "\n");
        assertTrue(e.getMessage().endsWith("series.csv:2: column 'value': '" + cell + "' is not a finite number; "
                + "expected a finite number or a missing value (blank, NaN, null, NA, N/A, None)"), e.getMessage());
    }

    @Test
    void labelsReadAsZeroOrOne() {
        SeriesTable t = files.read("time,value,Label\n2020-01-01,1,0\n2020-01-02,2,1\n2020-01-03,3,true\n"
                + "2020-01-04,4,FALSE\n2020-01-05,5,0.0\n2020-01-06,6,\"1.0\"\n2020-01-07,,True\n",
                SeriesFiles.DEFAULTS.withLabelColumn("label"));
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1, 1}, t.labels());
        assertEquals("Label", t.labelColumn());
        assertTrue(t.hasLabels());
        assertTrue(t.row(6).missing()); // a missing value keeps its label
        SeriesTable byPosition = files.read("time,value,Label\n2020-01-01,1,1\n",
                SeriesFiles.DEFAULTS.withLabelColumn("3"));
        assertEquals(1, byPosition.row(0).label());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "yes", "-1", "0.5", "anomaly"})
    void aBadLabelIsAnError(String cell) {
        SeriesFormatException e = files.error("time,value,label\n2020-01-01,1,0\n2020-01-02,2," + cell + "\n",
                SeriesFiles.DEFAULTS.withLabelColumn("label"));
        assertTrue(e.getMessage().endsWith("series.csv:3: column 'label': '" + cell + "' is not a label; expected 0, "
                + "1, true or false (also 0.0, 1.0)"), e.getMessage());
    }

    @Test
    void aBlankLabelIsAnError() {
        SeriesFormatException e = files.error("time,value,label\n2020-01-01,1,\n",
                SeriesFiles.DEFAULTS.withLabelColumn("label"));
        assertTrue(e.getMessage().endsWith("series.csv:2: column 'label': blank label; expected 0, 1, true or false "
                + "(also 0.0, 1.0)"), e.getMessage());
    }
}
