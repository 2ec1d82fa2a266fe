/**
 * Streaming anomaly detection with the kit's deep generative models, scored on NAB.
 *
 * <p>A {@link org.dgmkit.detect.StreamingDetector} consumes a series row by row and gives each row an anomaly score in
 * [0, 1] that depends on that row and earlier ones only. {@link org.dgmkit.detect.ModelDetector} is the kit's: a
 * {@link org.dgmkit.detect.ModelScorer} (any model of {@link org.dgmkit.model.catalog.ModelCatalog} with a Gaussian
 * likelihood of shared learned variance, on raw block-mean windows or spectrogram frames, fitted on the probationary
 * period, optionally refitted; or a seed ensemble of them, {@link org.dgmkit.detect.EnsembleScorer}) gives raw scores
 * (-ELBO, -IW bound or -E_q[log p(x|z)]), and a
 * {@link org.dgmkit.detect.PostProcessor} turns them into NAB scores with Numenta's anomaly likelihood
 * ({@link org.dgmkit.detect.NumentaLikelihood}, a port that reproduces NAB's published numenta results), the novelty
 * rule ({@link org.dgmkit.detect.NoveltyRule}) and an alarm rest period ({@link org.dgmkit.detect.RestPeriod}).
 * Every setting is a key of {@link org.dgmkit.detect.DetectorSettings}.
 *
 * <pre>{@code
 * NabCorpus nab = Nab.corpus();
 * DetectorSettings s = DetectorSettings.forModel("lvae");
 * var raw = NabDetection.rawScores(nab, nab.names(), s, Path.of("out/cache/nab-detect"), System.out);
 * NabEvaluation e = NabEvaluation.of(nab, NabDetection.anomalyScores(nab, raw, s));
 * }</pre>
 *
 * <p>{@link org.dgmkit.detect.NabDetection} runs detectors over NAB files (raw scores cached per settings) and
 * declares the tuning split; {@link org.dgmkit.detect.NabEvaluation} scores tuning, held-out and all files with
 * optimised and carried-over thresholds; {@link org.dgmkit.detect.Scoreboard} and
 * {@link org.dgmkit.detect.DetectionPlot} make the notebooks' tables and figures; {@code kit nab-detect} and
 * {@code kit detect} are the commands.
 *
 * <p>{@link org.dgmkit.detect.TrailingNormaliser} turns any raw score stream into [0, 1] by its rank (or Gaussian
 * probability) among its own trailing history, a light alternative to the likelihood. Simple baselines on the same
 * API (NAB's windowed Gaussian, Microsoft's spectral residual) are in {@link org.dgmkit.detect.baseline}.
 */
package org.dgmkit.detect;
