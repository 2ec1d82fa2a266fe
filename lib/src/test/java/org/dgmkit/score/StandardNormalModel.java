package org.dgmkit.score;

import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-only model whose reconstruction ignores the latent: x_j ~ N(0, 1) independently, z ~ N(0, 1) = q(z|x).
 * Every score is then the closed form {@code sum_j log N(x_j; 0, 1)}, whatever L is.
 */
final class StandardNormalModel implements LatentVariableModel {
    private final int inputSize;

    StandardNormalModel(int inputSize) {
        this.inputSize = inputSize;
    }

    @Override
    public long inputSize() {
        return inputSize;
    }

    @Override
    public LatentSample sample(INDArray x) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray logPx = xd.mul(xd).sum(1).addi(inputSize * Math.log(2 * Math.PI)).muli(-0.5);
        INDArray z = Nd4j.randn(DataType.DOUBLE, x.rows());
        INDArray logPz = z.mul(z).addi(Math.log(2 * Math.PI)).muli(-0.5);
        return new LatentSample(logPx, logPz, logPz.dup());
    }

    @Override
    public Gaussian encode(INDArray x) {
        return new Gaussian(Nd4j.zeros(DataType.DOUBLE, x.rows(), 1), Nd4j.zeros(DataType.DOUBLE, x.rows(), 1));
    }

    @Override
    public INDArray decode(INDArray z) {
        return Nd4j.zeros(DataType.DOUBLE, z.rows(), inputSize);
    }
}
