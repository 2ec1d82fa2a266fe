package org.dgmkit.model.nn;

import java.util.concurrent.locks.LockSupport;

/**
 * Splits a fused pass over rows between the calling thread and one helper thread when the pass is large
 * enough to pay for the hand-over (a few microseconds). The split point depends only on the number of rows,
 * and partial results are combined in a fixed order by the callers, so results do not depend on timing.
 */
final class Parallel {
    /** Passes over fewer entries than this run on the calling thread alone. */
    static long MIN_ENTRIES = Long.getLong("dgmkit.fused.parallelMin", 400_000);

    /** A body over rows [from, to) that may write partial results under index {@code part} (0 or 1). */
    interface RowRange {
        void run(int part, int from, int to);
    }

    private static final Helper HELPER = new Helper();
    /** Spins of a caller waiting for the helper's half of a pass (microseconds of work), then it parks. */
    private static final int PASS_SPINS = 20_000;
    /**
     * Spins of a caller waiting for the helper's half of a training step (milliseconds of work): short, because on a
     * loaded machine a spinning waiter takes the core the helper needs.
     */
    private static final int PAIR_SPINS = 500;

    private Parallel() {
    }

    /** Number of parts {@link #rows} will use for a pass of {@code rows} rows of {@code cols} entries. */
    static int parts(int rows, int cols) {
        return rows >= 2 && (long) rows * cols >= MIN_ENTRIES ? 2 : 1;
    }

    /** Runs {@code body} over [0, rows), split into {@link #parts} parts. */
    static void rows(int rows, int cols, RowRange body) {
        if (parts(rows, cols) == 1) {
            body.run(0, 0, rows);
            return;
        }
        int mid = rows / 2;
        if (!HELPER.busy.compareAndSet(false, true)) {
            // another thread holds the helper: same split, both parts here
            body.run(0, 0, mid);
            body.run(1, mid, rows);
            return;
        }
        runPair(body, mid, rows, PASS_SPINS);
    }

    /**
     * Runs {@code body} as part 0 on the calling thread and part 1 on the helper thread, over [0, rows) split at
     * rows / 2 (bodies that are not row ranges ignore the bounds). Returns false, running nothing, when another
     * caller holds the helper: bodies that wait for each other (a {@link Rendezvous}) must not run one after the
     * other on one thread. Throws the first failure (part 0's first) after both parts ended.
     */
    static boolean tryPair(int rows, RowRange body) {
        if (!HELPER.busy.compareAndSet(false, true)) {
            return false;
        }
        runPair(body, rows / 2, rows, PAIR_SPINS);
        return true;
    }

    /** Part 0 here, part 1 on the helper (already claimed by the caller, released here); the first failure thrown. */
    private static void runPair(RowRange body, int mid, int rows, int spins) {
        Throwable own = null;
        Throwable other;
        try {
            HELPER.start(body, mid, rows);
            try {
                body.run(0, 0, mid);
            } catch (Throwable t) {
                own = t;
            }
            other = HELPER.await(spins);
        } finally {
            HELPER.busy.set(false);
        }
        rethrow(own != null ? own : other);
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** One daemon thread that runs the second half of a pass; spins briefly, then parks. */
    private static final class Helper implements Runnable {
        final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;
        private volatile RowRange task;
        private volatile boolean done = true;
        private int from;
        private int to;
        private Throwable failure;
        private volatile Thread waiter;

        Helper() {
            thread = new Thread(this, "dgmkit-fused-helper");
            thread.setDaemon(true);
            thread.start();
        }

        void start(RowRange body, int from, int to) {
            this.from = from;
            this.to = to;
            this.failure = null;
            this.done = false;
            this.task = body;
            LockSupport.unpark(thread);
        }

        Throwable await(int spinLimit) {
            int spins = 0;
            while (!done) {
                if (++spins < spinLimit) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (!done) {
                        LockSupport.parkNanos(50_000);
                    }
                }
            }
            waiter = null;
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                RowRange t = task;
                if (t == null) {
                    int spins = 0;
                    while ((t = task) == null && ++spins < 2_000) {
                        Thread.onSpinWait();
                    }
                    if (t == null) {
                        LockSupport.park(this);
                        continue;
                    }
                }
                task = null;
                try {
                    t.run(1, from, to);
                } catch (Throwable e) {
                    failure = e;
                }
                done = true;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
