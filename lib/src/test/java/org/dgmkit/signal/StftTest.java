package org.dgmkit.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class StftTest {

    private static double[] sine(int n, double amplitude, double cyclesPerSample) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * cyclesPerSample * i);
        }
        return x;
    }

    private static double[] row(Spectrogram s, int frame) {
        return s.values().getRow(frame).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void bin_centred_sine_with_rectangular_window_has_peak_A_N_over_2() {
        StftConfig config = new StftConfig(64, 64, WindowFunction.RECTANGULAR, 0, SpectrumScale.MAGNITUDE);
        Spectrogram s = Stft.spectrogram(sine(64, 2.0, 5.0 / 64), config);
        assertEquals(1, s.frames());
        assertEquals(33, s.bins());
        assertEquals(DataType.FLOAT, s.values().dataType());
        double[] m = row(s, 0);
        assertEquals(5, argmax(m));
        assertEquals(5.0 / 64, s.frequencies()[5], 1e-15);
        assertEquals(2.0 * 64 / 2, m[5], 1e-3);
        for (int k = 0; k < m.length; k++) {
            if (k != 5) {
                assertEquals(0.0, m[k], 1e-3, "bin " + k);
            }
        }
    }

    @Test
    void bin_centred_sine_with_periodic_hann_has_peak_A_N_over_4_and_neighbours_half_of_it() {
        StftConfig config = new StftConfig(64, 64, WindowFunction.HANN, 0, SpectrumScale.MAGNITUDE);
        double[] m = row(Stft.spectrogram(sine(64, 2.0, 8.0 / 64), config), 0);
        assertEquals(8, argmax(m));
        assertEquals(2.0 * 64 / 4, m[8], 1e-3);
        assertEquals(2.0 * 64 / 8, m[7], 1e-3);
        assertEquals(2.0 * 64 / 8, m[9], 1e-3);
        assertEquals(0.0, m[5], 1e-3);
        assertEquals(0.0, m[11], 1e-3);
    }

    @Test
    void zero_padding_doubles_the_bins_and_keeps_the_peak() {
        StftConfig config = new StftConfig(64, 64, WindowFunction.RECTANGULAR, 128, SpectrumScale.MAGNITUDE);
        Spectrogram s = Stft.spectrogram(sine(64, 1.0, 5.0 / 64), config);
        assertEquals(65, s.bins());
        double[] m = row(s, 0);
        assertEquals(10, argmax(m));
        assertEquals(10.0 / 128, s.frequencies()[10], 1e-15);
        assertEquals(32.0, m[10], 1e-3);
    }

    @Test
    void power_and_log_magnitude_are_derived_from_the_magnitude() {
        double[] x = new Random(3).doubles(100).toArray();
        StftConfig base = StftConfig.defaults().withWindow(20).withHop(7);
        double[] mag = row(Stft.spectrogram(x, base), 4);
        double[] pow = row(Stft.spectrogram(x, base.withScale(SpectrumScale.POWER)), 4);
        double[] log = row(Stft.spectrogram(x, base.withScale(SpectrumScale.LOG_MAGNITUDE)), 4);
        for (int k = 0; k < mag.length; k++) {
            assertEquals(mag[k] * mag[k], pow[k], 1e-4 * (1 + pow[k]));
            assertEquals(Math.log1p(mag[k]), log[k], 1e-5);
        }
    }

    @Test
    void parseval_holds_for_one_rectangular_frame() {
        int n = 64;
        double[] x = new Random(11).doubles(n, -3, 3).toArray();
        StftConfig config = new StftConfig(n, 1, WindowFunction.RECTANGULAR, 0, SpectrumScale.POWER);
        double[] p = row(Stft.spectrogram(x, config), 0);
        double energy = 0;
        for (double v : x) {
            energy += v * v;
        }
        double spectral = p[0] + p[n / 2];
        for (int k = 1; k < n / 2; k++) {
            spectral += 2 * p[k];
        }
        assertEquals(energy, spectral / n, 1e-5 * energy);
    }

    @Test
    void odd_fft_size_works_and_gives_floor_half_plus_one_bins() {
        StftConfig config = new StftConfig(9, 1, WindowFunction.RECTANGULAR, 0, SpectrumScale.MAGNITUDE);
        Spectrogram s = Stft.spectrogram(sine(9, 1.0, 2.0 / 9), config);
        assertEquals(5, s.bins());
        assertEquals(4.5, row(s, 0)[2], 1e-4);
    }

    @Test
    void each_frame_is_aligned_to_its_last_sample_and_ignores_later_rows() {
        double[] x = new Random(5).doubles(200).toArray();
        StftConfig config = StftConfig.defaults().withWindow(16).withHop(3);
        Spectrogram s = Stft.spectrogram(x, config);
        assertEquals(1 + (200 - 16) / 3, s.frames());
        for (int t = 0; t < s.frames(); t++) {
            assertEquals(3 * t + 15, s.frameEndRows()[t]);
        }
        int t = 20;
        int end = s.frameEndRows()[t];
        double[] changed = x.clone();
        for (int i = end + 1; i < changed.length; i++) {
            changed[i] += 100.0;
        }
        Spectrogram c = Stft.spectrogram(changed, config);
        for (int f = 0; f <= t; f++) {
            assertArrayEquals(row(s, f), row(c, f), 0.0, "frame " + f);
        }
        assertNotEquals(row(s, t + 1)[0], row(c, t + 1)[0]);
        assertEquals(-1, s.frameAtOrBefore(14));
        assertEquals(0, s.frameAtOrBefore(15));
        assertEquals(0, s.frameAtOrBefore(17));
        assertEquals(1, s.frameAtOrBefore(18));
        assertEquals(s.frames() - 1, s.frameAtOrBefore(199));
        assertEquals(0, s.framesEndingBefore(15));
        assertEquals(1, s.framesEndingBefore(16));
        assertEquals(2, s.framesEndingBefore(19));
        assertEquals(s.frames(), s.framesEndingBefore(200));
    }

    @Test
    void default_hop_one_gives_one_frame_per_step_after_the_first_window() {
        Spectrogram s = Stft.spectrogram(new double[4032]);
        assertEquals(4032 - 64 + 1, s.frames());
        assertEquals(33, s.bins());
        assertEquals(63, s.frameEndRows()[0]);
        assertEquals(4031, s.frameEndRows()[s.frames() - 1]);
    }

    @Test
    void rising_hann_weighs_the_newest_sample_one_where_hann_weighs_it_almost_zero() {
        double[] hann = WindowFunction.HANN.coefficients(64);
        double[] rising = WindowFunction.RISING_HANN.coefficients(64);
        assertEquals(0.5 - 0.5 * Math.cos(2 * Math.PI * 63 / 64), hann[63], 1e-15);
        assertTrue(hann[63] < 0.003);
        assertEquals(1.0, rising[63], 1e-15);
        // sin^2(pi (n + 1) / 128): the first half of a 128-point Hann, shifted by one sample
        assertEquals(Math.pow(Math.sin(Math.PI / 128), 2), rising[0], 1e-15);
        assertEquals(0.5, rising[31], 1e-15);
        for (int n = 1; n < 64; n++) {
            assertTrue(rising[n] > rising[n - 1]);
        }
        // a spike in the newest sample moves the frame's DC bin by its full height through the rising taper
        double[] x = new double[64];
        x[63] = 10;
        Spectrogram s = Stft.spectrogram(x, new StftConfig(64, 1, WindowFunction.RISING_HANN, 0, SpectrumScale.MAGNITUDE));
        assertEquals(10.0, s.values().getDouble(0, 0), 1e-5);
        Spectrogram h = Stft.spectrogram(x, new StftConfig(64, 1, WindowFunction.HANN, 0, SpectrumScale.MAGNITUDE));
        assertTrue(h.values().getDouble(0, 0) < 0.03);
    }

    @Test
    void bad_input_is_rejected_with_a_clear_message() {
        double[] x = new double[100];
        x[7] = Double.NaN;
        String nan = assertThrows(IllegalArgumentException.class, () -> Stft.spectrogram(x)).getMessage();
        assertTrue(nan.contains("series[7] is NaN"), nan);
        x[7] = 0;
        x[42] = Double.POSITIVE_INFINITY;
        String inf = assertThrows(IllegalArgumentException.class, () -> Stft.spectrogram(x)).getMessage();
        assertTrue(inf.contains("series[42] is Infinity"), inf);
        String shortSeries = assertThrows(IllegalArgumentException.class,
                () -> Stft.spectrogram(new double[10], StftConfig.defaults().withWindow(16))).getMessage();
        assertEquals("series has 10 values, fewer than one window of 16", shortSeries);
        assertEquals("hop must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> StftConfig.defaults().withHop(0)).getMessage());
        assertEquals("window length must be positive, got -2", assertThrows(IllegalArgumentException.class,
                () -> StftConfig.defaults().withWindow(-2)).getMessage());
        String fft = assertThrows(IllegalArgumentException.class,
                () -> StftConfig.defaults().withWindow(64).withFftSize(32)).getMessage();
        assertTrue(fft.startsWith("FFT size 32 is smaller than the window length 64"), fft);
        String grow = assertThrows(IllegalArgumentException.class,
                () -> StftConfig.defaults().withFftSize(64).withWindow(128)).getMessage();
        assertTrue(grow.startsWith("FFT size 64 is smaller than the window length 128"), grow);
    }
}
