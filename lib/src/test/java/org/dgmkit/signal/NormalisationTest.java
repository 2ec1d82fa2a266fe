package org.dgmkit.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NormalisationTest {

    private static final int TRAIN = 50;

    /** A spectrogram of noise plus a trend, so bins have different means and spreads. */
    private static Spectrogram spectrogram(long seed, double testShift) {
        Random random = new Random(seed);
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() + 0.01 * i + Math.sin(i * 0.7);
        }
        Spectrogram s = Stft.spectrogram(x, StftConfig.defaults().withWindow(16).withHop(2));
        if (testShift != 0) {
            // change only the test frames: the fit must not see it
            INDArray v = s.values().dup();
            v.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(TRAIN, s.frames()),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).addi(testShift);
            return s.withValues(v);
        }
        return s;
    }

    private static double[][] matrix(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @Test
    void per_frequency_uses_training_mean_and_std_only() {
        Spectrogram s = spectrogram(1, 0);
        FittedNormalisation f = Normalisation.PER_FREQUENCY.fit(s, TRAIN);
        double[][] v = matrix(s.values());
        int bins = s.bins();
        for (int k = 0; k < bins; k++) {
            double mean = 0;
            for (int t = 0; t < TRAIN; t++) {
                mean += v[t][k];
            }
            mean /= TRAIN;
            double var = 0;
            for (int t = 0; t < TRAIN; t++) {
                var += (v[t][k] - mean) * (v[t][k] - mean);
            }
            assertEquals(mean, f.offset()[k], 1e-5);
            assertEquals(Math.sqrt(var / TRAIN), f.scale()[k], 1e-5);
        }
        FittedNormalisation g = Normalisation.PER_FREQUENCY.fit(spectrogram(1, 1000.0), TRAIN);
        assertArrayEquals(f.offset(), g.offset(), 0.0);
        assertArrayEquals(f.scale(), g.scale(), 0.0);

        double[][] z = matrix(f.apply(s).values());
        for (int k = 0; k < bins; k++) {
            double mean = 0;
            double sq = 0;
            for (int t = 0; t < TRAIN; t++) {
                mean += z[t][k];
                sq += z[t][k] * z[t][k];
            }
            assertEquals(0.0, mean / TRAIN, 1e-4);
            assertEquals(1.0, sq / TRAIN, 1e-3);
        }
        // the test part is transformed with the same parameters
        int t = TRAIN + 10;
        assertEquals((v[t][3] - f.offset()[3]) / f.scale()[3], z[t][3], 1e-4);
    }

    @Test
    void constant_training_bin_gets_a_floored_std_instead_of_dividing_by_zero() {
        double[][] rows = {{1, 5}, {1, 7}, {1, 9}};
        INDArray train = org.nd4j.linalg.factory.Nd4j.createFromArray(rows);
        FittedNormalisation f = Normalisation.PER_FREQUENCY.fit(train);
        double std = Math.sqrt(8.0 / 3);
        assertEquals(std, f.scale()[1], 1e-12);
        assertEquals(1e-3 * std / 2, f.scale()[0], 1e-12);
        double[][] out = matrix(f.apply(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1.001, 7}})));
        assertEquals(0.001 / (1e-3 * std / 2), out[0][0], 1e-2);
        assertEquals(0.0, out[0][1], 1e-6);
    }

    @Test
    void min_max_maps_training_range_to_unit_interval_and_does_not_clip_the_test_part() {
        Spectrogram s = spectrogram(2, 0);
        FittedNormalisation f = Normalisation.MIN_MAX.fit(s, TRAIN);
        assertArrayEquals(f.offset(), Normalisation.MIN_MAX.fit(spectrogram(2, -50.0), TRAIN).offset(), 0.0);
        double[][] z = matrix(f.apply(s).values());
        for (int k = 0; k < s.bins(); k++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int t = 0; t < TRAIN; t++) {
                min = Math.min(min, z[t][k]);
                max = Math.max(max, z[t][k]);
            }
            assertEquals(0.0, min, 1e-5);
            assertEquals(1.0, max, 1e-5);
        }
        double[][] shifted = matrix(f.apply(spectrogram(2, 1000.0)).values());
        assertTrue(shifted[TRAIN + 1][0] > 1.0, "test values above the training max stay above 1");
    }

    @Test
    void per_frame_kinds_need_no_fit_and_scale_each_frame_by_itself() {
        Spectrogram s = spectrogram(3, 0);
        FittedNormalisation l2 = Normalisation.PER_FRAME_L2.fit(s, 1);
        assertEquals(0, l2.offset().length);
        double[][] z = matrix(l2.apply(s).values());
        for (double[] frame : z) {
            double sq = 0;
            for (double v : frame) {
                sq += v * v;
            }
            assertEquals(1.0, sq, 1e-5);
        }
        double[][] sum = matrix(Normalisation.PER_FRAME_SUM.fit(s, 1).apply(s).values());
        for (double[] frame : sum) {
            double total = 0;
            for (double v : frame) {
                total += v;
            }
            assertEquals(1.0, total, 1e-5);
        }
        double[][] zero = matrix(Normalisation.PER_FRAME_L2.fit(s, 1)
                .apply(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 4)));
        assertArrayEquals(new double[4], zero[1], 0.0);
    }

    @Test
    void none_is_the_identity_and_apply_leaves_the_input_unchanged() {
        Spectrogram s = spectrogram(4, 0);
        double[][] before = matrix(s.values());
        assertArrayEquals(before, matrix(Normalisation.NONE.fit(s, TRAIN).apply(s).values()));
        Normalisation.PER_FREQUENCY.fit(s, TRAIN).apply(s);
        assertArrayEquals(before, matrix(s.values()));
    }

    @Test
    void bad_training_sizes_are_rejected() {
        Spectrogram s = spectrogram(5, 0);
        String msg = assertThrows(IllegalArgumentException.class, () -> Normalisation.PER_FREQUENCY.fit(s, 0)).getMessage();
        assertEquals("trainFrames must be in [1, " + s.frames() + "], got 0", msg);
        String bins = assertThrows(IllegalArgumentException.class, () -> Normalisation.PER_FREQUENCY.fit(s, 5)
                .apply(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 3))).getMessage();
        assertEquals("frames have 3 bins, the normalisation was fitted on " + s.bins(), bins);
    }
}
