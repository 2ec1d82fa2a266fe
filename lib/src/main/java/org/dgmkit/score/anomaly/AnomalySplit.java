package org.dgmkit.score.anomaly;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A one-class anomaly detection setting: train on normal images only, test on labelled ones.
 *
 * @param description what this setting is, e.g. "An & Cho: digit 3 anomalous"
 * @param trainImages normal training images [n, pixels]
 * @param trainDigits their digits
 * @param test        test images with digits and anomaly labels (1 = anomalous)
 */
public record AnomalySplit(String description, INDArray trainImages, int[] trainDigits, LabelledImages test) {
}
