package org.dgmkit.score.bench;

import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Benchmark stand-in with the VAE's shape and cost: dense encoder input-512-512-(32 mean, 32 log-variance),
 * dense decoder 32-512-512-input, ReLU, random (seeded) weights, Bernoulli or unit-variance Gaussian decoder.
 * It scores nothing meaningful; it only makes the scoring benchmark run before the real VAE exists.
 *
 * <p>TODO(lead/models helper): replace with the trained VAE from org.dgmkit.model once merged.
 */
final class StandInVae implements LatentVariableModel {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final int inputSize;
    private final boolean bernoulli;
    private final INDArray[] encW;
    private final INDArray[] encB;
    private final INDArray[] decW;
    private final INDArray[] decB;

    StandInVae(int inputSize, int hidden, int latent, boolean bernoulli, long seed) {
        this.inputSize = inputSize;
        this.bernoulli = bernoulli;
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        int[][] enc = {{inputSize, hidden}, {hidden, hidden}, {hidden, latent}, {hidden, latent}};
        int[][] dec = {{latent, hidden}, {hidden, hidden}, {hidden, inputSize}};
        encW = new INDArray[enc.length];
        encB = new INDArray[enc.length];
        for (int i = 0; i < enc.length; i++) {
            encW[i] = weights(rng, enc[i][0], enc[i][1]);
            encB[i] = Nd4j.zeros(DataType.FLOAT, 1, enc[i][1]);
        }
        decW = new INDArray[dec.length];
        decB = new INDArray[dec.length];
        for (int i = 0; i < dec.length; i++) {
            decW[i] = weights(rng, dec[i][0], dec[i][1]);
            decB[i] = Nd4j.zeros(DataType.FLOAT, 1, dec[i][1]);
        }
    }

    private static INDArray weights(Random rng, int in, int out) {
        return Nd4j.randn(0.0, Math.sqrt(1.0 / in), Nd4j.createUninitialized(DataType.FLOAT, in, out), rng);
    }

    private static INDArray dense(INDArray x, INDArray w, INDArray b, boolean relu) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), w.columns());
        Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
        out.addiRowVector(b);
        return relu ? Transforms.relu(out, false) : out;
    }

    @Override
    public long inputSize() {
        return inputSize;
    }

    @Override
    public Gaussian encode(INDArray x) {
        INDArray h = dense(dense(x.castTo(DataType.FLOAT), encW[0], encB[0], true), encW[1], encB[1], true);
        INDArray logVar = dense(h, encW[3], encB[3], false);
        // clamp log-variances so exp() stays finite with random weights
        Transforms.min(Transforms.max(logVar, -10.0, false), 10.0, false);
        return new Gaussian(dense(h, encW[2], encB[2], false), logVar);
    }

    @Override
    public INDArray decode(INDArray z) {
        INDArray out = decodeRaw(z);
        return bernoulli ? Transforms.sigmoid(out, false) : out;
    }

    private INDArray decodeRaw(INDArray z) {
        INDArray h = dense(dense(z, decW[0], decB[0], true), decW[1], decB[1], true);
        return dense(h, decW[2], decB[2], false);
    }

    @Override
    public LatentSample sample(INDArray x) {
        INDArray xf = x.castTo(DataType.FLOAT);
        Gaussian q = encode(xf);
        INDArray eps = Nd4j.randn(DataType.FLOAT, xf.rows(), q.mean().columns());
        INDArray z = Transforms.exp(q.logVar().mul(0.5), false).muli(eps).addi(q.mean());
        long d = q.mean().columns();
        INDArray logQz = eps.mul(eps).addi(q.logVar()).sum(1).addi(d * LOG_2PI).muli(-0.5);
        INDArray logPz = z.mul(z).sum(1).addi(d * LOG_2PI).muli(-0.5);
        INDArray out = decodeRaw(z);
        INDArray logPx;
        if (bernoulli) {
            // log Bernoulli(x; sigmoid(l)) = x l - softplus(l)
            logPx = xf.mul(out).subi(Transforms.softPlus(out, true)).sum(1);
        } else {
            INDArray diff = xf.sub(out);
            logPx = diff.muli(diff).sum(1).addi(inputSize * LOG_2PI).muli(-0.5);
        }
        return new LatentSample(logPx, logPz, logQz);
    }
}
