package org.dgmkit.score.nab;

/**
 * NAB's score when every scored row with anomaly score ≥ {@code threshold} is a detection, with the row counts
 * (probationary rows excluded): {@code ThresholdScore} of {@code nab/sweeper.py}.
 */
public record NabThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {

    /** Number of scored rows. */
    public int total() {
        return tp + tn + fp + fn;
    }
}
