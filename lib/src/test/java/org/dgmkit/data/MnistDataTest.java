package org.dgmkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dgmkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The real MNIST test set from shared/data. */
class MnistDataTest {

    static MnistData test;

    @BeforeAll
    static void load() {
        Path mnist = TestData.sharedData().resolve("mnist");
        test = Mnist.read(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void realTestSetHasPublishedShapeAndLabelCounts() {
        assertEquals(10000, test.size());
        assertArrayEquals(new long[] {10000, 784}, test.images().shape());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.labelCounts());
        assertEquals(7, test.labels()[0]);
        assertEquals(0.0, test.images().minNumber().doubleValue(), 0);
        assertEquals(1.0, test.images().maxNumber().doubleValue(), 0);
    }

    @Test
    void binarisationFixedAndStochastic() {
        MnistData few = test.first(200);
        INDArray fixed = few.binarized(0.5);
        assertEquals(0.0, fixed.sub(fixed.mul(fixed)).sumNumber().doubleValue(), 0, "values must be 0 or 1");
        INDArray a = few.sampleBinarized(3);
        INDArray b = few.sampleBinarized(3);
        INDArray c = few.sampleBinarized(4);
        assertEquals(a, b, "same seed, same binarisation");
        assertNotEquals(a, c);
        // stochastic binarisation keeps the mean intensity
        assertEquals(few.images().meanNumber().doubleValue(), a.meanNumber().doubleValue(), 0.01);
    }

    @Test
    void balancedLabelledSubsetIsSeededAndBalanced() {
        int[] rows = test.balancedLabelled(10, 42);
        assertEquals(100, rows.length);
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, test.subset(rows).labelCounts());
        assertArrayEquals(rows, test.balancedLabelled(10, 42));
        assertTrue(!java.util.Arrays.equals(rows, test.balancedLabelled(10, 43)));
    }
}
