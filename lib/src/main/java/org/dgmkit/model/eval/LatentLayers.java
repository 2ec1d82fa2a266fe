package org.dgmkit.model.eval;

import java.util.List;
import org.dgmkit.model.Gaussian;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-latent-layer diagnostics a model can offer: the posterior of every stochastic layer (for active
 * units) and the KL term of every layer (for per-layer KL tables). Layer 0 is closest to the data.
 */
public interface LatentLayers {

    /** q(z_l | ...) mean and log-variance of every latent layer for inputs {@code x} (fresh arrays). */
    List<Gaussian> posteriorLayers(INDArray x);

    /**
     * KL term of every layer per row of {@code x}, nats (analytic where the model has a closed form,
     * else a one-sample estimate of E_q[log q - log p]).
     */
    List<INDArray> klPerLayer(INDArray x);
}
