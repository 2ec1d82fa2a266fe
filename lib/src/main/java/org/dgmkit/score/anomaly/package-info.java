/**
 * MNIST anomaly settings on plain arrays: seeded pixel {@link org.dgmkit.score.anomaly.Noise}, noisy-digit
 * test sets and the one-class protocols of An &amp; Cho (2015) and Deep SVDD (Ruff et al. 2018) in
 * {@link org.dgmkit.score.anomaly.AnomalySettings}.
 *
 * <pre>{@code
 * AnomalySplit s = AnomalySettings.anCho(train.images(), train.labels(), test.images(), test.labels(), 9);
 * }</pre>
 */
package org.dgmkit.score.anomaly;
