/**
 * The notebooks' experiments as library steps, so a notebook cell does one step in a few lines and the logic has
 * unit tests: {@link org.dgmkit.experiment.LikelihoodComparison} (notebook 03), {@link org.dgmkit.experiment.LadderStudy}
 * (04: depth and ablation), {@link org.dgmkit.experiment.NoiseSweep} (05: clean vs noisy digits, ROC/AUROC per
 * level), {@link org.dgmkit.experiment.OneClassStudy} (06: An &amp; Cho and Deep SVDD protocols),
 * {@link org.dgmkit.experiment.SpectrogramInputs} (07), {@link org.dgmkit.experiment.ResultsComparison} (10), with
 * {@link org.dgmkit.experiment.TestBounds} and {@link org.dgmkit.experiment.Estimate} shared. Each keeps the names,
 * seeds and numbers the notebooks produced when this code lived in their cells.
 */
package org.dgmkit.experiment;
