package org.dgmkit.score.anomaly;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pixel noise for "noisy digits are anomalies" experiments. Works on images in [0, 1] (any shape, usually
 * [n, 784]); the result is a new FLOAT array clipped to [0, 1]; the same seed gives the same noise.
 */
public enum Noise {
    /** Adds N(0, level^2) to every pixel; {@code level} is the standard deviation (&ge; 0). */
    GAUSSIAN,
    /** Sets a fraction {@code level} of pixels to 0 or 1 (each with probability 1/2). */
    SALT_AND_PEPPER,
    /** Replaces a fraction {@code level} of pixels by uniform values in [0, 1). */
    UNIFORM;

    /** Noisy copy of {@code images}; {@code images} is left unchanged. */
    public INDArray apply(INDArray images, double level, long seed) {
        if (!(level >= 0) || (this != GAUSSIAN && level > 1)) {
            throw new IllegalArgumentException(this + " noise level must be " + (this == GAUSSIAN
                    ? "a standard deviation >= 0" : "a pixel fraction in [0, 1]") + ", got " + level);
        }
        float[] pixels = images.castTo(DataType.FLOAT).dup().data().asFloat();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            double v = pixels[i];
            switch (this) {
                case GAUSSIAN -> v += level * gaussian(random);
                case SALT_AND_PEPPER -> {
                    if (random.nextDouble() < level) {
                        v = random.nextBoolean() ? 1.0 : 0.0;
                    }
                }
                case UNIFORM -> {
                    if (random.nextDouble() < level) {
                        v = random.nextDouble();
                    }
                }
            }
            pixels[i] = (float) Math.min(1.0, Math.max(0.0, v));
        }
        return Nd4j.create(pixels, images.shape(), 'c');
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
