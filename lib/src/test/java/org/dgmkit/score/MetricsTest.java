package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.ROC;

class MetricsTest {

    // scores 0.9 a, 0.8 n, 0.7 a, 0.6 n, 0.5 n: pairs (a over n): a0.9 beats 3, a0.7 beats 2 -> 5/6
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5};
    private static final int[] LABELS = {1, 0, 1, 0, 0};

    @Test
    void roc_without_ties_matches_the_hand_computed_curve() {
        RocCurve c = Metrics.roc(SCORES, LABELS);
        assertArrayEquals(new double[] {0, 0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1}, c.fpr(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1, 1}, c.tpr(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, c.thresholds()[0]);
        assertEquals(0.5, c.thresholds()[5]);
        assertEquals(5 / 6.0, c.auc(), 1e-12);
        // AP: thresholds 0.9 -> R .5 P 1; 0.7 -> R 1 P 2/3
        assertEquals(0.5 * 1 + 0.5 * 2 / 3.0, Metrics.averagePrecision(SCORES, LABELS), 1e-12);
    }

    @Test
    void ties_give_half_credit() {
        // a and n tied at 0.5, one more n at 0.1: pairs a>n: (a,0.1)=1, (a,0.5 tie)=0.5 -> 1.5/2
        double[] scores = {0.5, 0.5, 0.1};
        int[] labels = {1, 0, 0};
        RocCurve c = Metrics.roc(scores, labels);
        assertArrayEquals(new double[] {0, 0.5, 1}, c.fpr(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1}, c.tpr(), 1e-12);
        assertEquals(0.75, c.auc(), 1e-12);
        assertEquals(0.5, Metrics.averagePrecision(scores, labels), 1e-12);
        // all tied: AUC 0.5, AP = positive fraction
        assertEquals(0.5, Metrics.rocAuc(new double[] {2, 2, 2, 2}, new int[] {1, 0, 0, 1}), 1e-12);
        assertEquals(0.5, Metrics.averagePrecision(new double[] {2, 2, 2, 2}, new int[] {1, 0, 0, 1}), 1e-12);
    }

    @Test
    void scores_outside_unit_interval_and_perfect_or_reversed_rankings() {
        double[] nll = {350.0, 120.5, 99.0, 1000.0};
        assertEquals(1.0, Metrics.rocAuc(nll, new int[] {1, 0, 0, 1}), 1e-12);
        assertEquals(0.0, Metrics.rocAuc(nll, new int[] {0, 1, 1, 0}), 1e-12);
        assertEquals(1.0, Metrics.averagePrecision(nll, new int[] {1, 0, 0, 1}), 1e-12);
    }

    @Test
    void nd4j_exact_roc_agrees_without_ties_but_breaks_ties_by_input_order() {
        ROC roc = Metrics.nd4jRoc(SCORES, LABELS);
        assertEquals(5 / 6.0, roc.calculateAUC(), 1e-12);
        // ND4J drops redundant (collinear) points, so compare areas, not arrays
        assertEquals(5 / 6.0, roc.getRocCurve().calculateAUC(), 1e-12);
        // ND4J's AUCPR is the trapezoid over PR points (0,1) (.5,1) (.5,.5) (1,2/3) (1,.5) (1,.4), not AP
        assertEquals(0.5 + 0.5 * (0.5 + 2 / 3.0) / 2, roc.calculateAUCPR(), 1e-12);
        assertEquals(1.0, Metrics.nd4jRoc(new double[] {350.0, 120.5, 99.0, 1000.0}, new int[] {1, 0, 0, 1})
                .calculateAUC(), 1e-12);
        // the reason Metrics computes its own curve: with a tie ND4J (1.0.0-M2.1) credits the pair by input
        // order (1.0 or 0.0 here), where the correct value is 0.5
        double anomalyFirst = Metrics.nd4jRoc(new double[] {0.5, 0.5}, new int[] {1, 0}).calculateAUC();
        double normalFirst = Metrics.nd4jRoc(new double[] {0.5, 0.5}, new int[] {0, 1}).calculateAUC();
        System.out.println("ND4J tied AUC: anomaly first " + anomalyFirst + ", normal first " + normalFirst);
        assertEquals(0.5, Metrics.rocAuc(new double[] {0.5, 0.5}, new int[] {1, 0}), 1e-12);
        assertEquals(0.5, Metrics.rocAuc(new double[] {0.5, 0.5}, new int[] {0, 1}), 1e-12);
        assertEquals(1.0, anomalyFirst, 1e-12);
    }

    @Test
    void bad_inputs_are_named() {
        assertEquals("got 2 scores but 3 labels", assertThrows(IllegalArgumentException.class,
                () -> Metrics.roc(new double[2], new int[3])).getMessage());
        assertEquals("labels[1] is 2, expected 0 (normal) or 1 (anomalous)", assertThrows(IllegalArgumentException.class,
                () -> Metrics.roc(new double[2], new int[] {0, 2})).getMessage());
        assertEquals("labels need both classes (0 = normal, 1 = anomalous), got only 0s",
                assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new double[2], new int[2])).getMessage());
        assertEquals("scores[0] is NaN", assertThrows(IllegalArgumentException.class,
                () -> Metrics.averagePrecision(new double[] {Double.NaN, 1}, new int[] {0, 1})).getMessage());
    }
}
