/**
 * Simple baseline detectors on the kit's {@link org.dgmkit.detect.StreamingDetector} API, so that every scoreboard can
 * show them beside the deep generative models. Each is a small class with a typed settings record
 * ({@code defaults()} and {@code with...} builders); each is causal (a row's score uses that row and earlier ones)
 * and gives a NaN row score 0 without remembering it.
 *
 * <ul>
 *   <li>{@link org.dgmkit.detect.baseline.WindowedGaussian} ({@link org.dgmkit.detect.baseline.WindowedGaussianSettings}):
 *       NAB's {@code windowedGaussian} detector, reproducing its published results and scoreboard.</li>
 *   <li>{@link org.dgmkit.detect.baseline.SpectralResidual} ({@link org.dgmkit.detect.baseline.SpectralResidualSettings}):
 *       the spectral residual of Ren et al. (KDD 2019) on the trailing window ending at each row, as Microsoft's
 *       streaming implementation computes it, with its ratio mapped strictly increasingly into [0, 1).</li>
 * </ul>
 *
 * <pre>{@code
 * NabSeries s = Nab.corpus().series("realKnownCause/nyc_taxi.csv");
 * double[] scores = WindowedGaussian.nab().scoreAll(s.timestamps(), s.values());
 * }</pre>
 */
package org.dgmkit.detect.baseline;
