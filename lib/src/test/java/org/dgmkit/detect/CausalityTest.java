package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.dgmkit.model.catalog.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A detector may use rows 0..t for the score of row t, never later ones: the scores of a series truncated at row k
 * must be, bit for bit, the first k scores of the whole series. Checked for every model of the catalogue, both inputs,
 * with refits, at several k (inside chunks, at chunk and refit boundaries, before and after the fit row).
 */
class CausalityTest {
    static final int ROWS = 520;
    static final int PROBATION = 120;

    /** A daily-ish pattern with noise and a level shift at row 400 (after some cuts, before others). */
    static double[] series() {
        Random r = new Random(5);
        double[] v = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            v[i] = Math.sin(2 * Math.PI * i / 48.0) + 0.1 * r.nextGaussian() + (i >= 400 ? 2 : 0);
        }
        return v;
    }

    static LocalDateTime[] times() {
        LocalDateTime[] t = new LocalDateTime[ROWS];
        for (int i = 0; i < ROWS; i++) {
            t[i] = LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(30L * i);
        }
        return t;
    }

    /** Tiny, quick settings that still exercise the fit, chunks, refits and every post-processing part. */
    static DetectorSettings tiny(String model, String input) {
        return DetectorSettings.defaults().withAll("model=" + model, "input=" + input, "hidden=8", "latent=2", "fitFraction=0.5",
                "epochs=3", "refitEpochs=2", "refitEvery=90", "refitRows=200", "chunk=16", "samples=3",
                "span=PT12H", "blocks=6", "rest=0.2", "reestimate=30");
    }

    static void assertPrefixesEqual(String what, Supplier<StreamingDetector> fresh) {
        double[] v = series();
        LocalDateTime[] t = times();
        double[] full = fresh.get().scoreAll(t, v);
        assertEquals(ROWS, full.length);
        for (int k : new int[] {59, 60, 61, 77, 160, 173, 250, 251, 399, 431}) {
            double[] part = fresh.get().scoreAll(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
            for (int i = 0; i < k; i++) {
                assertEquals(Double.doubleToLongBits(full[i]), Double.doubleToLongBits(part[i]),
                        what + ": truncated at " + k + ", row " + i + ": " + part[i] + " vs " + full[i]);
            }
        }
        for (double s : full) {
            assertTrue(s >= 0 && s <= 1, what + ": score " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "auxvae", "sdgm", "auxvae2", "sdgm2", "lvae"})
    void truncated_series_give_the_same_scores_raw_window(String model) {
        assertTrue(ModelCatalog.names().contains(model));
        DetectorSettings s = tiny(model, "raw").with("hidden", "8,4");
        assertPrefixesEqual(model, () -> new ModelDetector(s, PROBATION));
    }

    @Test
    void truncated_series_give_the_same_scores_spectrogram() {
        DetectorSettings s = tiny("vae", "spectrogram").with("frameMaxRows", "16");
        assertPrefixesEqual("vae spectrogram", () -> new ModelDetector(s, PROBATION));
    }

    @Test
    void truncated_series_give_the_same_scores_episode_rest() {
        DetectorSettings s = tiny("vae", "raw").withAll("restMode=episode", "restWindow=0.1");
        assertPrefixesEqual("vae episode rest", () -> new ModelDetector(s, PROBATION));
    }

    @Test
    void truncated_series_give_the_same_scores_seed_ensemble() {
        DetectorSettings s = tiny("vae", "raw").withAll("ensemble=2", "ensembleCombine=mixture");
        assertPrefixesEqual("vae ensemble", () -> new ModelDetector(s, PROBATION));
    }

    @Test
    void truncated_series_give_the_same_scores_likelihood_level_ensemble() {
        DetectorSettings s = tiny("vae", "raw").withAll("ensemble=2", "ensembleLevel=likelihood",
                "ensembleCombine=max");
        assertPrefixesEqual("vae ensemble, likelihood level", () -> new ModelDetector(s, PROBATION));
    }

    @Test
    void truncated_series_give_the_same_scores_cross_model_ensemble() {
        DetectorSettings raw = tiny("vae", "raw").withAll("ensembleModels=vae,lvae", "ensembleCombine=median");
        assertPrefixesEqual("vae + lvae, raw level", () -> new ModelDetector(raw, PROBATION));
        DetectorSettings lik = raw.withAll("ensembleLevel=likelihood", "ensembleCombine=mean");
        assertPrefixesEqual("vae + lvae, likelihood level", () -> new ModelDetector(lik, PROBATION));
        // row by row gives the batched numbers
        double[] v = series();
        LocalDateTime[] t = times();
        double[] batched = new ModelDetector(lik, PROBATION).scoreAll(t, v);
        ModelDetector streaming = new ModelDetector(lik, PROBATION);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(Double.doubleToLongBits(batched[i]), Double.doubleToLongBits(streaming.next(t[i], v[i])),
                    "row " + i);
        }
    }

    @Test
    void truncated_series_give_the_same_scores_multi_scale_signals() {
        // each span's model a signal of its own beside the value and its change (post=signals, member level)
        DetectorSettings s = tiny("vae", "raw").withAll("ensembleSpans=rows:8,PT12H", "ensembleLevel=likelihood",
                "post=signals", "signalCombine=sum", "modelWeight=0.3", "restWindow=0");
        assertPrefixesEqual("vae on two spans, signals", () -> new ModelDetector(s, PROBATION));
        double[] v = series();
        LocalDateTime[] t = times();
        double[] batched = new ModelDetector(s, PROBATION).scoreAll(t, v);
        ModelDetector streaming = new ModelDetector(s, PROBATION);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(Double.doubleToLongBits(batched[i]), Double.doubleToLongBits(streaming.next(t[i], v[i])),
                    "row " + i);
        }
    }

    @Test
    void row_by_row_streaming_gives_the_batched_numbers() {
        DetectorSettings s = tiny("lvae", "raw");
        double[] v = series();
        LocalDateTime[] t = times();
        double[] batched = new ModelDetector(s, PROBATION).scoreAll(t, v);
        ModelDetector streaming = new ModelDetector(s, PROBATION);
        for (int i = 0; i < ROWS; i++) {
            double one = streaming.next(t[i], v[i]);
            assertEquals(Double.doubleToLongBits(batched[i]), Double.doubleToLongBits(one), "row " + i);
        }
        assertEquals(5, streaming.scorer().refits()); // rows 150, 240, 330, 420, 510 after the fit at row 60
        // the model scored every row from the fit row on
        double[] raw = new ModelScorer(s, PROBATION).scoreAll(t, v);
        assertTrue(Double.isNaN(raw[59]) && !Double.isNaN(raw[60]), raw[59] + " " + raw[60]);
        assertEquals(0, Arrays.stream(raw, 60, ROWS).filter(Double::isNaN).count());
    }
}
