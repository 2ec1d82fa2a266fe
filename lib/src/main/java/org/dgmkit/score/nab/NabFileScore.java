package org.dgmkit.score.nab;

/** One file's NAB score at a threshold, with its row counts (probationary rows excluded), as in NAB's
 * {@code <detector>_<profile>_scores.csv}. */
public record NabFileScore(String file, double threshold, double score, int tp, int tn, int fp, int fn) {

    /** Number of scored rows. */
    public int total() {
        return tp + tn + fp + fn;
    }
}
