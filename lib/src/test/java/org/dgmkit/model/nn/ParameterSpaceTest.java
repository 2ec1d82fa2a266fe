package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The replica merge of {@link ParameterSpace}: at once by default (as {@link HalfBatch#addInto}), or deferred (the
 * replica's buffer pending until settled, taken or zeroed; a second one merges the first).
 */
class ParameterSpaceTest {

    private static ParameterSpace space() {
        ParameterSpace p = new ParameterSpace(DataType.FLOAT);
        p.reserve("a.W", new ParameterSpace.Constant(0.5), 3, 5);
        p.reserve("a.b", new ParameterSpace.Constant(0.0), 5);
        return p;
    }

    private static ParameterSpace replicaOf(ParameterSpace primary) {
        ParameterSpace r = space();
        return r.allocateSharing(primary);
    }

    private static float[] randomInto(INDArray g, long seed) {
        Nd4j.getRandom().setSeed(seed);
        g.assign(Nd4j.randn(DataType.FLOAT, 1, g.length()));
        return g.toFloatVector();
    }

    private static float[] sum(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    @Test
    void offByDefaultAddsAtOnceAsAddInto() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace r = replicaOf(p);
        assertFalse(p.defersReplicaMerge());
        float[] g0 = randomInto(p.gradients(), 2);
        float[] g1 = randomInto(r.gradients(), 3);
        p.addReplicaGradients(r);
        assertArrayEquals(sum(g0, g1), p.gradients().toFloatVector());
        assertArrayEquals(new float[g1.length], r.gradients().toFloatVector());
        assertNull(p.takePendingReplicaGradients());
        p.settleGradients(); // nothing pending: no change
        assertArrayEquals(sum(g0, g1), p.gradients().toFloatVector());
    }

    @Test
    void deferredMergeWaitsUntilSettled() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace r = replicaOf(p);
        p.deferReplicaMerge(true);
        assertTrue(p.defersReplicaMerge());
        float[] g0 = randomInto(p.gradients(), 2);
        float[] g1 = randomInto(r.gradients(), 3);
        p.addReplicaGradients(r);
        assertArrayEquals(g0, p.gradients().toFloatVector(), "nothing merged yet");
        assertArrayEquals(g1, r.gradients().toFloatVector());
        p.deferReplicaMerge(false); // turning it off merges nothing
        assertArrayEquals(g0, p.gradients().toFloatVector());
        p.settleGradients();
        assertArrayEquals(sum(g0, g1), p.gradients().toFloatVector());
        assertArrayEquals(new float[g1.length], r.gradients().toFloatVector());
        assertNull(p.takePendingReplicaGradients(), "settled: nothing pending");
    }

    @Test
    void takeReturnsTheReplicaBufferOnce() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace r = replicaOf(p);
        p.deferReplicaMerge(true);
        float[] g0 = randomInto(p.gradients(), 2);
        randomInto(r.gradients(), 3);
        p.addReplicaGradients(r);
        assertSame(r.gradients(), p.takePendingReplicaGradients());
        assertNull(p.takePendingReplicaGradients());
        p.settleGradients();
        assertArrayEquals(g0, p.gradients().toFloatVector(), "taken: the caller merges it, settle does not");
    }

    /** The same replica pending twice (two steps without an update): the first merged, every gradient counted once. */
    @Test
    void secondCallWhilePendingMergesTheFirst() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace r = replicaOf(p);
        p.deferReplicaMerge(true);
        float[] g0 = randomInto(p.gradients(), 2);
        float[] g1 = randomInto(r.gradients(), 3);
        p.addReplicaGradients(r);
        // a second backward pass accumulates into both buffers
        INDArray more0 = Nd4j.randn(DataType.FLOAT, 1, p.size());
        INDArray more1 = Nd4j.randn(DataType.FLOAT, 1, p.size());
        p.gradients().addi(more0);
        r.gradients().addi(more1);
        float[] acc0 = sum(g0, more0.toFloatVector());
        float[] acc1 = sum(g1, more1.toFloatVector());
        p.addReplicaGradients(r);
        assertArrayEquals(sum(acc0, acc1), p.gradients().toFloatVector(), "the pending buffer merged first");
        assertArrayEquals(new float[g0.length], r.gradients().toFloatVector());
        INDArray pending = p.takePendingReplicaGradients();
        assertSame(r.gradients(), pending, "the new call is pending (its buffer zero, nothing counted twice)");

        // a different replica while one is pending
        ParameterSpace r2 = replicaOf(p);
        float[] h0 = p.gradients().toFloatVector();
        float[] h1 = randomInto(r.gradients(), 4);
        float[] h2 = randomInto(r2.gradients(), 5);
        p.addReplicaGradients(r);
        p.addReplicaGradients(r2);
        assertArrayEquals(sum(h0, h1), p.gradients().toFloatVector(), "the first replica merged");
        assertSame(r2.gradients(), p.takePendingReplicaGradients());
        assertArrayEquals(h2, r2.gradients().toFloatVector());
    }

    @Test
    void zeroGradientsZeroesAPendingReplicaToo() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace r = replicaOf(p);
        p.deferReplicaMerge(true);
        randomInto(p.gradients(), 2);
        randomInto(r.gradients(), 3);
        p.addReplicaGradients(r);
        p.zeroGradients();
        assertArrayEquals(new float[(int) p.size()], p.gradients().toFloatVector());
        assertArrayEquals(new float[(int) p.size()], r.gradients().toFloatVector());
        assertNull(p.takePendingReplicaGradients());
    }

    @Test
    void onlyAReplicaCanBeAdded() {
        ParameterSpace p = space().allocate(1);
        ParameterSpace stranger = space().allocate(2);
        assertThrows(IllegalArgumentException.class, () -> p.addReplicaGradients(stranger));
        assertThrows(IllegalArgumentException.class, () -> p.addReplicaGradients(p));
    }
}
