package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Both routes of {@link Gemm} against Nd4j.gemm: transposes, alpha/beta, row blocks, FLOAT and DOUBLE. */
class GemmTest {

    private static INDArray rand(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, shape);
    }

    @Test
    void everyTransposeComboAndScaleMatchesNd4j() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = ta ? rand(dt, 1, 7, 5) : rand(dt, 1, 5, 7);
                    INDArray b = tb ? rand(dt, 2, 3, 7) : rand(dt, 2, 7, 3);
                    INDArray c0 = rand(dt, 3, 5, 3);
                    INDArray expected = c0.dup();
                    Nd4j.gemm(a, b, expected, ta, tb, 0.7, 0.3);
                    INDArray c = c0.dup();
                    Gemm.mm(a, b, c, ta, tb, 0.7, 0.3);
                    double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
                    assertTrue(expected.sub(c).amaxNumber().doubleValue() < tol, dt + " ta=" + ta + " tb=" + tb);
                    assertEquals(Gemm.Route.BLAS, Gemm.route(a, b, c, 5, 3, 7), "small products go to OpenBLAS");
                }
            }
        }
    }

    @Test
    void rowBlocksOfLargerArraysAreReadAndWrittenInPlace() {
        INDArray big = rand(DataType.FLOAT, 4, 20, 6);
        INDArray a = big.get(NDArrayIndex.interval(5, 9), NDArrayIndex.all()); // rows 5..8, offset 30
        INDArray w = rand(DataType.FLOAT, 5, 6, 4);
        INDArray target = Nd4j.zeros(DataType.FLOAT, 10, 4);
        INDArray c = target.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        Gemm.mm(a, w, c, false, false, 1.0, 0.0);
        INDArray expected = a.dup().mmul(w);
        assertTrue(expected.sub(target.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all())).amaxNumber()
                .doubleValue() < 1e-5);
        assertEquals(0.0, target.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, target.get(NDArrayIndex.interval(7, 10), NDArrayIndex.all()).amaxNumber().doubleValue(), 0.0);
        // column blocks of the product's operands: A's row stride (lda) is the full width
        INDArray cols = big.get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(1, 4));
        INDArray out = Nd4j.create(DataType.FLOAT, 4, 4);
        Gemm.mm(cols, rand(DataType.FLOAT, 6, 3, 4), out, false, false, 1.0, 0.0);
        assertTrue(cols.dup().mmul(rand(DataType.FLOAT, 6, 3, 4)).sub(out).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void insideAHalfOfASplitStepTheShapeDecidesAndNd4jRunsOnOneThread() {
        int outside = OmpThreads.get();
        assertTrue(outside >= 1, "ND4J's OpenMP team outside a split step: " + outside);
        Gemm.Route[] routes = new Gemm.Route[4];
        int[] teams = new int[2];
        // the VAE's largest product in a half: 50 rows, 4e7 flops (above the halves' boundary, 1e7); 5e6 flops below it
        HalfBatch.run(null, () -> {
            routes[0] = Gemm.route(50, 784, 512);
            routes[1] = Gemm.route(50, 100, 500);
            teams[0] = OmpThreads.get();
        }, () -> {
            routes[2] = Gemm.route(50, 784, 512);
            routes[3] = Gemm.route(50, 100, 500);
            teams[1] = OmpThreads.get();
        });
        assertEquals(Gemm.Route.ND4J, routes[0], "a large product in the calling thread's half");
        assertEquals(Gemm.Route.BLAS, routes[1], "a small product in the calling thread's half");
        assertEquals(Gemm.Route.ND4J, routes[2], "a large product in the other thread's half");
        assertEquals(Gemm.Route.BLAS, routes[3], "a small product in the other thread's half");
        assertEquals(Gemm.Route.BLAS, Gemm.route(50, 784, 512), "the same product outside a split step");
        assertEquals(1, teams[0], "ND4J's team in the calling thread's half");
        assertEquals(1, teams[1], "ND4J's team in the other thread's half");
        assertEquals(outside, OmpThreads.get(), "the calling thread's team after the split step");
        assertTrue(!HalfBatch.insideHalf());
    }

    @Test
    void aHalfThatFailsStillRestoresTheThreadsTeam() {
        int outside = OmpThreads.get();
        assertThrows(IllegalStateException.class, () -> HalfBatch.run(null, () -> {
            throw new IllegalStateException("first half fails");
        }, () -> { }));
        assertEquals(outside, OmpThreads.get());
        assertTrue(!HalfBatch.insideHalf());
    }

    @Test
    void largeProductsTakeNd4jAndMismatchedShapesAreRejected() {
        assertEquals(Gemm.Route.ND4J, Gemm.route(1000, 1000, 1000));
        assertEquals(Gemm.Route.BLAS, Gemm.route(100, 32, 4));
        assertEquals(Gemm.Route.BLAS, Gemm.route(100, 784, 512), "the VAE's largest product (8e7 flops) outside halves");
        assertEquals(1, org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads(), "OpenBLAS on one thread");
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.mm(a, b, Nd4j.create(DataType.FLOAT, 3, 2), false, false, 1, 0));
        assertTrue(e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void profileRecordsEveryProductWithItsShape() {
        StepProfile p = StepProfile.start(true);
        try {
            INDArray a = rand(DataType.FLOAT, 1, 8, 3);
            INDArray b = rand(DataType.FLOAT, 2, 3, 2);
            Gemm.mm(a, b, Nd4j.create(DataType.FLOAT, 8, 2), false, false, 1, 0);
            Gemm.mm(a, b, Nd4j.create(DataType.FLOAT, 8, 2), false, false, 1, 0);
        } finally {
            StepProfile.stop();
        }
        assertEquals(2, p.gemmCalls());
        assertEquals(2 * 2.0 * 8 * 2 * 3, p.gemmFlops(), 0.0);
        assertEquals(1, p.shapes().size());
        assertEquals(2, p.calls().size());
        assertEquals(8, p.calls().get(0).m());
    }
}
