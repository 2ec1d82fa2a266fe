package org.dgmkit.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A half of a split step that fails while the other waits at a batch-norm rendezvous: the waiting half is released,
 * {@link HalfBatch#run} rethrows with the original failure in the cause chain, and the pair works again afterwards.
 */
class HalfBatchFailureTest {
    private static BatchNorm[] pairedNorms(Rendezvous r) {
        ParameterSpace p0 = new ParameterSpace(DataType.DOUBLE);
        BatchNorm b0 = new BatchNorm(p0, "bn", 3, true);
        p0.allocate(1);
        ParameterSpace p1 = new ParameterSpace(DataType.DOUBLE);
        BatchNorm b1 = new BatchNorm(p1, "bn", 3, true);
        p1.allocateSharing(p0);
        BatchNorm.pair(b0, b1, r);
        return new BatchNorm[] {b0, b1};
    }

    @Test
    void aFailingHalfReleasesTheWaitingOneAndIsRethrown() {
        Rendezvous r = new Rendezvous();
        BatchNorm[] bn = pairedNorms(r);
        INDArray x0 = Nd4j.rand(DataType.DOUBLE, 4, 3);
        INDArray x1 = Nd4j.rand(DataType.DOUBLE, 5, 3);
        RuntimeException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                RuntimeException.class, () -> HalfBatch.run(r, () -> bn[0].forward(x0, Activation.IDENTITY), () -> {
                    throw new IllegalStateException("second half failed on purpose");
                })));
        boolean found = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            found |= "second half failed on purpose".equals(t.getMessage());
        }
        assertTrue(found, "the original failure is in the cause chain: " + e);
        // the next split step meets as usual: both halves see the statistics of all 9 rows
        INDArray[] out = new INDArray[2];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HalfBatch.run(r,
                () -> out[0] = bn[0].forward(x0, Activation.IDENTITY).dup(),
                () -> out[1] = bn[1].forward(x1, Activation.IDENTITY).dup()));
        ParameterSpace p = new ParameterSpace(DataType.DOUBLE);
        BatchNorm whole = new BatchNorm(p, "bn", 3, true);
        p.allocate(1);
        INDArray expected = whole.forward(Nd4j.vstack(x0, x1), Activation.IDENTITY);
        assertArrayEquals(expected.ravel().toDoubleVector(), Nd4j.vstack(out[0], out[1]).ravel().toDoubleVector(), 1e-12);
    }
}
