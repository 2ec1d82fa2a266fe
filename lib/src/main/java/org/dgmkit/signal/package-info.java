/**
 * Spectrograms of time series for the NAB experiments.
 *
 * <pre>{@code
 * Spectrogram s = Stft.spectrogram(values, StftConfig.defaults().withWindow(64).withHop(1));
 * int train = s.framesEndingBefore((int) (0.15 * values.length));     // NAB probation part
 * Spectrogram x = Normalisation.PER_FREQUENCY.fit(s, train).apply(s); // fitted on the train part only
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.dgmkit.signal.Stft}: short-time Fourier transform (JTransforms), periodic Hann by default;</li>
 *   <li>{@link org.dgmkit.signal.Spectrogram}: [frames x bins] FLOAT values, bin frequencies in cycles per
 *       sample, and each frame's LAST series row (a frame's score uses no later data);</li>
 *   <li>{@link org.dgmkit.signal.Normalisation}: NONE, PER_FREQUENCY, PER_FRAME_L2/SUM, MIN_MAX, fitted on
 *       training frames only ({@link org.dgmkit.signal.FittedNormalisation}).</li>
 * </ul>
 */
package org.dgmkit.signal;
