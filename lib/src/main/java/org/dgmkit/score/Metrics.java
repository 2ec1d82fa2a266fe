package org.dgmkit.score;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ranking metrics of anomaly scores (higher = more anomalous) against binary labels (1 = anomalous,
 * 0 = normal). Exact: every distinct score is a threshold, and rows with tied scores enter the curve
 * together (ties give half credit in the AUC, as in the Mann-Whitney statistic and scikit-learn).
 *
 * <p>{@link #nd4jRoc} gives ND4J's own exact evaluation ({@code new ROC(0)}) for cross-checks and its
 * report; the tests check both against hand-computed cases.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The exact ROC curve and its AUC. */
    public static RocCurve roc(double[] scores, int[] labels) {
        int[] order = check(scores, labels);
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = labels.length - positives;
        int n = scores.length;
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        double[] thr = new double[n + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        long tp = 0;
        long fp = 0;
        double auc = 0;
        for (int i = 0; i < n; ) {
            double score = scores[order[i]];
            int j = i;
            while (j < n && scores[order[j]] == score) {
                if (labels[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            fpr[points] = (double) fp / negatives;
            tpr[points] = (double) tp / positives;
            thr[points] = score;
            auc += (fpr[points] - fpr[points - 1]) * (tpr[points] + tpr[points - 1]) / 2;
            points++;
            i = j;
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), Arrays.copyOf(thr, points), auc);
    }

    /** Area under the exact ROC curve. */
    public static double rocAuc(double[] scores, int[] labels) {
        return roc(scores, labels).auc();
    }

    /**
     * Average precision, the step-wise area under the precision-recall curve (scikit-learn's
     * {@code average_precision_score}): {@code sum_n (R_n - R_{n-1}) P_n} over decreasing distinct thresholds.
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        int[] order = check(scores, labels);
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        int n = scores.length;
        long tp = 0;
        long flagged = 0;
        double previousRecall = 0;
        double ap = 0;
        for (int i = 0; i < n; ) {
            double score = scores[order[i]];
            int j = i;
            while (j < n && scores[order[j]] == score) {
                tp += labels[order[j]];
                flagged++;
                j++;
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * tp / flagged;
            previousRecall = recall;
            i = j;
        }
        return ap;
    }

    /** ND4J's exact binary ROC evaluation ({@code new ROC(0)}) of the same scores and labels. */
    public static ROC nd4jRoc(double[] scores, int[] labels) {
        check(scores, labels);
        INDArray predictions = Nd4j.createFromArray(scores).reshape(scores.length, 1);
        INDArray truth = Nd4j.createFromArray(labels).castTo(DataType.DOUBLE).reshape(labels.length, 1);
        ROC roc = new ROC(0);
        roc.eval(truth, predictions);
        return roc;
    }

    /** Validates and returns row indices sorted by decreasing score. */
    private static int[] check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("got " + scores.length + " scores but " + labels.length + " labels");
        }
        boolean positive = false;
        boolean negative = false;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + ", expected 0 (normal) or 1 (anomalous)");
            }
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is " + scores[i]);
            }
            positive |= labels[i] == 1;
            negative |= labels[i] == 0;
        }
        if (!positive || !negative) {
            throw new IllegalArgumentException("labels need both classes (0 = normal, 1 = anomalous), got only "
                    + (positive ? "1s" : "0s"));
        }
        Integer[] boxed = new Integer[scores.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
