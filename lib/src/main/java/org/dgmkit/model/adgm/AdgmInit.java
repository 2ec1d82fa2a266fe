package org.dgmkit.model.adgm;

/** How an {@link Adgm}'s weights start. */
public enum AdgmInit {
    /** He-normal hidden weights over the concatenated inputs, Xavier-normal heads, zero biases. */
    KIT,
    /**
     * The official code's (Maaløe et al. 2016, Lasagne): Glorot-normal hidden weights with gain sqrt(2) for ReLU,
     * the first layer's weights drawn per input part with that part's fan-in, Gaussian heads N(0, 1e-3),
     * classifier and p(x) outputs Glorot-normal, every bias N(0, 1e-3).
     */
    OFFICIAL
}
