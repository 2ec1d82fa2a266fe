package org.dgmkit.model.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data parallelism inside one training step, for the second core: the batch's rows split at a fixed point (rows / 2);
 * the first half runs forward and backward on the calling thread with the model's own modules, the second on a
 * second thread with a replica's modules (same parameter values and state, its own activations and its own gradient
 * buffer, see {@link ParameterSpace#allocateSharing}); batch norm layers combine the halves' partial sums through a
 * {@link Rendezvous}, so they normalise with the statistics of the whole batch. The losses are batch means, so each
 * half scales its terms by 1 / (rows of the whole batch) and the two gradient buffers are summed, replica into model,
 * element by element: the result equals the whole-batch gradient up to float rounding, and the split point and the
 * order of every sum are fixed, so the same seed still gives the same numbers run to run. The models add the
 * replica's buffer through {@link ParameterSpace#addReplicaGradients}: at once ({@link #addInto}), or, when the
 * trainer asked for it ({@link ParameterSpace#deferReplicaMerge}), inside the optimiser's pass (the same sums).
 *
 * <p>Used by the training steps of the VAE, Auxiliary VAE, ADGM / SDGM / M2 and LVAE. ON by default
 * ({@code -Ddgmkit.halfBatch=off} or {@link #setEnabled} turns it off). On two free cores it wins: quiet paired runs at
 * batch 100 gave VAE 8225-8381 vs 5899-6108 samples/s unsplit (+39 %), LVAE 4023-4070 vs 2821-3081 (+37 %), Auxiliary
 * VAE 3714 vs 3117 (+19 %); ADGM (100 labelled + 100 unlabelled rows, 1100 rows after tiling per class) 1145-1231 vs
 * 1112-1140 (+5 %: its large products already kept both cores busy; measured while every product of a half ran on
 * OpenBLAS, before {@link Gemm} sent a half's large products to oneDNN on one thread). On a machine whose cores are
 * busy with other work it loses (in-process alternations at load average 4-13: VAE 0.52-0.93x, LVAE 0.57-1.12x; the
 * step waits for whichever half was descheduled, LVAE's 40 batch-norm rendezvous per step as well): turn it off there.
 * When on, it splits batches of at least {@link #minRows()} rows (default 64, system property
 * {@code dgmkit.halfBatch.minRows}).
 */
public final class HalfBatch {
    private static volatile boolean enabled = !"off".equals(System.getProperty("dgmkit.halfBatch", "on"));
    private static volatile int minRows = Integer.getInteger("dgmkit.halfBatch.minRows", 64);
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "dgmkit-half-batch");
                t.setDaemon(true);
                return t;
            });

    /** True on a thread while it runs one half of a split step (see {@link #insideHalf}). */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private HalfBatch() {
    }

    /**
     * True while the calling thread runs one half of a split step: the other core is busy with the other half, so
     * work started here should not spread over more threads (ND4J's ops, oneDNN's products among them, then run on
     * one thread, see {@link OmpThreads}; so do {@link Gemm}'s OpenBLAS products, always).
     */
    public static boolean insideHalf() {
        return INSIDE.get();
    }

    /** Runs one half marked as such, with ND4J's ops on this thread kept to one core (the other runs the other half). */
    private static void runInside(Runnable half) {
        INSIDE.set(Boolean.TRUE);
        try {
            OmpThreads.onOneThread(half);
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
    }

    /** Whether training steps split their batch (for benchmarks and tests that compare both ways). */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** True when splitting is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Smallest batch that is split. */
    public static int minRows() {
        return minRows;
    }

    /** Sets the smallest batch that is split (at least 2; tests split tiny batches). */
    public static void setMinRows(int rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("a split batch needs at least 2 rows, got " + rows);
        }
        minRows = rows;
    }

    /** True when a training step on {@code rows} rows splits them. */
    public static boolean applies(long rows) {
        return enabled && rows >= Math.max(2, minRows) && rows <= Integer.MAX_VALUE;
    }

    /** Rows of the first half. */
    public static long split(long rows) {
        return rows / 2;
    }

    /** Rows [from, to) of {@code x} (a view; {@link RowBlock}: also of a batch that is itself a view). */
    public static INDArray rows(INDArray x, long from, long to) {
        return RowBlock.of(x, from, to);
    }

    /**
     * Runs {@code first} here and {@code second} on a thread of the halves' own pool (daemon threads, made when every
     * one is busy, so several models training at once on different threads each get their second thread and a step
     * always splits the same way), with {@code rendezvous} (may be null when no layer exchanges anything) active
     * meanwhile. A failure in either half releases the other and is rethrown (this half's first).
     */
    public static void run(Rendezvous rendezvous, Runnable first, Runnable second) {
        StepProfile profile = StepProfile.active();
        long started = profile == null ? 0 : System.nanoTime();
        if (rendezvous != null) {
            rendezvous.begin();
        }
        try {
            java.util.concurrent.Future<?> other = POOL.submit(() -> {
                try {
                    runInside(second);
                } catch (Throwable t) {
                    if (rendezvous != null) {
                        rendezvous.abort(t);
                    }
                    throw t;
                }
            });
            Throwable own = null;
            try {
                runInside(first);
            } catch (Throwable t) {
                own = t;
                if (rendezvous != null) {
                    rendezvous.abort(t);
                }
            }
            Throwable theirs = null;
            boolean interrupted = false;
            while (true) {
                try {
                    other.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    theirs = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the other half still uses this model's buffers: wait for it
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = own != null ? own : theirs;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        } finally {
            if (rendezvous != null) {
                rendezvous.end();
            }
            if (profile != null) {
                profile.halves(System.nanoTime() - started);
            }
        }
    }

    /**
     * {@code target += other} and {@code other = 0}, element by element (flat buffers of equal length and type, not
     * views), split between two threads by ranges; the per-element sum does not depend on the split.
     */
    public static void addInto(INDArray target, INDArray other) {
        if (target.length() != other.length() || target.dataType() != other.dataType() || target.isView()
                || other.isView() || target.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("addInto needs two whole buffers of equal length and type");
        }
        StepProfile profile = StepProfile.active();
        long started = profile == null ? 0 : System.nanoTime();
        int n = (int) target.length();
        Parallel.RowRange body;
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer t = target.data().asNioFloat();
            FloatBuffer o = other.data().asNioFloat();
            body = (part, from, to) -> addFloatChunks(t, o, from, to);
        } else {
            DoubleBuffer t = target.data().asNioDouble();
            DoubleBuffer o = other.data().asNioDouble();
            body = (part, from, to) -> {
                for (int i = from; i < to; i++) {
                    t.put(i, t.get(i) + o.get(i));
                    o.put(i, 0.0);
                }
            };
        }
        if (n < 65_536 || !Parallel.tryPair(n, body)) {
            body.run(0, 0, n);
        }
        if (profile != null) {
            profile.merged(System.nanoTime() - started);
        }
    }

    /** Entries per chunk of {@link #addFloatChunks}: its two arrays (16 KiB) stay in the L1/L2 cache. */
    private static final int CHUNK = 2048;
    private static final float[] ZEROS = new float[CHUNK];

    /**
     * {@code t += o, o = 0} over [from, to) in chunks moved to heap arrays by bulk transfers: a loop over plain float
     * arrays vectorises, where per-entry get/put on direct buffers does not (the same additions, so the same values).
     */
    private static void addFloatChunks(FloatBuffer t, FloatBuffer o, int from, int to) {
        float[] tc = new float[CHUNK];
        float[] oc = new float[CHUNK];
        for (int base = from; base < to; base += CHUNK) {
            int k = Math.min(CHUNK, to - base);
            t.get(base, tc, 0, k);
            o.get(base, oc, 0, k);
            for (int i = 0; i < k; i++) {
                tc[i] += oc[i];
            }
            t.put(base, tc, 0, k);
            o.put(base, ZEROS, 0, k);
        }
    }
}
