package org.dgmkit.model.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch. Unsupervised models use {@code x} only; semi-supervised models get labelled rows
 * {@code x} with one-hot labels {@code y} and, optionally, unlabelled rows {@code xUnlabelled}.
 *
 * @param x           inputs [n, d]
 * @param y           one-hot labels [n, classes] for the rows of x, or null
 * @param xUnlabelled extra unlabelled inputs [m, d], or null
 */
public record Batch(INDArray x, INDArray y, INDArray xUnlabelled) {

    /** An unlabelled batch. */
    public static Batch of(INDArray x) {
        return new Batch(x, null, null);
    }

    /** Number of examples (labelled plus unlabelled rows), for throughput figures. */
    public long examples() {
        return (x == null ? 0 : x.rows()) + (xUnlabelled == null ? 0 : xUnlabelled.rows());
    }
}
