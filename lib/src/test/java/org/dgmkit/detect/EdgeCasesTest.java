package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Defined behaviour for a constant series and for a model whose scores are NaN. */
class EdgeCasesTest {
    static final int ROWS = 400;
    static final int PROBATION = 60;

    static LocalDateTime[] times() {
        LocalDateTime[] t = new LocalDateTime[ROWS];
        for (int i = 0; i < ROWS; i++) {
            t[i] = LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(5L * i);
        }
        return t;
    }

    static DetectorSettings tiny() {
        return DetectorSettings.defaults().withAll("hidden=8", "latent=2", "epochs=3", "samples=2", "span=rows:16");
    }

    @Test
    void a_constant_series_gets_finite_raw_scores_and_never_alarms() {
        double[] v = new double[ROWS];
        Arrays.fill(v, 3.25); // like art_flatline
        ModelDetector d = new ModelDetector(tiny(), PROBATION);
        double[] s = d.scoreAll(times(), v);
        double[] raw = new ModelScorer(tiny(), PROBATION).scoreAll(times(), v);
        for (int i = ModelScorer.fitRow(tiny(), PROBATION); i < ROWS; i++) {
            assertTrue(Double.isFinite(raw[i]), "raw " + i + ": " + raw[i]);
        }
        // Numenta's flat-input rule gives the broad null distribution; the novelty rule never fires (min == max)
        for (int i = 0; i < ROWS; i++) {
            assertTrue(s[i] >= 0 && s[i] < 0.05, "row " + i + ": " + s[i]);
        }
    }

    @Test
    void nan_model_scores_are_rows_without_a_score_never_alarms() {
        DetectorSettings s = tiny();
        ModelDetector d = new ModelDetector(s, PROBATION);
        LocalDateTime[] t = times();
        double[] out = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double value = Math.sin(i / 10.0);
            if (i == 200) {
                // the model breaks: every weight NaN
                d.scorer().model().parameters().values().assign(Double.NaN);
            }
            out[i] = d.next(t[i], value);
        }
        for (int i = 200; i < ROWS; i++) {
            assertEquals(PostProcessor.UNKNOWN, out[i], 0, "row " + i);
        }
        assertTrue(d.postProcessor().unscoredRows() >= 200, "unscored " + d.postProcessor().unscoredRows());
    }
}
