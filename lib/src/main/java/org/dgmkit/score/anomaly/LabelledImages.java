package org.dgmkit.score.anomaly;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images with their digits and anomaly labels.
 *
 * @param images    [n, pixels]
 * @param digits    class of each image (0..9)
 * @param anomalous 1 = anomalous, 0 = normal, per image
 */
public record LabelledImages(INDArray images, int[] digits, int[] anomalous) {

    /** Number of images. */
    public int size() {
        return digits.length;
    }

    /** Number of anomalous images. */
    public int anomalies() {
        int count = 0;
        for (int a : anomalous) {
            count += a;
        }
        return count;
    }
}
