package org.dgmkit.model.adgm;

/**
 * Where the auxiliary variable a sits in the generative model (Maaløe et al. 2016).
 */
public enum GenerativeForm {
    /** Auxiliary deep generative model: p(z) p(x | z) p(a | x, z); a only helps the inference model. */
    ADGM,
    /** Skip deep generative model: p(z) p(a | z) p(x | a, z); a is a second stochastic layer of the generator. */
    SDGM
}
