/**
 * Anomaly scores of latent variable models and their evaluation.
 *
 * <p><b>Sign convention:</b> scores from {@link org.dgmkit.score.LikelihoodScorer} are log-likelihoods
 * (or bounds), in nats per input row: higher = more normal. {@link org.dgmkit.score.LikelihoodScorer#anomalyScore}
 * negates them; {@link org.dgmkit.score.Metrics} and {@link org.dgmkit.score.AnomalyLikelihood} take
 * anomaly scores (higher = more anomalous) and labels with 1 = anomalous.
 *
 * <pre>{@code
 * LikelihoodScores s = LikelihoodScorer.defaults().all(vae, test.images(), 100);
 * RocCurve roc = Metrics.roc(LikelihoodScorer.anomalyScore(s.reconstructionLogLikelihood()), test.anomalous());
 * // a NAB series: per-frame log-likelihoods -> per-row anomaly likelihood in [0, 1]
 * double[] rows = SeriesScores.anomalyLikelihoodPerRow(spectrogram, frameLl, AnomalyLikelihood.gaussianTail());
 * }</pre>
 *
 * MNIST anomaly settings (noise, An &amp; Cho, Deep SVDD) are in {@code org.dgmkit.score.anomaly}; event metrics of
 * alarms and the KPI challenge's delay-F1 in {@code org.dgmkit.score.events}.
 */
package org.dgmkit.score;
