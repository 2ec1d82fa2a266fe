package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.score.nab.NabScorer;

/**
 * One detector's anomaly scores on the data the {@link SelectionProtocol} chooses on — NAB's 58 files and the KPI
 * selection rows — and its objective over any set of folds.
 *
 * @param detector the detector's name (a candidate's or a baseline's)
 * @param settings its settings (for a baseline: the settings its probation logic follows)
 * @param nab      anomaly scores per NAB file
 * @param kpi      anomaly scores per KPI selection series ({@code kpi-selection/<id>})
 * @param seconds  wall seconds it took to score both (raw scores from the cache cost nothing)
 */
public record ProtocolScores(String detector, DetectorSettings settings, Map<String, double[]> nab,
                             Map<String, double[]> kpi, double seconds) {

    /** The three parts of the objective and the objective itself, over some folds. */
    public record Objective(double nabStandard, double kpiBestF1, double kpiMeanAp, double j) { }

    /** Scores a detector (model or baseline, {@link Detectors}) on NAB and the KPI selection rows. */
    public static ProtocolScores of(String detector, DetectorSettings settings, NabCorpus nab, KpiCorpus kpi,
                                   Path cache, PrintStream log, int threads) {
        long t0 = System.nanoTime();
        List<EvalSeries> nabSeries = nab.names().stream().map(n -> EvalSeries.of(nab.series(n))).toList();
        Map<String, double[]> n = Detectors.scores(detector, settings, nabSeries, cache, log, threads);
        List<EvalSeries> kpiSeries = KpiEvaluation.series(kpi, KpiEvaluation.Part.SELECTION);
        Map<String, double[]> k = Detectors.scores(detector, settings, kpiSeries, cache, log, threads);
        return new ProtocolScores(detector, settings, n, k, (System.nanoTime() - t0) / 1e9);
    }

    /** The objective over the given folds (0..{@link SelectionProtocol#FOLDS} - 1). */
    public Objective objective(Set<Integer> folds, NabCorpus nabCorpus, KpiCorpus kpiCorpus) {
        Map<String, double[]> n = new TreeMap<>();
        nab.forEach((name, s) -> {
            if (folds.contains(SelectionProtocol.nabFold(name))) {
                n.put(name, s);
            }
        });
        Map<String, double[]> k = new TreeMap<>();
        kpi.forEach((name, s) -> {
            if (folds.contains(SelectionProtocol.kpiFold(KpiEvaluation.id(name), kpiCorpus.ids()))) {
                k.put(name, s);
            }
        });
        double nabStandard = n.isEmpty() ? Double.NaN
                : NabScorer.score(n, nabCorpus, nabCorpus.profile("standard")).normalized();
        KpiEvaluation e = KpiEvaluation.of(kpiCorpus, KpiEvaluation.Part.SELECTION, k, Double.NaN);
        return new Objective(nabStandard, e.best().f1(), e.meanAp(),
                SelectionProtocol.objective(nabStandard, e.best().f1(), e.meanAp()));
    }

    /** The objective over all folds. */
    public Objective objective(NabCorpus nabCorpus, KpiCorpus kpiCorpus) {
        return objective(Set.of(0, 1, 2, 3, 4), nabCorpus, kpiCorpus);
    }
}
