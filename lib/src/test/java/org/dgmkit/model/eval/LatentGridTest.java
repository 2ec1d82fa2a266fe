package org.dgmkit.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LatentGridTest {
    @Test
    void quantilesOfTheStandardNormalRowMajorWithZ2Up() {
        INDArray g = LatentGrid.normalQuantiles(3);
        assertArrayEquals(new long[] {9, 2}, g.shape());
        double q = 1.6448536269514722; // z of 95 %
        // first row of the picture: z2 at its top quantile, z1 rising
        assertEquals(-q, g.getDouble(0, 0), 1e-6);
        assertEquals(q, g.getDouble(0, 1), 1e-6);
        assertEquals(0.0, g.getDouble(1, 0), 1e-6);
        assertEquals(q, g.getDouble(2, 0), 1e-6);
        // last row: z2 at the bottom quantile
        assertEquals(-q, g.getDouble(8, 1), 1e-6);
        assertEquals(0.0, g.getDouble(4, 1), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> LatentGrid.normalQuantiles(1));
    }
}
