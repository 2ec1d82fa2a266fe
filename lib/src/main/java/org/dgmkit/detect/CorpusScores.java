package org.dgmkit.detect;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model detector's anomaly scores over an evaluation corpus ({@link EvalSeries}: NAB's files, the KPI series): raw
 * scores from the raw-score cache ({@link NabDetection#rawScores(List, DetectorSettings, Path, PrintStream, int)}),
 * then the settings' post-processing per series, so that post-processing variants are scored again without
 * retraining.
 *
 * @param scores  anomaly scores in [0, 1] per series name
 * @param raw     the raw-score run behind them (raw scores, members, notes, seconds)
 */
public record CorpusScores(Map<String, double[]> scores, NabDetection.RawRun raw) {

    /** Scores {@code series} with the model detector of {@code settings}. */
    public static CorpusScores of(List<EvalSeries> series, DetectorSettings settings, Path cache, PrintStream log,
                                  int threads) {
        NabDetection.RawRun raw = NabDetection.rawScores(series, settings, cache, log, threads);
        return new CorpusScores(postProcess(series, raw, settings), raw);
    }

    /** The post-processing of {@code settings} applied to a raw-score run (a member's, or the combined scores). */
    public static Map<String, double[]> postProcess(List<EvalSeries> series, NabDetection.RawRun raw,
                                                    DetectorSettings settings) {
        boolean members = settings.likelihoodLevel() && EnsembleScorer.memberCount(settings) > 1;
        Map<String, double[]> out = new TreeMap<>();
        for (EvalSeries s : series) {
            ScoreProcessor post = ModelDetector.postProcessor(settings, s.probation());
            out.put(s.name(), members ? post.apply(s.values(), raw.members().get(s.name()))
                    : post.apply(s.values(), raw.raw().get(s.name())));
        }
        return out;
    }
}
