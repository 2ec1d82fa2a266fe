package org.dgmkit.experiment;

import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.eval.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's test log-likelihood bounds as notebooks 03 and 04 report them: the ELBO and the importance-weighted bound
 * with {@code k} samples, on the same test rows, in batches of {@link #BATCH} rows, from one seed.
 *
 * @param elbo mean ELBO per row (nats)
 * @param iw   mean IW bound per row (nats)
 * @param k    importance samples of the IW bound
 */
public record TestBounds(double elbo, double iw, int k) {
    /** Rows per evaluation batch. */
    public static final int BATCH = 500;

    /** Both bounds of {@code model} on {@code xTest}. */
    public static TestBounds of(LatentVariableModel model, INDArray xTest, int k, long seed) {
        return new TestBounds(Evaluation.elbo(model, xTest, BATCH, seed),
                Evaluation.importanceWeighted(model, xTest, k, BATCH, seed), k);
    }
}
