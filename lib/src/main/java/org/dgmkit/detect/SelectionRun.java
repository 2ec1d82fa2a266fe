package org.dgmkit.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.score.nab.NabResult;
import org.dgmkit.score.nab.NabScorer;

/**
 * The {@link SelectionProtocol}'s choice over scored candidates: per fold, the candidate with the highest objective on
 * the other four folds and its scores on that fold (pooled into the out-of-fold figures), and the candidate with the
 * highest objective over all five folds (the chosen settings). Ties go to the earlier candidate.
 *
 * @param candidates  the candidates' scores, in declaration order
 * @param foldChoice  per fold, the index of the candidate chosen on the other folds
 * @param chosen      the index of the candidate with the highest objective over all folds
 * @param outOfFold   the pooled out-of-fold figures
 * @param objectives  per candidate, its objective over all folds
 */
public record SelectionRun(List<ProtocolScores> candidates, int[] foldChoice, int chosen, OutOfFold outOfFold,
                           List<ProtocolScores.Objective> objectives) {

    /**
     * The out-of-fold figures: NAB's three profiles over all 58 files (each file scored by the candidate chosen
     * without its fold; NAB's optimised threshold), the KPI best F1 and mean AP over the 29 series likewise.
     */
    public record OutOfFold(double nabStandard, double nabLowFp, double nabLowFn, double kpiBestF1, double kpiMeanAp,
                            double j) { }

    /** Chooses among scored candidates. */
    public static SelectionRun of(List<ProtocolScores> candidates, NabCorpus nab, KpiCorpus kpi) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        int[] foldChoice = new int[SelectionProtocol.FOLDS];
        Map<String, double[]> oofNab = new TreeMap<>();
        Map<String, double[]> oofKpi = new TreeMap<>();
        for (int k = 0; k < SelectionProtocol.FOLDS; k++) {
            Set<Integer> others = new HashSet<>();
            for (int f = 0; f < SelectionProtocol.FOLDS; f++) {
                if (f != k) {
                    others.add(f);
                }
            }
            foldChoice[k] = best(candidates, others, nab, kpi);
            ProtocolScores c = candidates.get(foldChoice[k]);
            final int fold = k;
            c.nab().forEach((name, s) -> {
                if (SelectionProtocol.nabFold(name) == fold) {
                    oofNab.put(name, s);
                }
            });
            c.kpi().forEach((name, s) -> {
                if (SelectionProtocol.kpiFold(KpiEvaluation.id(name), kpi.ids()) == fold) {
                    oofKpi.put(name, s);
                }
            });
        }
        List<NabResult> profiles = NabScorer.scoreAllProfiles(oofNab, nab);
        KpiEvaluation e = KpiEvaluation.of(kpi, KpiEvaluation.Part.SELECTION, oofKpi, Double.NaN);
        double std = profiles.get(0).normalized();
        OutOfFold oof = new OutOfFold(std, profiles.get(1).normalized(), profiles.get(2).normalized(), e.best().f1(),
                e.meanAp(), SelectionProtocol.objective(std, e.best().f1(), e.meanAp()));
        List<ProtocolScores.Objective> objectives = new ArrayList<>();
        for (ProtocolScores c : candidates) {
            objectives.add(c.objective(nab, kpi));
        }
        return new SelectionRun(List.copyOf(candidates), foldChoice, best(candidates, Set.of(0, 1, 2, 3, 4), nab, kpi),
                oof, List.copyOf(objectives));
    }

    /** The index of the candidate with the highest objective over {@code folds} (the earlier one on a tie). */
    static int best(List<ProtocolScores> candidates, Set<Integer> folds, NabCorpus nab, KpiCorpus kpi) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            double j = candidates.get(i).objective(folds, nab, kpi).j();
            if (Double.isNaN(j)) { // no labelled KPI row or no NAB file in these folds: nothing to choose on
                throw new IllegalStateException("selection: the objective of " + candidates.get(i).detector()
                        + " over folds " + folds + " is undefined (NaN)");
            }
            if (j > top) {
                top = j;
                best = i;
            }
        }
        return best;
    }

    /** Per candidate and fold, the objective on that fold alone (for the notebook's table). */
    public Map<String, double[]> perFold(NabCorpus nab, KpiCorpus kpi) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ProtocolScores c : candidates) {
            double[] j = new double[SelectionProtocol.FOLDS];
            for (int f = 0; f < j.length; f++) {
                j[f] = c.objective(Set.of(f), nab, kpi).j();
            }
            out.put(c.detector(), j);
        }
        return out;
    }
}
