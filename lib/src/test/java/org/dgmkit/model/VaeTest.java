package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The VAE loss: finite-difference gradients, consistency of its log-densities, configuration errors. */
class VaeTest {

    static VaeConfig tiny(VaeConfig.Likelihood likelihood) {
        return new VaeConfig(6, List.of(5, 4), 3, List.of(4, 5), Activation.TANH, likelihood, Math.log(0.3),
                DataType.DOUBLE, 7L);
    }

    static INDArray data(VaeConfig.Likelihood likelihood, int n) {
        Nd4j.getRandom().setSeed(3);
        INDArray u = Nd4j.rand(DataType.DOUBLE, n, 6);
        return likelihood == VaeConfig.Likelihood.BERNOULLI ? u.gt(0.5).castTo(DataType.DOUBLE) : u;
    }

    @ParameterizedTest
    @EnumSource(VaeConfig.Likelihood.class)
    void lossGradientMatchesFiniteDifferences(VaeConfig.Likelihood likelihood) {
        Vae vae = new Vae(tiny(likelihood));
        INDArray x = data(likelihood, 7);
        StepContext ctx = new StepContext(0, 0, 0.7);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(11); // the same eps for every evaluation
            if (withGrad) {
                vae.parameters().zeroGradients();
                return vae.lossAndGradients(Batch.of(x), ctx);
            }
            double l = vae.lossAndGradients(Batch.of(x), ctx);
            return l;
        };
        GradientCheck.Result r = new GradientCheck().check(loss, vae.parameters());
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
        assertEquals(vae.parameters().size(), r.checked());
    }

    @Test
    void reluVaeGradientOnRandomSubset() {
        VaeConfig c = tiny(VaeConfig.Likelihood.BERNOULLI).withActivation(Activation.RELU);
        Vae vae = new Vae(c);
        // non-zero biases: with zero biases a dead row makes the next pre-activation exactly 0, ReLU's kink
        Nd4j.getRandom().setSeed(1);
        vae.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, vae.parameters().size()).muli(0.1));
        INDArray x = data(VaeConfig.Likelihood.BERNOULLI, 5);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(5);
            vae.parameters().zeroGradients();
            return vae.lossAndGradients(Batch.of(x), new StepContext(0, 0, 1.0));
        };
        GradientCheck.Result r = new GradientCheck().maxPerTarget(8).check(loss, vae.parameters());
        assertTrue(r.passed(), r.report());
    }

    @Test
    void lossIsMinusElboAndMatchesLatentSample() {
        Vae vae = new Vae(tiny(VaeConfig.Likelihood.BERNOULLI));
        INDArray x = data(VaeConfig.Likelihood.BERNOULLI, 9);
        Nd4j.getRandom().setSeed(21);
        double loss = vae.loss(Batch.of(x));
        assertEquals(loss, -(vae.lastReconstruction() - vae.lastKl()), 1e-12);
        Nd4j.getRandom().setSeed(21);
        INDArray elbo = vae.elbo(x);
        assertEquals(-loss, elbo.meanNumber().doubleValue(), 1e-10);
        // the single-sample log weight has the ELBO as its expectation; same eps -> same log p(x|z)
        Nd4j.getRandom().setSeed(21);
        LatentSample s = vae.sample(x);
        assertEquals(vae.lastReconstruction(), s.logPxGivenZ().meanNumber().doubleValue(), 1e-10);
        assertEquals(9, s.logPz().length());
        assertTrue(s.logWeight().maxNumber().doubleValue() < 0);
        // decode gives probabilities, encode the posterior shape
        INDArray p = vae.decode(Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1);
        assertEquals(3, vae.encode(x).mean().columns());
        assertEquals(vae.decode(vae.encode(x).mean()), vae.reconstruct(x));
        INDArray g1 = vae.generate(4, 8);
        assertEquals(4, g1.rows());
        assertEquals(6, g1.columns());
        assertEquals(g1, vae.generate(4, 8));
    }

    @Test
    void floatModelTrainsOnFloatAndCastsDoubleInput() {
        Vae vae = new Vae(tiny(VaeConfig.Likelihood.BERNOULLI).withDataType(DataType.FLOAT));
        double l = vae.loss(Batch.of(data(VaeConfig.Likelihood.BERNOULLI, 4)));
        assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
        assertEquals(DataType.FLOAT, vae.parameters().values().dataType());
    }

    @Test
    void badConfigurationsFailWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.bernoulli(784, List.of(), 32));
        assertTrue(e.getMessage().contains("encoderSizes") && e.getMessage().contains("needs at least 1 entry"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VaeConfig.bernoulli(784, List.of(512, -3), 32));
        assertTrue(e.getMessage().contains("positive") && e.getMessage().contains("-3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VaeConfig.bernoulli(0, List.of(5), 2));
        assertTrue(e.getMessage().contains("inputSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VaeConfig.bernoulli(5, List.of(5), -1));
        assertTrue(e.getMessage().contains("latentSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VaeConfig.mnist().withDataType(DataType.HALF));
        assertTrue(e.getMessage().contains("dataType"), e.getMessage());
        Vae vae = new Vae(tiny(VaeConfig.Likelihood.BERNOULLI));
        e = assertThrows(IllegalArgumentException.class, () -> vae.sample(Nd4j.zeros(DataType.DOUBLE, 2, 5)));
        assertTrue(e.getMessage().contains("6 input columns"), e.getMessage());
    }

    @Test
    void configSurvivesJson() {
        VaeConfig c = tiny(VaeConfig.Likelihood.GAUSSIAN_FIXED_VARIANCE);
        assertEquals(c, VaeConfig.fromJson(c.toJson()));
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(new com.google.gson.JsonObject()));
    }
}
