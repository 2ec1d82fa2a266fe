package org.dgmkit.model.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one matrix product of the modules: C = alpha op(A) op(B) + beta C with transpose flags, never a copy.
 * Small products go straight to OpenBLAS's cblas_sgemm/dgemm (the library ND4J itself ships), on ONE thread:
 * {@code Nd4j.gemm} costs 20-30 microseconds per call before any arithmetic (more than a [100, 32] x [32, 4] product
 * takes), and outside a split step it wakes an OpenMP team for every product. Larger products go to {@code Nd4j.gemm}
 * (oneDNN on Linux x86-64), whose kernels are far faster on this machine (AMD EPYC with AVX-512, one thread,
 * [550, 500] x [500, 500]: oneDNN 174-184 GFLOP/s, ND4J's OpenBLAS 99-100; at 2.5e7 flops 124-156 vs 71-94; near 5e6
 * flops they tie). Where the boundary lies depends on where the product runs:
 * <ul>
 *   <li>inside a half of a split training step ({@link HalfBatch#insideHalf}) the other core runs the other half, and
 *   {@link HalfBatch} keeps the half's ND4J ops on one thread: no team to wake, so oneDNN from 1e7 flops (2 m n k;
 *   every product of the ADGM/SDGM hidden layers; {@code ./kit bench train} one after the other, quiet machine,
 *   before -> after: SDGM 1629 -> 2294 samples/s, ADGM 1587 -> 2167, Auxiliary VAE 4401 -> 6134, LVAE 5876 -> 7215,
 *   VAE 11482 -> 12245; paired with the PyTorch reference with batch norm, three pairs each: ADGM 1.57-1.80x,
 *   SDGM 1.22-1.46x; earlier sessions' paired runs: 1.0-1.2x);</li>
 *   <li>elsewhere oneDNN runs on one thread per core, and waking that team for every product made mid-sized products
 *   slower in a step than timed alone, so the boundary stays at 1e8 flops (ADGM's class-tiled rows, evaluation).</li>
 * </ul>
 * The route depends only on the shape and on whether the step is split, and the thread counts are fixed, so the same
 * seed still gives the same numbers.
 *
 * <p>System properties: {@code dgmkit.gemm} = {@code auto} (default), {@code nd4j} or {@code blas} forces a route;
 * {@code dgmkit.gemm.blasMaxFlops} (default 1e8) and {@code dgmkit.gemm.halfBlasMaxFlops} (inside halves, default 1e7)
 * move the boundaries ({@code 1e300} keeps every product of that kind on OpenBLAS); {@code dgmkit.gemm.blasThreads}
 * sets OpenBLAS's threads (default 1; this is process-wide).
 */
public final class Gemm {
    /** Route of one product. */
    public enum Route { ND4J, BLAS }

    private static String MODE = System.getProperty("dgmkit.gemm", "auto"); // not final: experiments switch it
    private static double BLAS_MAX_FLOPS = Double.parseDouble(System.getProperty("dgmkit.gemm.blasMaxFlops",
            "1e8"));
    private static volatile boolean blasAvailable = true;
    private static double HALF_BLAS_MAX_FLOPS = Double.parseDouble(System.getProperty("dgmkit.gemm.halfBlasMaxFlops",
            "1e7"));

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
        return route(m, n, k);
    }

    /** The route a product of this shape (FLOAT, plain operands) takes. */
    public static Route route(long m, long n, long k) {
        if (MODE.equals("nd4j") || !blasAvailable) {
            return Route.ND4J;
        }
        double boundary = HalfBatch.insideHalf() ? HALF_BLAS_MAX_FLOPS : BLAS_MAX_FLOPS;
        return MODE.equals("blas") || 2.0 * m * n * k <= boundary ? Route.BLAS : Route.ND4J;
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
