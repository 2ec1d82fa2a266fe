/**
 * Auxiliary deep generative models (Maaløe et al. 2016, "Auxiliary Deep Generative Models").
 *
 * <ul>
 *   <li>{@link org.dgmkit.model.adgm.AuxiliaryVae} / {@link org.dgmkit.model.adgm.AuxiliaryVaeConfig}: unsupervised
 *       auxiliary VAE with one or two stochastic layers, in the ADGM or SDGM form
 *       ({@link org.dgmkit.model.adgm.GenerativeForm}); a {@code LatentVariableModel} for the anomaly scores.</li>
 *   <li>{@link org.dgmkit.model.adgm.Adgm} / {@link org.dgmkit.model.adgm.AdgmConfig}: semi-supervised ADGM / SDGM
 *       (and M2 with {@code auxiliary = false}): labelled loss L(x, y), unlabelled loss U(x) summed over all labels
 *       in one batched pass, classifier q(y | a, x), class-conditional generation.</li>
 *   <li>{@link org.dgmkit.model.adgm.SemiSupervised}: one-call training with the shared {@code Trainer} on batches of
 *       unlabelled plus resampled labelled rows ({@link org.dgmkit.model.adgm.SemiSupervisedBatches}), test error per
 *       epoch, and benchmark hooks.</li>
 * </ul>
 *
 * <p>All models follow the {@code Vae} pattern: one flat {@code ParameterSpace}, explicit forward and backward
 * passes checked against finite differences, configuration records with validation and JSON for checkpoints.
 */
package org.dgmkit.model.adgm;
