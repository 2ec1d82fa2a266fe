package org.dgmkit.model.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one matrix product of the modules: C = alpha op(A) op(B) + beta C with transpose flags, never a copy.
 * Products up to 1e8 flops (every product of the VAE and Ladder VAE at batch 100) go straight to OpenBLAS's
 * cblas_sgemm/dgemm (the library ND4J itself ships), on ONE thread: {@code Nd4j.gemm} costs tens of microseconds
 * per call before any arithmetic (more than a [100, 32] x [32, 4] product takes), and on a 2-core machine two
 * thread pools (OpenBLAS's spinning workers and ND4J's OpenMP team) waking for every product made the products of
 * a training step 3-4 times slower than the same products timed alone. Larger products (ADGM's class-tiled rows)
 * go to {@code Nd4j.gemm} (oneDNN on Linux x86-64, two threads), except inside a half of a split training step
 * ({@link HalfBatch#insideHalf}): there the other core runs the other half, so every product stays on one OpenBLAS
 * thread (two two-thread products at once put four threads on two cores; quiet paired ADGM runs: +7 % median,
 * 0.98-1.09 per pair). The route depends only on the shape and on whether the step is split, and the thread counts
 * are fixed, so the same seed still gives the same numbers.
 *
 * <p>System properties: {@code dgmkit.gemm} = {@code auto} (default), {@code nd4j} or {@code blas} forces a route;
 * {@code dgmkit.gemm.blasMaxFlops} moves the boundary (2 m n k, default 1e8); {@code dgmkit.gemm.halves} =
 * {@code blas} (default) or {@code auto} (the shape decides inside halves too); {@code dgmkit.gemm.blasThreads}
 * sets OpenBLAS's threads (default 1; this is process-wide).
 */
public final class Gemm {
    /** Route of one product. */
    public enum Route { ND4J, BLAS }

    private static String MODE = System.getProperty("dgmkit.gemm", "auto"); // not final: experiments switch it
    private static double BLAS_MAX_FLOPS = Double.parseDouble(System.getProperty("dgmkit.gemm.blasMaxFlops",
            "1e8"));
    private static volatile boolean blasAvailable = true;
    /** Inside a split step's half: {@code blas} (default) keeps every product on one OpenBLAS thread. */
    private static boolean HALVES_ON_ONE_THREAD = !"auto".equals(System.getProperty("dgmkit.gemm.halves", "blas"));

    static {
        try {
            Nd4j.getBackend(); // ND4J first: it sets OpenBLAS's threads when it starts
            openblas_nolapack.blas_set_num_threads(Integer.getInteger("dgmkit.gemm.blasThreads", 1));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            blasAvailable = false;
        }
    }

    private Gemm() {
    }

    /** c = alpha op(a) op(b) + beta c; a, b, c 2-D with unit column stride, c not a column view of a wider array. */
    public static void mm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
                          double beta) {
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kb = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: op(A) [" + m + ", " + k + "], op(B) [" + kb
                    + ", " + n + "], C " + java.util.Arrays.toString(c.shape()));
        }
        Route route = route(a, b, c, m, n, k);
        StepProfile p = StepProfile.active();
        long t0 = p == null ? 0 : System.nanoTime();
        if (route == Route.BLAS) {
            blas(a, b, c, transposeA, transposeB, alpha, beta, (int) m, (int) n, (int) k);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        if (p != null) {
            p.gemm(System.nanoTime() - t0, m, n, k, transposeA, transposeB, route, a.dataType());
        }
    }

    /** The route {@link #mm} takes for these operands. */
    public static Route route(INDArray a, INDArray b, INDArray c, long m, long n, long k) {
        if (MODE.equals("nd4j") || !blasAvailable || !blasLayout(a) || !blasLayout(b) || !blasLayout(c)
                || a.dataType() != c.dataType() || b.dataType() != c.dataType()
                || (c.dataType() != DataType.FLOAT && c.dataType() != DataType.DOUBLE)) {
            return Route.ND4J;
        }
        if (MODE.equals("blas") || HALVES_ON_ONE_THREAD && HalfBatch.insideHalf()) {
            return Route.BLAS;
        }
        return 2.0 * m * n * k <= BLAS_MAX_FLOPS ? Route.BLAS : Route.ND4J;
    }

    /** The route a product of this shape (FLOAT, plain operands) takes. */
    public static Route route(long m, long n, long k) {
        if (MODE.equals("nd4j") || !blasAvailable) {
            return Route.ND4J;
        }
        return MODE.equals("blas") || HALVES_ON_ONE_THREAD && HalfBatch.insideHalf() || 2.0 * m * n * k <= BLAS_MAX_FLOPS
                ? Route.BLAS : Route.ND4J;
    }

    /** Runs one product on the given route (for the benchmark's roofline); operands as in {@link #mm}. */
    public static void mm(Route route, INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long n = transposeB ? b.rows() : b.columns();
        if (route == Route.BLAS && blasAvailable) {
            blas(a, b, c, transposeA, transposeB, 1.0, 0.0, (int) m, (int) n, (int) k);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
        }
    }

    /** Row-major with unit column stride and a row stride cblas can take. */
    private static boolean blasLayout(INDArray x) {
        return x.rank() == 2 && (x.columns() == 1 || x.stride(1) == 1) && x.stride(0) >= Math.max(1, x.columns())
                && x.length() < Integer.MAX_VALUE;
    }

    private static int ld(INDArray x) {
        return (int) (x.rows() > 1 ? x.stride(0) : Math.max(1, x.columns()));
    }

    private static void blas(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double alpha, double beta,
                             int m, int n, int k) {
        int opA = ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        try {
            if (c.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                        new FloatPointer(a.data().addressPointer()), ld(a),
                        new FloatPointer(b.data().addressPointer()), ld(b), (float) beta,
                        new FloatPointer(c.data().addressPointer()), ld(c));
            } else {
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, alpha,
                        new DoublePointer(a.data().addressPointer()), ld(a),
                        new DoublePointer(b.data().addressPointer()), ld(b), beta,
                        new DoublePointer(c.data().addressPointer()), ld(c));
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // no loadable OpenBLAS on this platform: every product through ND4J from now on
            blasAvailable = false;
            Nd4j.gemm(a, b, c, ta, tb, alpha, beta);
        }
    }
}
