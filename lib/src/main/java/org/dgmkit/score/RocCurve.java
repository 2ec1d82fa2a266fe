package org.dgmkit.score;

/**
 * An ROC curve for plotting: points ordered by decreasing threshold, from (0, 0) (threshold +inf: nothing
 * flagged) to (1, 1). A row is flagged anomalous when its score is &ge; the threshold.
 *
 * @param fpr        false positive rate at each point
 * @param tpr        true positive rate at each point
 * @param thresholds score threshold of each point (+inf first)
 * @param auc        area under the curve (trapezoids; tied scores give diagonal segments = half credit)
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc) {
}
