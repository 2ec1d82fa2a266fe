package org.dgmkit.data.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.dgmkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCorpusTest {
    @TempDir
    Path dir;

    @Test
    void probationIsFifteenPercentFlooredCappedAt750() {
        assertEquals(604, NabSeries.probationRows(4032)); // floor(604.8)
        assertEquals(750, NabSeries.probationRows(22695));
        assertEquals(750, NabSeries.probationRows(5000));
        assertEquals(749, NabSeries.probationRows(4999)); // floor(749.85)
        assertEquals(3, NabSeries.probationRows(20));
        assertEquals(0, NabSeries.probationRows(6));
    }

    @Test
    void windowsWithMicrosecondSuffixMapToInclusiveRows() throws IOException {
        NabCorpus c = NabCorpus.open(TinyNab.create(dir));
        NabSeries s = c.series(TinyNab.WITH);
        assertEquals(1, s.windows().size());
        NabWindow w = s.windows().get(0);
        assertEquals(10, w.firstRow());
        assertEquals(14, w.lastRow());
        assertEquals(5, w.length());
        assertEquals(TinyNab.T0.plusMinutes(50), w.start());
        assertEquals(List.of(TinyNab.T0.plusMinutes(60)), s.labels());
        assertEquals(3, s.probationRows());
        assertEquals(5, java.util.Arrays.stream(s.windowLabels()).sum());
        assertEquals(1, s.windowLabels()[14]);
        assertEquals(0, s.windowLabels()[15]);
        assertEquals(0, c.series(TinyNab.WITHOUT).windows().size());
        assertEquals(List.of(TinyNab.WITH), c.artificialNames());
        assertEquals(0.11, c.profile("standard").fpWeight());
        assertEquals(2.0, c.profile("reward_low_FN_rate").fnWeight());
    }

    @Test
    void windowLimitNotInDataIsAnError() throws IOException {
        TinyNab.create(dir);
        Files.writeString(dir.resolve("labels/combined_windows.json"), "{\"" + TinyNab.WITH
                + "\": [[\"2014-04-01 00:51:00.000000\", \"" + TinyNab.ts(14) + ".000000\"]], \""
                + TinyNab.WITHOUT + "\": []}");
        NabCorpus c = NabCorpus.open(dir);
        String m = assertThrows(NabFormatException.class, () -> c.series(TinyNab.WITH)).getMessage();
        assertTrue(m.contains("combined_windows.json") && m.contains(TinyNab.WITH)
                && m.contains("expected both limits to be timestamps"), m);
    }

    @Test
    void labelFilesMustCoverTheDataFiles() throws IOException {
        TinyNab.create(dir);
        Files.writeString(dir.resolve("labels/combined_windows.json"), "{\"" + TinyNab.WITH + "\": []}");
        String m = assertThrows(NabFormatException.class, () -> NabCorpus.open(dir)).getMessage();
        assertTrue(m.contains("no entry for data file " + TinyNab.WITHOUT), m);
        Files.writeString(dir.resolve("labels/combined_windows.json"), "{\"" + TinyNab.WITH + "\": [[\"x\"]]}");
        m = assertThrows(NabFormatException.class, () -> NabCorpus.open(dir)).getMessage();
        assertTrue(m.contains("combined_windows.json: " + TinyNab.WITH + "[0]: expected a [start, end] pair"), m);
    }

    @Test
    void readsTheRealCorpus() {
        NabCorpus c = NabCorpus.open(TestData.sharedData().resolve("nab"));
        assertEquals(58, c.names().size());
        assertEquals(11, c.artificialNames().size());
        assertEquals(3, c.profiles().size());
        NabSeries s = c.series("artificialWithAnomaly/art_daily_jumpsup.csv");
        assertEquals(4032, s.size());
        assertEquals(604, s.probationRows());
        assertEquals(1, s.windows().size());
        NabWindow w = s.windows().get(0);
        assertEquals(LocalDateTime.of(2014, 4, 10, 16, 15), w.start());
        assertEquals(2787, w.firstRow());
        assertEquals(3189, w.lastRow());
        assertEquals(List.of(LocalDateTime.of(2014, 4, 11, 9, 0)), s.labels());
        assertTrue(s.artificial());
        assertEquals("artificialWithAnomaly", s.category());
        assertEquals("art_daily_jumpsup.csv", s.fileName());
        int windows = 0;
        for (NabSeries x : c.all()) {
            windows += x.windows().size();
            assertTrue(x.probationRows() <= 750);
            assertFalse(x.windows().stream().anyMatch(v -> v.firstRow() < x.probationRows()), x.name());
        }
        assertEquals(116, windows);
        assertEquals(116, c.windowCount(c.names()));
        // NAB's own files repeat timestamps at daylight-saving changes; read as NAB reads them
        assertEquals(1624, c.series("realAdExchange/exchange-2_cpm_results.csv").size());
        assertEquals(22695, c.series("realKnownCause/machine_temperature_system_failure.csv").size());
    }
}
