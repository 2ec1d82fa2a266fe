/**
 * Ladder variational autoencoder (Sønderby et al. 2016): {@link org.dgmkit.model.lvae.Lvae} with its
 * configuration {@link org.dgmkit.model.lvae.LvaeConfig} (paper preset {@code LvaeConfig.paper()}, training
 * settings {@code LvaeConfig.paperTrainer(epochs)}) and the inference merge
 * {@link org.dgmkit.model.lvae.PrecisionWeighting}. The model plugs into the shared trainer, checkpoints
 * (type {@code "lvae"}), likelihood scores and evaluation like the VAE:
 * <pre>{@code
 * Lvae lvae = new Lvae(LvaeConfig.paper());
 * Trainer t = Trainer.trainOrLoad(lvae, LvaeConfig.paperTrainer(50), Path.of("lvae.zip"), images);
 * int[] active = Evaluation.activeUnits(t.model(Lvae.class), testImages, 1000);
 * }</pre>
 */
package org.dgmkit.model.lvae;
