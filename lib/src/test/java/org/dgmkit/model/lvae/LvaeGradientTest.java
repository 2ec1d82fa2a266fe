package org.dgmkit.model.lvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks of the full LVAE loss (-ELBO with KL weight beta &lt; 1) in DOUBLE precision, without
 * batch norm ({@link LvaeBatchNormGradientTest} has the batch-norm cases). Every parameter block is checked, at
 * a few random entries per block where the full check would be slow (ND4J's per-op overhead dominates).
 */
class LvaeGradientTest {

    /** A tiny L-layer model, leaky ReLU, with parameters jittered off the kinks. */
    static Lvae tiny(int layers, int layersPerStep, boolean batchNorm, VaeConfig.Likelihood likelihood) {
        List<Integer> det = List.of(5, 4, 4).subList(0, layers);
        List<Integer> lat = List.of(3, 2, 2).subList(0, layers);
        Lvae m = new Lvae(new LvaeConfig(6, det, lat, layersPerStep, Activation.LEAKY_RELU, batchNorm, likelihood,
                Math.log(0.3), DataType.DOUBLE, 7L));
        // non-zero biases: with zero biases an all-zero input row puts a pre-activation exactly on the kink
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.1));
        return m;
    }

    static INDArray binary(int n) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, n, 6).gt(0.5).castTo(DataType.DOUBLE);
    }

    /** Checks the loss gradient at {@code perBlock} random entries of every block (all when MAX_VALUE). */
    static GradientCheck.Result check(Lvae m, INDArray x, double beta, int perBlock) {
        StepContext ctx = new StepContext(0, 0, beta);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(11); // the same noise for every evaluation
            if (withGrad) {
                m.parameters().zeroGradients();
                return m.lossAndGradients(Batch.of(x), ctx);
            }
            // forward only (half the cost): the same noise, the KL terms re-weighted by beta
            m.loss(Batch.of(x));
            return -m.lastReconstruction() + beta * m.lastKl();
        };
        return new GradientCheck().maxPerTarget(perBlock).check(loss, m.parameters());
    }

    /** Entries a check with {@code perBlock} entries per block visits: every trainable block is covered. */
    static long expectedChecks(Lvae m, int perBlock) {
        return m.parameters().blocks().stream().filter(b -> b.trainable())
                .mapToLong(b -> Math.min(perBlock, b.length())).sum();
    }

    @Test
    void oneLayerFullCheckOfEveryParameter() {
        Lvae m = tiny(1, 2, false, VaeConfig.Likelihood.BERNOULLI);
        GradientCheck.Result r = check(m, binary(7), 0.6, Integer.MAX_VALUE);
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
        assertEquals(m.parameters().size(), r.checked());
    }

    @ParameterizedTest(name = "L={0}, {1} dense layers per step")
    @CsvSource({"2,1", "3,1", "3,2"})
    void deeperLaddersMatchFiniteDifferences(int layers, int perStep) {
        Lvae m = tiny(layers, perStep, false, VaeConfig.Likelihood.BERNOULLI);
        GradientCheck.Result r = check(m, binary(7), 0.6, 4);
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
        assertEquals(expectedChecks(m, 4), r.checked());
    }

    @Test
    void klWeightScalesOnlyTheKlTerms() {
        Lvae m = tiny(3, 1, false, VaeConfig.Likelihood.BERNOULLI);
        INDArray x = binary(7);
        Nd4j.getRandom().setSeed(11);
        double full = m.lossAndGradients(Batch.of(x), new StepContext(0, 0, 1.0));
        double kl = m.lastKl();
        double recon = m.lastReconstruction();
        Nd4j.getRandom().setSeed(11);
        double warm = m.lossAndGradients(Batch.of(x), new StepContext(0, 0, 0.25));
        assertEquals(-recon + kl, full, 1e-10);
        assertEquals(-recon + 0.25 * kl, warm, 1e-10);
        assertEquals(3, m.lastKlPerLayer().length);
    }
}
