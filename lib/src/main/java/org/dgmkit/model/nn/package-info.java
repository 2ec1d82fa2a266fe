/**
 * Hand-written neural-network modules with explicit forward and backward passes over ND4J arrays.
 *
 * <p>How a model is put together (see {@link org.dgmkit.model.vae.Vae} for a complete example):
 * <ol>
 *   <li>create a {@link org.dgmkit.model.nn.ParameterSpace} with the data type (FLOAT to train, DOUBLE for
 *       gradient checks);</li>
 *   <li>construct the modules with it ({@link org.dgmkit.model.nn.DenseLayer},
 *       {@link org.dgmkit.model.nn.GaussianLayer}, {@link org.dgmkit.model.nn.BatchNorm},
 *       {@link org.dgmkit.model.nn.BernoulliOutput}, {@link org.dgmkit.model.nn.GaussianOutput}); each reserves
 *       named blocks;</li>
 *   <li>call {@code allocate(seed)}: one flat value buffer, one flat gradient buffer (same layout), one state
 *       buffer; every block gets its views and is initialised;</li>
 *   <li>per step: {@code zeroGradients()}, forward through the modules (outputs are module-owned buffers,
 *       overwritten by the next call), backward in reverse order (gradients with respect to module outputs are
 *       overwritten in place; parameter gradients accumulate with gemm beta = 1).</li>
 * </ol>
 * Stochastic layers accumulate dL/dmean and dL/dlogVar ({@code gradMean()}, {@code gradLogVar()}); add KL or
 * density terms with {@link org.dgmkit.model.nn.GaussianMath} and the path through the sample with
 * {@code addSampleGradient(dL/dz)}, then call {@code backward}. Check every new model with
 * {@link org.dgmkit.model.nn.GradientCheck} in DOUBLE, reseeding ND4J's generator inside the loss.
 */
package org.dgmkit.model.nn;
