package org.dgmkit.score.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dgmkit.data.Mnist;
import org.dgmkit.data.MnistData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AnomalySettingsTest {

    private static INDArray images;
    private static int[] digits;

    @BeforeAll
    static void readMnistTestSet() throws Exception {
        java.nio.file.Path mnist = org.dgmkit.TestData.sharedData().resolve("mnist");
        MnistData test = Mnist.read(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        images = test.images();
        digits = test.labels();
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup().data().asFloat();
    }

    @Test
    void mnist_test_set_is_read() {
        assertArrayEquals(new long[] {10000, 784}, images.shape());
        assertEquals(980, Arrays.stream(digits).filter(d -> d == 0).count());
        assertEquals(1135, Arrays.stream(digits).filter(d -> d == 1).count());
    }

    @Test
    void an_cho_trains_on_nine_digits_and_labels_the_tenth_anomalous() {
        INDArray train = images.get(NDArrayIndex.interval(0, 5000), NDArrayIndex.all());
        int[] trainDigits = Arrays.copyOfRange(digits, 0, 5000);
        INDArray test = images.get(NDArrayIndex.interval(5000, 10000), NDArrayIndex.all());
        int[] testDigits = Arrays.copyOfRange(digits, 5000, 10000);
        AnomalySplit s = AnomalySettings.anCho(train, trainDigits, test, testDigits, 3);
        long threesInTrain = Arrays.stream(trainDigits).filter(d -> d == 3).count();
        assertEquals(5000 - threesInTrain, s.trainImages().rows());
        assertFalse(Arrays.stream(s.trainDigits()).anyMatch(d -> d == 3));
        assertEquals(5000, s.test().size());
        assertEquals(Arrays.stream(testDigits).filter(d -> d == 3).count(), s.test().anomalies());
        for (int i = 0; i < 5000; i++) {
            assertEquals(testDigits[i] == 3 ? 1 : 0, s.test().anomalous()[i]);
        }
        // rows are the right images: the first kept training row is the first non-3 of the input
        int first = 0;
        while (trainDigits[first] == 3) {
            first++;
        }
        assertArrayEquals(flat(train.getRow(first)), flat(s.trainImages().getRow(0)), 0f);
        assertTrue(s.description().contains("digit 3 anomalous"));
    }

    @Test
    void deep_svdd_trains_on_one_digit_and_labels_the_other_nine_anomalous() {
        AnomalySplit s = AnomalySettings.deepSvdd(images, digits, images, digits, 0);
        assertEquals(980, s.trainImages().rows());
        assertTrue(Arrays.stream(s.trainDigits()).allMatch(d -> d == 0));
        assertEquals(10000 - 980, s.test().anomalies());
        AnomalySplit viaData = AnomalySettings.deepSvdd(new MnistData(images, digits), new MnistData(images, digits), 0);
        assertEquals(980, viaData.trainImages().rows());
        assertEquals(980, AnomalySettings.anCho(new MnistData(images, digits), new MnistData(images, digits), 0)
                .test().anomalies());
        assertEquals("digit must be 0..9, got 10", assertThrows(IllegalArgumentException.class,
                () -> AnomalySettings.deepSvdd(images, digits, images, digits, 10)).getMessage());
    }

    @Test
    void noisy_mix_labels_exactly_the_noisy_rows_and_is_seeded() {
        INDArray some = images.get(NDArrayIndex.interval(0, 1000), NDArrayIndex.all());
        int[] someDigits = Arrays.copyOf(digits, 1000);
        LabelledImages mix = AnomalySettings.noisyMix(some, someDigits, 0.2, Noise.GAUSSIAN, 0.3, 5);
        assertEquals(200, mix.anomalies());
        assertArrayEquals(someDigits, mix.digits());
        for (int i = 0; i < 1000; i++) {
            boolean same = Arrays.equals(flat(some.getRow(i)), flat(mix.images().getRow(i)));
            assertEquals(mix.anomalous()[i] == 0, same, "row " + i);
        }
        LabelledImages again = AnomalySettings.noisyMix(some, someDigits, 0.2, Noise.GAUSSIAN, 0.3, 5);
        assertArrayEquals(mix.anomalous(), again.anomalous());
        assertArrayEquals(flat(mix.images()), flat(again.images()), 0f);
        LabelledImages other = AnomalySettings.noisyMix(some, someDigits, 0.2, Noise.GAUSSIAN, 0.3, 6);
        assertFalse(Arrays.equals(mix.anomalous(), other.anomalous()));
        AnomalySplit split = AnomalySettings.noisyTest(some, someDigits, some, someDigits, 0.5, Noise.UNIFORM, 0.1, 1);
        assertEquals(500, split.test().anomalies());
        assertEquals(1000, split.trainImages().rows());
    }

    @Test
    void noise_levels_mean_what_they_say_and_values_stay_in_unit_interval() {
        INDArray grey = Nd4j.valueArrayOf(new long[] {100, 1000}, 0.5f);
        float[] g = flat(Noise.GAUSSIAN.apply(grey, 0.1, 1));
        double sum = 0;
        double sq = 0;
        for (float v : g) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        assertEquals(0.0, sum / g.length, 0.002);
        assertEquals(0.1, Math.sqrt(sq / g.length), 0.002);

        float[] sp = flat(Noise.SALT_AND_PEPPER.apply(grey, 0.3, 2));
        long changed = 0;
        long salt = 0;
        for (float v : sp) {
            if (v != 0.5f) {
                changed++;
                assertTrue(v == 0f || v == 1f, "salt or pepper: " + v);
                salt += v == 1f ? 1 : 0;
            }
        }
        assertEquals(0.3, changed / 100000.0, 0.01);
        assertEquals(0.5, (double) salt / changed, 0.02);

        float[] u = flat(Noise.UNIFORM.apply(grey, 0.25, 3));
        assertEquals(0.25, Arrays.stream(toDouble(u)).filter(v -> v != 0.5).count() / 100000.0, 0.01);

        float[] wide = flat(Noise.GAUSSIAN.apply(grey, 5.0, 4));
        assertTrue(Arrays.stream(toDouble(wide)).allMatch(v -> v >= 0 && v <= 1));
        assertArrayEquals(flat(grey), flat(Noise.GAUSSIAN.apply(grey, 0.0, 4)), 0f);
        assertArrayEquals(flat(Noise.UNIFORM.apply(grey, 0.25, 3)), u, 0f);
        assertEquals("SALT_AND_PEPPER noise level must be a pixel fraction in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Noise.SALT_AND_PEPPER.apply(grey, 1.5, 1)).getMessage());
        assertEquals("GAUSSIAN noise level must be a standard deviation >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Noise.GAUSSIAN.apply(grey, -1, 1)).getMessage());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
