package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The encode-once path for many samples gives the same estimates as tiling the rows and sampling each. */
class VaeSampleRepeatedTest {

    @Test
    void repeatedSamplesMatchTiledSamplesInDistribution() {
        Vae vae = new Vae(VaeConfig.bernoulli(12, List.of(8), 3).withDataType(DataType.DOUBLE).withSeed(5));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 12).gt(0.5).castTo(DataType.DOUBLE);
        int s = 4000;
        Nd4j.getRandom().setSeed(11);
        LatentSample fast = vae.sampleRepeated(x, s);
        Nd4j.getRandom().setSeed(12);
        LatentSample tiled = vae.sample(x.repeat(0, s));
        assertArrayEquals(new long[] {4L * s}, new long[] {fast.logPxGivenZ().length()});
        INDArray fastW = fast.logWeight().reshape(4, s);
        INDArray tiledW = tiled.logWeight().reshape(4, s);
        INDArray fastPx = fast.logPxGivenZ().reshape(4, s);
        INDArray tiledPx = tiled.logPxGivenZ().reshape(4, s);
        for (int i = 0; i < 4; i++) {
            // row i's samples are consecutive: per-row means agree within Monte Carlo error
            double sd = Math.sqrt(tiledW.getRow(i).varNumber().doubleValue() / s);
            assertEquals(tiledW.getRow(i).meanNumber().doubleValue(), fastW.getRow(i).meanNumber().doubleValue(), 6 * sd + 1e-9);
            double sdPx = Math.sqrt(tiledPx.getRow(i).varNumber().doubleValue() / s);
            assertEquals(tiledPx.getRow(i).meanNumber().doubleValue(), fastPx.getRow(i).meanNumber().doubleValue(), 6 * sdPx + 1e-9);
        }
        // one sample is the plain path
        Nd4j.getRandom().setSeed(7);
        INDArray a = vae.sampleRepeated(x, 1).logWeight().dup();
        Nd4j.getRandom().setSeed(7);
        assertEquals(a, vae.sample(x).logWeight());
    }
}
