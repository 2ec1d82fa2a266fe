package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.TestData;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.nab.NabCorpus;
import org.junit.jupiter.api.Test;

class SelectionProtocolTest {

    @Test
    void every_nab_file_and_kpi_series_has_a_fold_and_every_fold_mixes_both() {
        NabCorpus nab = NabCorpus.open(TestData.sharedData().resolve("nab"));
        KpiCorpus kpi = KpiCorpus.open(TestData.sharedData().resolve("kpi"));
        Map<Integer, Integer> nabPerFold = new TreeMap<>();
        for (String f : nab.names()) {
            nabPerFold.merge(SelectionProtocol.nabFold(f), 1, Integer::sum);
        }
        Map<Integer, Integer> kpiPerFold = new TreeMap<>();
        for (String id : kpi.ids()) {
            kpiPerFold.merge(SelectionProtocol.kpiFold(id, kpi.ids()), 1, Integer::sum);
        }
        // NAB: artificial 11 | adExchange 6 + traffic 7 | AWS 17 | knownCause 7 | tweets 10; KPI: 29 = 6+6+6+6+5
        assertEquals(Map.of(0, 11, 1, 13, 2, 17, 3, 7, 4, 10), nabPerFold);
        assertEquals(Map.of(0, 6, 1, 6, 2, 6, 3, 6, 4, 5), kpiPerFold);
        List<String> shuffled = new ArrayList<>(kpi.ids());
        java.util.Collections.reverse(shuffled);
        for (String id : kpi.ids()) { // the fold depends on the ids, not on their order
            assertEquals(SelectionProtocol.kpiFold(id, kpi.ids()), SelectionProtocol.kpiFold(id, shuffled));
        }
        assertThrows(IllegalArgumentException.class, () -> SelectionProtocol.nabFold("realOther/x.csv"));
        assertThrows(IllegalArgumentException.class, () -> SelectionProtocol.kpiFold("nope", kpi.ids()));
    }

    @Test
    void every_candidate_has_valid_settings_a_unique_name_and_a_model() {
        assertTrue(SelectionProtocol.CANDIDATES.size() >= 2);
        assertEquals(SelectionProtocol.CANDIDATES.size(),
                SelectionProtocol.CANDIDATES.stream().map(SelectionProtocol.Candidate::name).distinct().count());
        for (SelectionProtocol.Candidate c : SelectionProtocol.CANDIDATES) {
            DetectorSettings s = c.detectorSettings();
            assertTrue(!s.signalPost() || s.signals().contains(SignalProcessor.Signal.MODEL),
                    c.name() + ": the default detector must be model-based");
            ModelDetector.postProcessor(s, 750); // builds
        }
    }

    @Test
    void the_report_without_refits_is_the_same_candidate_without_its_refit_settings() {
        // the report's "without refits" row must be the declared candidate that differs only by refits, so that it
        // measures what refits add (and reuses that candidate's cached raw scores)
        DetectorSettings refit = candidate("signals-sum.3-refit").detectorSettings();
        DetectorSettings plain = candidate("signals-sum.3").detectorSettings();
        assertTrue(refit.getInt("refitEvery") > 0);
        assertEquals(plain, refit.withDefaults(SelectCommand.REFIT_KEYS));
        assertEquals(plain.rawScoreDigest(), refit.withDefaults(SelectCommand.REFIT_KEYS).rawScoreDigest());
    }

    @Test
    void the_reports_other_models_are_a_list_or_none() {
        assertEquals(List.of("auxvae", "sdgm", "lvae"), SelectCommand.reportedModels(" auxvae, sdgm,lvae"));
        assertEquals(List.of(), SelectCommand.reportedModels("none"));
        assertThrows(IllegalArgumentException.class, () -> SelectCommand.reportedModels("auxvae,gan"));
    }

    private static SelectionProtocol.Candidate candidate(String name) {
        return SelectionProtocol.CANDIDATES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_objective_weighs_its_three_parts_equally() {
        assertEquals((0.6 + 0.3 + 0.3) / 3, SelectionProtocol.objective(60, 0.3, 0.3), 1e-15);
        assertTrue(SelectionProtocol.objective(70, 0.5, 0.4) > SelectionProtocol.objective(70, 0.4, 0.4));
    }

    @Test
    void a_multi_scale_choice_is_reported_on_each_span_alone() {
        DetectorSettings ms = DetectorSettings.forModel("vae");
        var one = SelectCommand.oneSpanVariants(ms);
        assertEquals(List.of("on span rows:12 only", "on span P1D only"), List.copyOf(one.keySet()));
        // each is the multi-scale run's member: the same raw scores, so the cache serves them
        assertEquals(EnsembleScorer.memberSettings(ms, 0).rawScoreKey(),
                one.get("on span rows:12 only").rawScoreKey());
        assertEquals(EnsembleScorer.memberSettings(ms, 1).rawScoreKey(), one.get("on span P1D only").rawScoreKey());
        assertEquals(1, EnsembleScorer.memberCount(one.get("on span P1D only")));
        assertTrue(SelectCommand.oneSpanVariants(DetectorSettings.numentaTuned("vae")).isEmpty());
    }
}
