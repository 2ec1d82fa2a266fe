package org.dgmkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReadableNumbersTest {
    @Test
    void fourSignificantDigitsWholeNumbersAndLargeIntegerPartsKept() {
        assertEquals("62.44", ReadableNumbers.text(62.43503429286389));
        assertEquals("0.4946", ReadableNumbers.text(0.49459937212077243));
        assertEquals("-97.97", ReadableNumbers.text(-97.9734));
        assertEquals("3983", ReadableNumbers.text(3983.04));
        assertEquals("1862905", ReadableNumbers.text(1862904.6));
        assertEquals("58", ReadableNumbers.text(58.0));
        assertEquals("-2.11", ReadableNumbers.text(-2.1100000000000003));
        assertEquals("1.5", ReadableNumbers.text(1.5));
        assertEquals("0.0001235", ReadableNumbers.text(0.000123456));
        assertEquals("1.235e-06", ReadableNumbers.text(1.23456e-6));
        assertEquals("", ReadableNumbers.text(Double.NaN));
        assertEquals("-Infinity", ReadableNumbers.text(Double.NEGATIVE_INFINITY));
    }

    @Test
    void theShownCopyRoundsWhileTheTableAndItsCsvKeepEveryDigit() {
        Table t = Table.create("scores", StringColumn.create("model", "vae", "htm"),
                DoubleColumn.create("standard", 62.43503429286389, Double.NaN));
        Table shown = ReadableNumbers.of(t);
        assertEquals("scores", shown.name());
        assertEquals("62.44", shown.doubleColumn("standard").getString(0));
        assertEquals("", shown.doubleColumn("standard").getString(1));
        assertTrue(t.doubleColumn("standard").getString(0).startsWith("62.435034"), t.doubleColumn(1).getString(0));
        assertTrue(t.write().toString("csv").contains("62.43503429286389"));
        String html = HtmlTable.render(shown);
        assertTrue(html.contains(">62.44</td>"), html);
    }
}
