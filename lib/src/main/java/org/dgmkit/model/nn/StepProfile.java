package org.dgmkit.model.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private long gemmNanos;
    private long fusedNanos;
    private long waitNanos;
    private long gemmCalls;
    private double gemmFlops;
    private final Map<Shape, Integer> shapes = new LinkedHashMap<>();
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

    synchronized void gemm(long nanos, long m, long n, long k, boolean ta, boolean tb, Gemm.Route route, DataType dt) {
        gemmNanos += nanos;
        gemmCalls++;
        gemmFlops += 2.0 * m * n * k;
        if (recordShapes) {
            shapes.merge(new Shape(m, n, k, ta, tb, dt, route), 1, Integer::sum);
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

    private synchronized void fused(long nanos) {
        fusedNanos += nanos;
    }

    synchronized void waited(long nanos) {
        waitNanos += nanos;
    }

    /**
     * Nanoseconds the halves of split steps ({@link HalfBatch}) waited for each other inside batch norm, added up
     * over both threads; included in {@link #fusedNanos} (the waits happen inside the fused passes' timing).
     */
    public synchronized long waitNanos() {
        return waitNanos;
    }

    /** Nanoseconds spent in fused element-wise passes since start (counted by the passes that report). */
    public synchronized long fusedNanos() {
        return fusedNanos;
    }

    /** Nanoseconds spent in matrix products since start. */
    public synchronized long gemmNanos() {
        return gemmNanos;
    }

    /** Matrix products since start. */
    public synchronized long gemmCalls() {
        return gemmCalls;
    }

    /** Flops (2 m n k) of the matrix products since start. */
    public synchronized double gemmFlops() {
        return gemmFlops;
    }

    /** Distinct product shapes recorded since start with their number of calls (empty unless recording). */
    public synchronized Map<Shape, Integer> shapes() {
        return new LinkedHashMap<>(shapes);
    }

    /** The recorded shapes as a list, one entry per call. */
    public synchronized List<Shape> calls() {
        List<Shape> out = new ArrayList<>();
        shapes.forEach((s, c) -> {
            for (int i = 0; i < c; i++) {
                out.add(s);
            }
        });
        return out;
    }
}
