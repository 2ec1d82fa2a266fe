package org.dgmkit.score.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.dgmkit.data.MnistData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST anomaly settings on plain {@code INDArray images} ([n, 784] in [0, 1]) and {@code int[] digits},
 * so they work with any reader; each also has an overload taking {@link MnistData} sets:
 * <ul>
 *   <li>{@link #noisyMix}: a test set where a fraction of the digits get pixel noise (label 1);</li>
 *   <li>{@link #anCho}: An &amp; Cho (2015): one digit is the anomaly, the other nine are normal;</li>
 *   <li>{@link #deepSvdd}: Ruff et al. (2018): one digit is normal, the other nine are anomalies.</li>
 * </ul>
 * One-class protocols train on the NORMAL training images only and test on the whole test set.
 */
public final class AnomalySettings {
    private AnomalySettings() {
    }

    /**
     * {@code images} with exactly {@code round(fraction * n)} rows, chosen at random (seeded), replaced by
     * noisy versions and labelled 1; the others unchanged and labelled 0.
     */
    public static LabelledImages noisyMix(INDArray images, int[] digits, double fraction, Noise noise, double level,
                                          long seed) {
        checkPair(images, digits, "images");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("anomalous fraction must be in [0, 1], got " + fraction);
        }
        int n = digits.length;
        int count = (int) Math.round(fraction * n);
        // partial Fisher-Yates: the first `count` entries are a uniform random subset
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] noisyRows = Arrays.copyOf(order, count);
        Arrays.sort(noisyRows);
        INDArray mixed = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup();
        int[] anomalous = new int[n];
        if (count > 0) {
            INDArray noisy = noise.apply(Nd4j.pullRows(mixed, 1, noisyRows), level, random.nextLong());
            for (int i = 0; i < count; i++) {
                mixed.putRow(noisyRows[i], noisy.getRow(i));
                anomalous[noisyRows[i]] = 1;
            }
        }
        return new LabelledImages(mixed, digits.clone(), anomalous);
    }

    /** Clean training images (all digits) and a noisy-mix test set. */
    public static AnomalySplit noisyTest(INDArray trainImages, int[] trainDigits, INDArray testImages, int[] testDigits,
                                         double fraction, Noise noise, double level, long seed) {
        checkPair(trainImages, trainDigits, "training images");
        LabelledImages test = noisyMix(testImages, testDigits, fraction, noise, level, seed);
        return new AnomalySplit(String.format(java.util.Locale.ROOT, "noisy digits: %.0f%% with %s noise %.3g",
                100 * fraction, noise, level), trainImages, trainDigits.clone(), test);
    }

    /** An &amp; Cho (2015): {@code anomalousDigit} is the anomaly; train on the other nine digits. */
    public static AnomalySplit anCho(INDArray trainImages, int[] trainDigits, INDArray testImages, int[] testDigits,
                                     int anomalousDigit) {
        checkDigit(anomalousDigit);
        return oneClass("An & Cho: digit " + anomalousDigit + " anomalous, other nine normal",
                trainImages, trainDigits, testImages, testDigits, d -> d != anomalousDigit);
    }

    /** Deep SVDD (Ruff et al. 2018): {@code normalDigit} is normal; train on it, the other nine are anomalies. */
    public static AnomalySplit deepSvdd(INDArray trainImages, int[] trainDigits, INDArray testImages, int[] testDigits,
                                        int normalDigit) {
        checkDigit(normalDigit);
        return oneClass("Deep SVDD: digit " + normalDigit + " normal, other nine anomalous",
                trainImages, trainDigits, testImages, testDigits, d -> d == normalDigit);
    }

    /** {@link #anCho} on {@link MnistData} sets (e.g. {@code Mnist.train()}, {@code Mnist.test()}). */
    public static AnomalySplit anCho(MnistData train, MnistData test, int anomalousDigit) {
        return anCho(train.images(), train.labels(), test.images(), test.labels(), anomalousDigit);
    }

    /** {@link #deepSvdd} on {@link MnistData} sets. */
    public static AnomalySplit deepSvdd(MnistData train, MnistData test, int normalDigit) {
        return deepSvdd(train.images(), train.labels(), test.images(), test.labels(), normalDigit);
    }

    /** {@link #noisyMix} on a {@link MnistData} set. */
    public static LabelledImages noisyMix(MnistData data, double fraction, Noise noise, double level, long seed) {
        return noisyMix(data.images(), data.labels(), fraction, noise, level, seed);
    }

    /** {@link #noisyTest} on {@link MnistData} sets. */
    public static AnomalySplit noisyTest(MnistData train, MnistData test, double fraction, Noise noise, double level,
                                         long seed) {
        return noisyTest(train.images(), train.labels(), test.images(), test.labels(), fraction, noise, level, seed);
    }

    private static AnomalySplit oneClass(String description, INDArray trainImages, int[] trainDigits,
                                         INDArray testImages, int[] testDigits, IntPredicate normal) {
        checkPair(trainImages, trainDigits, "training images");
        checkPair(testImages, testDigits, "test images");
        int[] trainRows = IntStream.range(0, trainDigits.length).filter(i -> normal.test(trainDigits[i])).toArray();
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("no normal training images for: " + description);
        }
        INDArray train = Nd4j.pullRows(trainImages, 1, trainRows);
        int[] digits = Arrays.stream(trainRows).map(i -> trainDigits[i]).toArray();
        int[] anomalous = Arrays.stream(testDigits).map(d -> normal.test(d) ? 0 : 1).toArray();
        return new AnomalySplit(description, train, digits,
                new LabelledImages(testImages, testDigits.clone(), anomalous));
    }

    private static void checkPair(INDArray images, int[] digits, String what) {
        if (images.rank() != 2 || images.rows() != digits.length) {
            throw new IllegalArgumentException(what + " must be [n, pixels] with n = " + digits.length
                    + " labels, got shape " + Arrays.toString(images.shape()));
        }
    }

    private static void checkDigit(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("digit must be 0..9, got " + digit);
        }
    }
}
