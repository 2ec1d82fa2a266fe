package org.dgmkit.score;

import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Test-only 1-D model with closed-form scores: z ~ N(0, 1), x | z ~ N(z, s2), q(z | x) = N(a x, v).
 * With a = 1/(1+s2), v = s2/(1+s2) q is the exact posterior and every log weight equals log p(x).
 */
final class LinearGaussianModel implements LatentVariableModel {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    final double s2;
    final double a;
    final double v;
    int maxRowsPerCall;
    int calls;

    LinearGaussianModel(double s2, double a, double v) {
        this.s2 = s2;
        this.a = a;
        this.v = v;
    }

    static LinearGaussianModel exactPosterior(double s2) {
        return new LinearGaussianModel(s2, 1 / (1 + s2), s2 / (1 + s2));
    }

    @Override
    public long inputSize() {
        return 1;
    }

    @Override
    public LatentSample sample(INDArray x) {
        calls++;
        maxRowsPerCall = Math.max(maxRowsPerCall, (int) x.rows());
        INDArray xs = x.castTo(DataType.DOUBLE).reshape(x.rows());
        INDArray mu = xs.mul(a);
        INDArray z = Nd4j.randn(DataType.DOUBLE, x.rows()).muli(Math.sqrt(v)).addi(mu);
        INDArray logPx = Transforms.pow(xs.sub(z), 2).divi(-2 * s2).subi(0.5 * (LOG_2PI + Math.log(s2)));
        INDArray logPz = Transforms.pow(z, 2).divi(-2).subi(0.5 * LOG_2PI);
        INDArray logQz = Transforms.pow(z.sub(mu), 2).divi(-2 * v).subi(0.5 * (LOG_2PI + Math.log(v)));
        return new LatentSample(logPx, logPz, logQz);
    }

    @Override
    public Gaussian encode(INDArray x) {
        INDArray mu = x.castTo(DataType.DOUBLE).mul(a);
        return new Gaussian(mu, Nd4j.valueArrayOf(mu.shape(), Math.log(v)));
    }

    @Override
    public INDArray decode(INDArray z) {
        return z.dup();
    }

    /** log p(x) = log N(x; 0, 1 + s2). */
    double logMarginal(double x) {
        return logNormal(x, 0, 1 + s2);
    }

    /** E_q[log p(x|z)]. */
    double expectedReconstruction(double x) {
        double mu = a * x;
        return -0.5 * (LOG_2PI + Math.log(s2)) - ((x - mu) * (x - mu) + v) / (2 * s2);
    }

    /** log E_q[p(x|z)] = log N(x; a x, s2 + v). */
    double logReconstructionProbability(double x) {
        return logNormal(x, a * x, s2 + v);
    }

    /** E_q[log p(x|z) + log p(z) - log q(z|x)]. */
    double elbo(double x) {
        double mu = a * x;
        return expectedReconstruction(x) - 0.5 * LOG_2PI - (mu * mu + v) / 2 + 0.5 * (LOG_2PI + Math.log(v) + 1);
    }

    static double logNormal(double x, double mean, double var) {
        return -0.5 * (LOG_2PI + Math.log(var)) - (x - mean) * (x - mean) / (2 * var);
    }
}
