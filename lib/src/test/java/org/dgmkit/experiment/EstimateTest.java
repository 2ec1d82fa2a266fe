package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void meanAndStandardError() {
        Estimate e = Estimate.of(new double[] {-90, -88, -92, -90});
        assertEquals(-90.0, e.mean());
        // sample sd = sqrt(8 / 3), se = sd / 2
        assertEquals(Math.sqrt(8.0 / 3) / 2, e.standardError(), 1e-12);
        assertEquals(4, e.n());
        assertEquals("-90.00 ± 0.82", e.toString());
        assertTrue(Double.isNaN(Estimate.of(new double[] {1}).standardError()));
    }
}
