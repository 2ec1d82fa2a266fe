package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every baseline is causal, scores in [0, 1], and runs over a corpus by name. */
class DetectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"windowed-gaussian", "spectral-residual", "raw-normalised", "value-diff"})
    void every_baseline_is_causal_and_scores_in_the_unit_interval(String name) {
        assertTrue(Detectors.baseline(name));
        CausalityTest.assertPrefixesEqual(name, () -> Detectors.baselineFor(name, DetectorSettings.defaults(),
                CausalityTest.PROBATION));
        EvalSeries s = new EvalSeries("a", CausalityTest.times(), CausalityTest.series(), CausalityTest.PROBATION);
        Map<String, double[]> scores = Detectors.scores(name, DetectorSettings.defaults(), List.of(s), null, null, 1);
        assertEquals(CausalityTest.ROWS, scores.get("a").length);
    }

    @org.junit.jupiter.api.Test
    void the_normalisation_only_baselines_have_nothing_after_their_signals() {
        DetectorSettings raw = Detectors.rawNormalised();
        assertEquals(List.of(SignalProcessor.Signal.MODEL), raw.signals());
        assertTrue(raw.signalPost() && !raw.getBoolean("novelty") && raw.getDouble("restWindow") == 0);
        assertEquals(List.of(SignalProcessor.Signal.VALUE, SignalProcessor.Signal.DIFF), Detectors.valueDiff().signals());
        assertThrows(IllegalArgumentException.class, () -> Detectors.baselineFor("vae", DetectorSettings.defaults(), 10));
    }
}
