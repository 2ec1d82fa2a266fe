/**
 * Naming and building models: {@link org.dgmkit.model.catalog.ModelCatalog} builds the unsupervised models a
 * notebook names ({@code "vae"}, {@code "auxvae"}, {@code "lvae"}) from one {@link org.dgmkit.model.catalog.ModelShape},
 * and {@link org.dgmkit.model.catalog.CheckpointTypes} tells {@link org.dgmkit.model.train.ModelRegistry} how to
 * rebuild every model type from a checkpoint. This package sits above the model packages: none of them imports it.
 */
package org.dgmkit.model.catalog;
