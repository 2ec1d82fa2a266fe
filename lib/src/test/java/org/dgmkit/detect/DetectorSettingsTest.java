package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

    @Test
    void one_line_changes_one_setting_and_bad_ones_fail_naming_key_and_expectation() {
        DetectorSettings s = DetectorSettings.defaults().with("model", "lvae").withAll("rest=0.25", "score=iw");
        assertEquals("lvae", s.get("model"));
        assertEquals(RawScore.NEG_IW, s.rawScore());
        assertEquals(0.25, s.getDouble("rest"));
        assertEquals("model=lvae score=iw rest=0.25", s.changes());
        var e = assertThrows(IllegalArgumentException.class, () -> s.with("modle", "vae"));
        assertTrue(e.getMessage().startsWith("unknown detector setting 'modle'; known: model, hidden"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.with("model", "gan"));
        assertEquals("detector setting model=gan: expected one of vae, auxvae, sdgm, auxvae2, sdgm2, lvae",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.with("epochs", "ten"));
        assertEquals("detector setting epochs=ten: expected an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.with("fitFraction", "1.5"));
        assertEquals("detector setting fitFraction=1.5: expected a number in (0, 1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.with("span", "one day"));
        assertThrows(IllegalArgumentException.class, () -> s.withAll("rest0.2"));
        assertEquals(Duration.ofHours(6), s.with("span", "PT6H").spanDuration());
        assertNull(s.with("span", "rows:50").spanDuration());
        assertEquals(50, s.with("span", "rows:50").spanRows());
    }

    @Test
    void only_settings_that_change_raw_scores_change_the_cache_key() {
        DetectorSettings a = DetectorSettings.defaults();
        assertEquals(a.rawScoreKey(), a.with("rest", "0.5").with("likelihood", "false").with("threshold", "0.7")
                .rawScoreKey());
        assertNotEquals(a.rawScoreDigest(), a.with("epochs", "10").rawScoreDigest());
        assertEquals(12, a.rawScoreDigest().length());
        assertFalse(a.rawScoreKey().contains("rest="));
        assertEquals(a.rawScoreKey(), a.withAll("restMode=episode", "restWindow=0.1").rawScoreKey());
        assertEquals(RestPeriod.Mode.FIXED, a.restMode());
        assertEquals(RestPeriod.Mode.EPISODE, a.with("restMode", "episode").restMode());
        var e = assertThrows(IllegalArgumentException.class, () -> a.with("restMode", "sticky"));
        assertEquals("detector setting restMode=sticky: expected fixed or episode", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.with("restWindow", "-0.1"));
        assertEquals(DetectorSettings.keys().size(), a.toJson().size());
        assertEquals(a, DetectorSettings.defaults());
    }

    @Test
    void with_defaults_puts_the_named_keys_back() {
        DetectorSettings s = DetectorSettings.defaults().withAll("refitEvery=2000", "refitRows=4000", "lr=0.01");
        DetectorSettings back = s.withDefaults("refitEvery", "refitRows");
        assertEquals("lr=0.01", back.changes());
        assertEquals(DetectorSettings.defaults().with("lr", "0.01").rawScoreKey(), back.rawScoreKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.withDefaults("nope"));
        assertTrue(e.getMessage().startsWith("unknown detector setting 'nope'"), e.getMessage());
    }

    @Test
    void the_tuned_settings_per_model() {
        assertEquals("ensemble=3 ensembleCombine=mixture noveltyTolerance=0.02 restMode=episode restWindow=0.3",
                DetectorSettings.numentaTuned("vae").changes());
        assertEquals("model=lvae noveltyTolerance=0.02 restMode=episode restWindow=0.3",
                DetectorSettings.numentaTuned("lvae").changes());
        assertEquals("model=auxvae ensembleSpans=rows:12,P1D ensembleLevel=likelihood score=predict refitEvery=2000 "
                + "refitRows=4000 refitEpochs=10 noveltyTolerance=0.02 restLevel=0.95 restMode=episode restWindow=0 "
                + "post=signals modelWeight=0.3 restScale=0.5 threshold=0.513962",
                DetectorSettings.forModel("auxvae").changes());
    }

    @Test
    void the_default_is_the_selection_protocols_choice() {
        SelectionProtocol.Candidate chosen = SelectionProtocol.CANDIDATES.stream()
                .filter(c -> c.name().equals(SelectionProtocol.CHOSEN)).findFirst().orElseThrow();
        // the candidate's settings with its threshold carried over; an ensemble of one combines nothing
        DetectorSettings want = chosen.detectorSettings().with("threshold", "0.513962")
                .with("ensembleCombine", "mean");
        assertEquals(want, DetectorSettings.forModel("vae"));
    }
}
