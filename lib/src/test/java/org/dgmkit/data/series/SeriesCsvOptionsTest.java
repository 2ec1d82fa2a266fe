package org.dgmkit.data.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The options record: defaults, one field per with-method, refusal of blank columns; time format names. */
class SeriesCsvOptionsTest {
    @Test
    void defaultsRecogniseEverythingFromTheFile() {
        assertEquals(new SeriesCsvOptions(null, null, null, null, MissingPolicy.SKIP, false),
                SeriesCsvOptions.defaults());
    }

    @Test
    void eachWithMethodChangesOnlyItsField() {
        SeriesCsvOptions o = SeriesCsvOptions.defaults().withTimeColumn("t").withValueColumn("2").withLabelColumn("y")
                .withTimeFormat(TimeFormat.UNIX_MILLIS).withMissing(MissingPolicy.CARRY).withStrictTime(true);
        assertEquals(new SeriesCsvOptions("t", "2", "y", TimeFormat.UNIX_MILLIS, MissingPolicy.CARRY, true), o);
        assertEquals(new SeriesCsvOptions(null, "2", "y", TimeFormat.UNIX_MILLIS, MissingPolicy.CARRY, true),
                o.withTimeColumn(null));
    }

    @Test
    void aBlankColumnOrNoMissingPolicyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesCsvOptions.defaults().withValueColumn("  "));
        assertTrue(e.getMessage().contains("valueColumn must be a column name or 1-based position"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeriesCsvOptions.defaults().withMissing(null));
    }

    @Test
    void timeFormatsByName() {
        assertEquals(TimeFormat.UNIX_MILLIS, TimeFormat.named("unix-ms"));
        assertEquals(TimeFormat.ISO, TimeFormat.named(" ISO "));
        assertEquals(TimeFormat.UNIX_SECONDS, TimeFormat.named("unix_seconds"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeFormat.named("epoch"));
        assertEquals("unknown time format 'epoch'; expected one of space, iso, date, unix-s, unix-ms", e.getMessage());
    }
}
