/**
 * Training for every model: {@link org.dgmkit.model.train.TrainableModel} (flat parameters + one
 * loss-and-gradient call), {@link org.dgmkit.model.train.Trainer} (Adam, schedules, KL warm-up, clipping,
 * validation, early stopping, progress bar, checkpoints with exact resume), {@link org.dgmkit.model.train.TrainingHistory}
 * (table and loss curve). In a notebook:
 * <pre>{@code
 * INDArray x = Mnist.train().binarized(127.5 / 255);
 * Trainer t = Trainer.trainOrLoad(new Vae(VaeConfig.mnist()), TrainerConfig.defaults().withEpochs(10),
 *                                 Path.of("out/models/vae.zip"), x);
 * Vae vae = t.model(Vae.class);
 * t.history().plot();
 * }</pre>
 * Checkpoints rebuild models through {@link org.dgmkit.model.train.ModelRegistry}, which finds the kit's model types with
 * a {@link java.util.ServiceLoader} ({@link org.dgmkit.model.train.ModelTypeProvider}), so this package imports no model.
 * {@link org.dgmkit.model.train.ModelBase} holds the accessors every model shares and
 * {@link org.dgmkit.model.train.ConfigChecks} the validation of their configuration records.
 */
package org.dgmkit.model.train;
