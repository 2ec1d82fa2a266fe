package org.dgmkit.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A diagonal Gaussian per row: mean and log-variance, both of shape [n, d].
 */
public record Gaussian(INDArray mean, INDArray logVar) {
}
