package org.dgmkit.model.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The size of the OpenMP team that ND4J's native ops (oneDNN's products among them) start from the calling thread.
 * OpenMP keeps this per thread, so one thread can run its ops on a single core while others keep the default (one
 * per core). Two uses: a half of a split training step runs on one core while the other core runs the other half
 * ({@link HalfBatch}); and a small model's ops (the detectors' [32, 64] arrays) cost more to hand to a team than to
 * run, so a detector's model runs on its own thread ({@link #onOneThread}).
 */
public final class OmpThreads {
    private static final NativeOps OPS = load();

    private OmpThreads() {
    }

    private static NativeOps load() {
        try {
            // ND4J's backend first: NativeOpsHolder loaded before it fails, and ND4J with it, for the whole process
            Nd4j.getBackend();
            return NativeOpsHolder.getInstance().getDeviceNativeOps();
        } catch (RuntimeException | LinkageError e) {
            return null; // no native backend here: nothing to size
        }
    }

    /** The calling thread's team size (0 when ND4J's native library is absent). */
    static int get() {
        return OPS == null ? 0 : OPS.ompGetMaxThreads();
    }

    /** Sets the calling thread's team size; {@code threads < 1} (an absent backend's 0) leaves it as it is. */
    static void set(int threads) {
        if (OPS != null && threads >= 1) {
            OPS.setOmpNumThreads(threads);
        }
    }

    /** Runs {@code work} with the calling thread's team at one thread, then restores the team's size (also on failure). */
    public static void onOneThread(Runnable work) {
        int threads = get();
        set(1);
        try {
            work.run();
        } finally {
            set(threads);
        }
    }
}
