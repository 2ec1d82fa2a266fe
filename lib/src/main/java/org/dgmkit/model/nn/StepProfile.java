package org.dgmkit.model.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Where the time of training steps goes, for the training benchmark: {@link Gemm} reports every matrix product
 * (time, flops and shape) to the active profile, the caller times the optimiser and the whole step; the rest is
 * element-wise work, allocation and Java glue. Off unless {@link #start} made one active (the check is one
 * static read per product).
 */
public final class StepProfile {
    private static volatile StepProfile active;

    /** One distinct product shape of a step: m x k times k x n with transpose flags, calls per step. */
    public record Shape(long m, long n, long k, boolean transposeA, boolean transposeB, DataType dataType,
                        Gemm.Route route) {
        /** 2 m n k. */
        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    // adders, not locks: the two halves of a split step report at once, and a thread blocked on a lock here held up
    // the other at its next batch-norm rendezvous (the Ladder VAE's profiled steps took twice the timed ones)
    private final LongAdder gemmNanos = new LongAdder();
    private final LongAdder fusedNanos = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder halvesNanos = new LongAdder();
    private final LongAdder mergeNanos = new LongAdder();
    private final LongAdder gemmCalls = new LongAdder();
    private final DoubleAdder gemmFlops = new DoubleAdder();
    private final Map<Shape, Integer> shapes = new LinkedHashMap<>(); // only while recording shapes
    private final Map<Shape, Long> shapeNanos = new LinkedHashMap<>();
    private boolean recordShapes;

    private StepProfile() {
    }

    /** Makes a fresh profile the active one (replacing any other) and returns it. */
    public static StepProfile start(boolean recordShapes) {
        StepProfile p = new StepProfile();
        p.recordShapes = recordShapes;
        active = p;
        return p;
    }

    /** Stops profiling (no profile is active afterwards). */
    public static void stop() {
        active = null;
    }

    /** The active profile, or null. */
    static StepProfile active() {
        return active;
    }

    void gemm(long nanos, long m, long n, long k, boolean ta, boolean tb, Gemm.Route route, DataType dt) {
        gemmNanos.add(nanos);
        gemmCalls.increment();
        gemmFlops.add(2.0 * m * n * k);
        if (recordShapes) {
            Shape shape = new Shape(m, n, k, ta, tb, dt, route);
            synchronized (shapes) {
                shapes.merge(shape, 1, Integer::sum);
                shapeNanos.merge(shape, nanos, Long::sum);
            }
        }
    }

    /** Start time of a fused pass when a profile is active, else 0 (then {@link #fusedEnd} does nothing). */
    public static long fusedStart() {
        return active == null ? 0L : System.nanoTime();
    }

    /** Adds the time since {@code start} (from {@link #fusedStart}) to the active profile's fused passes. */
    public static void fusedEnd(long start) {
        if (start != 0L) {
            StepProfile p = active;
            if (p != null) {
                p.fused(System.nanoTime() - start);
            }
        }
    }

    private void fused(long nanos) {
        fusedNanos.add(nanos);
    }

    void waited(long nanos) {
        waitNanos.add(nanos);
    }

    void halves(long nanos) {
        halvesNanos.add(nanos);
    }

    void merged(long nanos) {
        mergeNanos.add(nanos);
    }

    /** Wall nanoseconds of the calling thread inside split steps' halves ({@link HalfBatch#run}). */
    public long halvesNanos() {
        return halvesNanos.sum();
    }

    /**
     * Wall nanoseconds spent adding the second half's gradients into the first's ({@link HalfBatch#addInto}); zero when
     * the merge is deferred into the optimiser's pass ({@link ParameterSpace#deferReplicaMerge}), which then times it.
     */
    public long mergeNanos() {
        return mergeNanos.sum();
    }

    /**
     * Nanoseconds the halves of split steps ({@link HalfBatch}) waited for each other inside batch norm, added up
     * over both threads; included in {@link #fusedNanos} (the waits happen inside the fused passes' timing).
     */
    public long waitNanos() {
        return waitNanos.sum();
    }

    /** Nanoseconds spent in fused element-wise passes since start (counted by the passes that report). */
    public long fusedNanos() {
        return fusedNanos.sum();
    }

    /** Nanoseconds spent in matrix products since start. */
    public long gemmNanos() {
        return gemmNanos.sum();
    }

    /** Matrix products since start. */
    public long gemmCalls() {
        return gemmCalls.sum();
    }

    /** Flops (2 m n k) of the matrix products since start. */
    public double gemmFlops() {
        return gemmFlops.sum();
    }

    /** Distinct product shapes recorded since start with their number of calls (empty unless recording). */
    public Map<Shape, Integer> shapes() {
        synchronized (shapes) {
            return new LinkedHashMap<>(shapes);
        }
    }

    /** Nanoseconds spent in the products of each recorded shape (all calls added; empty unless recording). */
    public Map<Shape, Long> shapeNanos() {
        synchronized (shapes) {
            return new LinkedHashMap<>(shapeNanos);
        }
    }

    /** The recorded shapes as a list, one entry per call. */
    public List<Shape> calls() {
        List<Shape> out = new ArrayList<>();
        shapes().forEach((s, c) -> {
            for (int i = 0; i < c; i++) {
                out.add(s);
            }
        });
        return out;
    }
}
