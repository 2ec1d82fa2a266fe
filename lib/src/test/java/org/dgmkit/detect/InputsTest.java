package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dgmkit.signal.SpectrumScale;
import org.dgmkit.signal.Spectrogram;
import org.dgmkit.signal.Stft;
import org.dgmkit.signal.StftConfig;
import org.dgmkit.signal.WindowFunction;
import org.junit.jupiter.api.Test;

/** Window features, the span rule and the scaler, on numbers worked out by hand. */
class InputsTest {

    @Test
    void block_means_end_at_the_row_and_the_newest_values_follow() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        BlockMeanWindow w = new BlockMeanWindow(3, 2, 2);
        assertEquals(6, w.rows());
        assertEquals(5, w.size());
        double[] out = new double[5];
        w.extract(v, 8, out); // rows 3..8 = 4 5 | 6 7 | 8 9, newest two 8 9
        assertArrayEquals(new double[] {4.5, 6.5, 8.5, 8, 9}, out, 0);
        w.extract(v, 5, out); // rows 0..5
        assertArrayEquals(new double[] {1.5, 3.5, 5.5, 5, 6}, out, 0);
        assertThrows(IllegalArgumentException.class, () -> w.extract(v, 4, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> new BlockMeanWindow(2, 2, 5));
    }

    @Test
    void spectrogram_frame_is_the_stft_frame_that_ends_at_the_row() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i * 0.3) + 0.01 * i * i;
        }
        for (WindowFunction taper : new WindowFunction[] {WindowFunction.HANN, WindowFunction.RISING_HANN}) {
            SpectrogramFrame f = new SpectrogramFrame(16, taper);
            Spectrogram s = Stft.spectrogram(v, new StftConfig(16, 1, taper, 0, SpectrumScale.LOG_MAGNITUDE));
            double[] out = new double[f.size()];
            f.extract(v, 40, out); // Stft frame 25 ends at row 40
            for (int k = 0; k < f.size(); k++) {
                assertEquals(s.values().getDouble(25, k), out[k], 1e-5, taper + " bin " + k);
            }
        }
    }

    @Test
    void span_follows_the_sampling_and_is_capped_by_the_fit_rows() {
        long[] fiveMinutes = new long[1000];
        long[] hourly = new long[1000];
        for (int i = 0; i < 1000; i++) {
            fiveMinutes[i] = 300L * i;
            hourly[i] = 3600L * i + (i % 7 == 0 ? 5 : 0); // jitter does not move the median
        }
        DetectorSettings s = DetectorSettings.defaults(); // P1D, at most half the fit rows, 12 blocks, 2 recent
        assertEquals(300, InputSpec.medianStepSeconds(fiveMinutes, 1000), 0);
        assertEquals(288, InputSpec.spanRows(s, fiveMinutes, 750)); // 1 day of 5 minutes
        assertEquals(150, InputSpec.spanRows(s, fiveMinutes, 300)); // capped at half of 300
        assertEquals(24, InputSpec.spanRows(s, hourly, 750));
        BlockMeanWindow w = (BlockMeanWindow) InputSpec.resolve(s, fiveMinutes, 750);
        assertEquals(12, w.blocks());
        assertEquals(24, w.blockRows());
        BlockMeanWindow h = (BlockMeanWindow) InputSpec.resolve(s, hourly, 750);
        assertEquals(2, h.blockRows()); // 24 rows in 12 blocks
        assertEquals(40, InputSpec.spanRows(s.with("span", "rows:40"), hourly, 750));
        assertEquals(8, InputSpec.spanRows(s.with("span", "PT1M"), hourly, 750)); // at least spanMinRows
        SpectrogramFrame f = (SpectrogramFrame) InputSpec.resolve(s.with("input", "spectrogram"), fiveMinutes, 750);
        assertEquals(64, f.rows()); // capped by frameMaxRows
    }

    @Test
    void scaler_standardises_per_feature_keeps_flat_features_finite_and_clips() {
        double[][] rows = {{1, 10, 5}, {3, 10, 5}, {5, 10, 5}};
        FeatureScaler s = FeatureScaler.fit(rows, 3);
        assertArrayEquals(new double[] {3, 10, 5}, s.mean(), 0);
        double sd = Math.sqrt(8 / 3.0);
        assertEquals(sd, s.std()[0], 1e-12);
        assertEquals(0.01 * sd, s.std()[1], 1e-12); // flat: 1 % of the varying features' scale
        double[] out = new double[3];
        s.apply(new double[] {5, 10, 100}, out);
        assertEquals(2 / sd, out[0], 1e-12);
        assertEquals(0, out[1], 0);
        assertEquals(3, out[2], 0); // clipped
        FeatureScaler flat = FeatureScaler.fit(new double[][] {{7, 7}, {7, 7}}, 20);
        double[] two = new double[2];
        flat.apply(new double[] {8, 7}, two); // nothing varies: scale 1 % of 1, so 1 above is 100, clipped to 20
        assertArrayEquals(new double[] {20, 0}, two, 0);
    }
}
