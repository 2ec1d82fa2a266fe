package org.dgmkit.model.nn;

import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The size of the OpenMP team that ND4J's native ops (oneDNN's products among them) start from the calling thread.
 * OpenMP keeps this per thread, so one thread can run its ops on a single core while others keep the default (one
 * per core). A half of a split training step runs on one core while the other core runs the other half: there each
 * product should stay on its own thread ({@link HalfBatch} sets 1 for the half, then restores the thread's count).
 */
final class OmpThreads {
    private static final NativeOps OPS = load();

    private OmpThreads() {
    }

    private static NativeOps load() {
        try {
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
}
