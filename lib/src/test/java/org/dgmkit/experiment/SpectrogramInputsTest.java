package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.TestData;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.signal.StftConfig;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Notebook 07's tables on the real artificial NAB series. */
class SpectrogramInputsTest {
    private static final NabCorpus NAB = NabCorpus.open(TestData.sharedData().resolve("nab"));
    private static final StftConfig STFT = StftConfig.defaults().withWindow(288).withHop(1);

    @Test
    void windowTradeoffCountsFramesAndBins() {
        NabSeries s = NAB.series("artificialWithAnomaly/art_daily_jumpsup.csv");
        Table t = SpectrogramInputs.windowTradeoff(s, STFT, 48, 288);
        assertEquals("STFT window vs resolution (4032 rows, probation 604)", t.name());
        assertEquals(List.of(48, 288), t.intColumn("window (samples)").asList());
        assertEquals(List.of(4.0, 24.0), t.doubleColumn("window (hours)").asList());
        assertEquals(List.of(25, 145), t.intColumn("bins").asList());
        assertEquals(List.of(6.0, 1.0), t.doubleColumn("bin spacing (cycles/day)").asList());
        assertEquals(List.of(4032 - 47, 4032 - 287), t.intColumn("frames").asList());
        assertEquals(List.of(604 - 47, 604 - 287), t.intColumn("frames ending in probation").asList());
        assertEquals(List.of(47, 287), t.intColumn("first scored row").asList());
    }

    @Test
    void perSeriesComparesTrainingAndWindowFrames() {
        Table t = SpectrogramInputs.perSeries(NAB.artificial(), STFT);
        assertEquals(NAB.artificial().size(), t.rowCount());
        int jumps = t.stringColumn("series").indexOf("art_daily_jumpsup");
        int flat = t.stringColumn("series").indexOf("art_flatline");
        assertEquals(317, t.intColumn("training frames").get(jumps));
        assertTrue(t.doubleColumn("bin 0, window frames").get(jumps) > t.doubleColumn("bin 0, training frames").get(jumps),
                "the jump raises the frames' level");
        assertTrue(t.doubleColumn("bin 0, window frames").isMissing(flat), "no window, no window mean");
    }

    @Test
    void figuresRender() {
        List<NabSeries> two = NAB.series(List.of("artificialWithAnomaly/art_daily_jumpsup.csv",
                "artificialNoAnomaly/art_daily_small_noise.csv"));
        assertTrue(SpectrogramInputs.frameScales(two.get(0), STFT, 100).image().getWidth() > 100);
        assertTrue(SpectrogramInputs.seriesAndSpectrograms(two, STFT, "log1p").image().getHeight()
                > SpectrogramInputs.spectrograms(two, STFT.withWindow(48), "log1p").image().getHeight(),
                "series above spectrograms: two rows");
    }
}
