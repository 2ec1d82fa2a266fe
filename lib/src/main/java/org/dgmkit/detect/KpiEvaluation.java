package org.dgmkit.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.kpi.KpiCorpus;
import org.dgmkit.data.kpi.KpiSeries;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.score.Metrics;
import org.dgmkit.score.events.KpiBest;
import org.dgmkit.score.events.KpiMetric;
import org.dgmkit.score.events.KpiResult;
import org.dgmkit.score.events.KpiScoredSeries;

/**
 * A detector's anomaly scores on the KPI corpus judged as the 2018 AIOps challenge did ({@link KpiMetric}: delay 7,
 * points pooled over series on the regular time grid), under the {@link SelectionProtocol}: on the <em>selection</em>
 * rows (each KPI's train part cut to its first {@link SelectionProtocol#KPI_SELECTION_ROWS} rows, evaluated after its
 * probationary period, less the rest of a labelled segment under way when it ends) or on the <em>test</em> parts
 * (train followed by test streamed through the detector, only the test rows evaluated). Reports the best F1 over
 * thresholds with its threshold, the F1 at a threshold carried over (chosen elsewhere), and the mean average precision
 * of the score over the series (rows evaluated only).
 *
 * @param bestThreshold the threshold of the best F1
 * @param best          the official F1 (and precision, recall) at that threshold
 * @param carriedThreshold the threshold carried over (NaN: none)
 * @param carried       the official F1 at that threshold (null: none)
 * @param meanAp        mean AP over the series with a labelled evaluated row
 * @param ap            AP per series (NaN where it has no labelled evaluated row)
 */
public record KpiEvaluation(double bestThreshold, KpiResult best, double carriedThreshold, KpiResult carried,
                            double meanAp, Map<String, Double> ap) {
    /** The challenge's delay: an alarm within a segment's first 8 grid points detects it. */
    public static final int DELAY = 7;

    /** Which rows of the KPI corpus an evaluation runs on. */
    public enum Part {
        /** Each train part's first {@link SelectionProtocol#KPI_SELECTION_ROWS} rows: for choosing settings. */
        SELECTION,
        /** Train then test streamed; the test rows evaluated: for reporting. */
        TEST
    }

    /** The series a detector runs on for a part, named {@code kpi-selection/<id>} or {@code kpi/<id>}. */
    public static List<EvalSeries> series(KpiCorpus corpus, Part part) {
        List<EvalSeries> out = new ArrayList<>();
        for (String id : corpus.ids()) {
            KpiSeries s = corpus.series(id);
            int n = part == Part.SELECTION ? Math.min(SelectionProtocol.KPI_SELECTION_ROWS, s.testStart()) : s.size();
            out.add(new EvalSeries(name(id, part), Arrays.copyOf(s.times(), n), Arrays.copyOf(s.values(), n),
                    NabSeries.probationRows(n)));
        }
        return out;
    }

    /** The name of a KPI's series for a part. */
    public static String name(String id, Part part) {
        return (part == Part.SELECTION ? "kpi-selection/" : "kpi/") + id;
    }

    /** The KPI id of a series name. */
    public static String id(String name) {
        return name.substring(name.indexOf('/') + 1);
    }

    /**
     * Judges anomaly scores (per series name of {@link #series}, each as long as its series) on a part, with a
     * threshold carried over from elsewhere (NaN: none).
     */
    public static KpiEvaluation of(KpiCorpus corpus, Part part, Map<String, double[]> scores, double carried) {
        List<KpiScoredSeries> judged = new ArrayList<>();
        Map<String, Double> ap = new LinkedHashMap<>();
        for (String id : corpus.ids()) {
            String name = name(id, part);
            double[] s = scores.get(name);
            if (s == null) {
                continue;
            }
            KpiSeries k = corpus.series(id);
            int to = s.length;
            int from = part == Part.SELECTION
                    ? pastRunningSegment(k.labels(), NabSeries.probationRows(s.length), to) : k.testStart();
            if (part == Part.TEST && to != k.size()) {
                throw new IllegalArgumentException(name + ": " + to + " scores for " + k.size() + " rows");
            }
            long[] t = Arrays.copyOfRange(k.timestamps(), from, to);
            int[] l = Arrays.copyOfRange(k.labels(), from, to);
            double[] sc = Arrays.copyOfRange(s, from, to);
            judged.add(new KpiScoredSeries(t, l, sc));
            ap.put(id, averagePrecision(sc, l));
        }
        if (judged.isEmpty()) {
            throw new IllegalArgumentException("no KPI series scored for " + part);
        }
        KpiBest best = KpiMetric.bestF1(judged, DELAY);
        KpiResult at = Double.isNaN(carried) ? null : KpiMetric.f1At(judged, DELAY, carried);
        double mean = ap.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
        return new KpiEvaluation(best.threshold(), best.result(), carried, at, mean, ap);
    }

    /**
     * The first row at or after {@code from} that is not inside a labelled segment already under way at
     * {@code from}. Cut at the end of probation, such a segment would become a new one with a fresh detection window
     * of 8 points after most of its start was hidden: its rows are left out (as {@code EventMetrics} leaves out
     * segments begun in probation). The test parts need no such cut: the challenge judged them from their first row.
     */
    static int pastRunningSegment(int[] labels, int from, int to) {
        if (from == 0 || labels[from - 1] != 1) {
            return from;
        }
        int i = from;
        while (i < to && labels[i] == 1) {
            i++;
        }
        return i;
    }

    /** AP of the scores (NaN ones left out) against the labels; NaN without a labelled row, 1 with only those. */
    static double averagePrecision(double[] scores, int[] labels) {
        int n = 0;
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                n++;
                positives += labels[i] == 1 ? 1 : 0;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        if (positives == n) {
            return 1; // every row is anomalous: any ranking is perfect (as EventMetrics)
        }
        double[] s = new double[n];
        int[] l = new int[n];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                s[k] = scores[i];
                l[k++] = labels[i];
            }
        }
        return Metrics.averagePrecision(s, l);
    }
}
