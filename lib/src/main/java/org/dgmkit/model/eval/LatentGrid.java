package org.dgmkit.model.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Points of a 2-D latent plane for drawing what a decoder makes of it. */
public final class LatentGrid {
    private LatentGrid() {
    }

    /**
     * {@code side x side} points [side * side, 2] at the 5 %...95 % quantiles of N(0, 1) in each coordinate, row-major
     * as an image grid reads: z1 rises along a row, z2 falls down the columns (so z2 points up in the picture).
     */
    public static INDArray normalQuantiles(int side) {
        if (side < 2) {
            throw new IllegalArgumentException("a latent grid needs side >= 2, got " + side);
        }
        NormalDistribution normal = new NormalDistribution();
        INDArray grid = Nd4j.create(DataType.FLOAT, (long) side * side, 2);
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double p1 = 0.05 + 0.9 * j / (side - 1);
                double p2 = 0.95 - 0.9 * i / (side - 1);
                grid.putScalar(new long[] {(long) i * side + j, 0}, normal.inverseCumulativeProbability(p1));
                grid.putScalar(new long[] {(long) i * side + j, 1}, normal.inverseCumulativeProbability(p2));
            }
        }
        return grid;
    }
}
