package org.dgmkit.score.events;

/**
 * Point counts and figures of the KPI challenge's metric over the pooled grid points of all series (see
 * {@link KpiMetric}). Like scikit-learn's {@code f1_score}, {@code precision_score}, {@code recall_score} with
 * their default {@code zero_division}, a figure whose denominator is 0 is 0, not NaN.
 *
 * @param f1        2 tp / (2 tp + fp + fn), 0 when that denominator is 0
 * @param precision tp / (tp + fp), 0 when nothing is predicted
 * @param recall    tp / (tp + fn), 0 when nothing is labelled
 * @param tp        grid points with label 1 and adjusted prediction 1
 * @param fp        grid points with label 0 and prediction 1
 * @param fn        grid points with label 1 and adjusted prediction 0
 */
public record KpiResult(double f1, double precision, double recall, long tp, long fp, long fn) {

    /** The figures of the counts. */
    public static KpiResult of(long tp, long fp, long fn) {
        return new KpiResult(ratio(2 * tp, 2 * tp + fp + fn), ratio(tp, tp + fp), ratio(tp, tp + fn), tp, fp, fn);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
