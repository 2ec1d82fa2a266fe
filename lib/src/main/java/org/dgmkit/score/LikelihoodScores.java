package org.dgmkit.score;

/**
 * The four likelihood-based scores of each input row, from one pass over L posterior samples per row.
 * All are log-likelihoods in nats: higher = more normal. Use {@link LikelihoodScorer#anomalyScore} for
 * "higher = more anomalous".
 *
 * @param reconstructionLogLikelihood {@code (1/L) sum_l log p(x|z_l)}: the presentation's anomaly score
 * @param reconstructionProbability   {@code log (1/L) sum_l p(x|z_l)}: An &amp; Cho (2015), log of their score
 * @param elbo                        {@code (1/L) sum_l [log p(x,z_l) - log q(z_l|x)]}
 * @param importanceWeighted          {@code log (1/L) sum_l p(x,z_l)/q(z_l|x)}: the IW bound with K = L
 * @param samples                     L
 */
public record LikelihoodScores(double[] reconstructionLogLikelihood, double[] reconstructionProbability,
                               double[] elbo, double[] importanceWeighted, int samples) {
}
