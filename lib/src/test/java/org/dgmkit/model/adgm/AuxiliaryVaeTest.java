package org.dgmkit.model.adgm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.ModelRegistry;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Auxiliary VAE: finite-difference gradients, bounds, log-density bookkeeping, checkpoints, errors. */
class AuxiliaryVaeTest {

    @TempDir
    Path dir;

    static AuxiliaryVaeConfig tiny(GenerativeForm form, int layers) {
        return new AuxiliaryVaeConfig(6, List.of(5), 3, layers == 1 ? List.of(3) : List.of(3, 2), form,
                Activation.TANH, DataType.DOUBLE, 7L);
    }

    static INDArray binary(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, d).gt(0.5).castTo(DataType.DOUBLE);
    }

    @ParameterizedTest
    @CsvSource({"ADGM, 1", "ADGM, 2", "SDGM, 1", "SDGM, 2"})
    void lossGradientMatchesFiniteDifferences(GenerativeForm form, int layers) {
        AuxiliaryVae m = new AuxiliaryVae(tiny(form, layers));
        // non-zero biases so that no unit sits at a symmetric point
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.1));
        INDArray x = binary(5, 6, 3);
        StepContext ctx = new StepContext(0, 0, 0.7);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(11); // the same noise for every evaluation
            m.parameters().zeroGradients();
            return m.lossAndGradients(Batch.of(x), ctx);
        };
        // every block, up to 3 random entries each (keeps the class under a minute on shared cores)
        GradientCheck.Result r = new GradientCheck().maxPerTarget(3).check(loss, m.parameters());
        assertTrue(r.passed(), form + "/" + layers + ": " + r.failed() + " of " + r.checked() + " failed\n" + r.report());
        assertTrue(r.checked() >= 3 * (m.parameters().blocks().size() / 2), "too few entries checked: " + r.checked());
    }

    @ParameterizedTest
    @CsvSource({"ADGM, 1", "SDGM, 2"})
    void gaussianSharedVarianceLossGradientMatchesFiniteDifferences(GenerativeForm form, int layers) {
        AuxiliaryVae m = new AuxiliaryVae(tiny(form, layers)
                .withLikelihood(org.dgmkit.model.vae.VaeConfig.Likelihood.GAUSSIAN_SHARED_VARIANCE, -0.5));
        assertTrue(m.parameters().blocks().stream().anyMatch(b -> b.name().equals("px.out.logVar")));
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.1));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 6);
        StepContext ctx = new StepContext(0, 0, 1.0);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(11);
            m.parameters().zeroGradients();
            return m.lossAndGradients(Batch.of(x), ctx);
        };
        GradientCheck.Result r = new GradientCheck().maxPerTarget(3).check(loss, m.parameters());
        assertTrue(r.passed(), form + "/" + layers + ": " + r.failed() + " of " + r.checked() + " failed\n" + r.report());
        // the JSON round trip keeps the likelihood; a checkpoint without one (older) is Bernoulli
        var json = m.config().toJson();
        assertEquals(m.config(), AuxiliaryVaeConfig.fromJson(json));
        json.remove("likelihood");
        json.remove("outputLogVar");
        assertEquals(org.dgmkit.model.vae.VaeConfig.Likelihood.BERNOULLI, AuxiliaryVaeConfig.fromJson(json).likelihood());
    }

    static double meanLogMeanExp(AuxiliaryVae m, INDArray x, int k) {
        INDArray w = Nd4j.create(DataType.DOUBLE, x.rows(), k);
        for (int i = 0; i < k; i++) {
            w.getColumn(i).assign(m.sample(x).logWeight());
        }
        INDArray max = w.max(1);
        INDArray lme = Transforms.log(Transforms.exp(w.subColumnVector(max.reshape(x.rows(), 1)), true).mean(1), false)
                .addi(max);
        return lme.meanNumber().doubleValue();
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    static double variance(double[] v) {
        double mu = mean(v);
        return java.util.Arrays.stream(v).map(t -> (t - mu) * (t - mu)).sum() / (v.length - 1);
    }

    @ParameterizedTest
    @CsvSource({"ADGM, 1", "SDGM, 2"})
    void importanceWeightedBoundGrowsWithSamplesAndExceedsElbo(GenerativeForm form, int layers) {
        AuxiliaryVae m = new AuxiliaryVae(tiny(form, layers).withDataType(DataType.DOUBLE));
        INDArray x = binary(200, 6, 5);
        Nd4j.getRandom().setSeed(9);
        double elbo = m.elbo(x).meanNumber().doubleValue();
        double iw1 = meanLogMeanExp(m, x, 1);
        double iw10 = meanLogMeanExp(m, x, 10);
        double iw100 = meanLogMeanExp(m, x, 100);
        assertTrue(iw1 < iw10 && iw10 < iw100, "IW bound must grow with K: " + iw1 + ", " + iw10 + ", " + iw100);
        assertTrue(elbo < iw10, "ELBO " + elbo + " must be below IW(10) " + iw10);
        // the shared evaluation code sees the same bounds through LatentVariableModel; its single-sample ELBO
        // (all Monte Carlo) and the loss estimator (analytic top KL) estimate the same mean within noise
        double[] evalElbo = Evaluation.elboRows(m, x, 100, 3);
        double[] evalIw = Evaluation.importanceWeightedRows(m, x, 100, 1000, 3, null);
        double se = 4 * Math.sqrt(variance(evalElbo) / x.rows());
        assertEquals(elbo, mean(evalElbo), se, "ELBO estimators disagree beyond 4 standard errors");
        assertEquals(iw100, mean(evalIw), 4 * Math.sqrt(variance(evalIw) / x.rows()), "IW(100) estimates disagree");
        assertTrue(mean(evalElbo) < mean(evalIw), "Evaluation: ELBO above IW(100)");
    }

    @Test
    void latentSampleAgreesWithLossOnAverage() {
        AuxiliaryVae m = new AuxiliaryVae(tiny(GenerativeForm.SDGM, 1));
        INDArray x = binary(1, 6, 8).repeat(0, 4000);
        Nd4j.getRandom().setSeed(2);
        LatentSample s = m.sample(x);
        double mc = s.logWeight().meanNumber().doubleValue();
        double se = s.logWeight().stdNumber().doubleValue() / Math.sqrt(4000);
        double loss = m.loss(Batch.of(x));
        assertEquals(-loss, mc, 4 * se + 0.02);
        assertEquals(-loss, m.lastReconstruction() - m.lastKl(), 1e-9);
        assertEquals(4000, s.logPxGivenZ().length());
        assertTrue(s.logPxGivenZ().maxNumber().doubleValue() <= 0, "log p(x | z) of binary data must be <= 0");
    }

    @Test
    void shapesOfEncodeDecodeGenerateAndLayers() {
        AuxiliaryVae m = new AuxiliaryVae(tiny(GenerativeForm.ADGM, 2));
        INDArray x = binary(4, 6, 1);
        assertArrayEquals(new long[] {4, 3}, m.encode(x).mean().shape());
        assertArrayEquals(new long[] {4, 6}, m.decode(Nd4j.zeros(DataType.DOUBLE, 4, 3)).shape());
        INDArray g = m.generate(7);
        assertArrayEquals(new long[] {7, 6}, g.shape());
        assertTrue(g.minNumber().doubleValue() >= 0 && g.maxNumber().doubleValue() <= 1);
        assertEquals(3, m.posteriorLayers(x).size());
        assertEquals(3, m.klPerLayer(x).size());
        assertEquals(2, m.posteriorLayers(x).get(2).mean().columns());
    }

    @Test
    void seededDeterminismAndCheckpointRoundTrip() {
        AuxiliaryVaeConfig c = tiny(GenerativeForm.SDGM, 2).withDataType(DataType.FLOAT);
        INDArray x = binary(60, 6, 4).castTo(DataType.FLOAT);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withBatchSize(20).withProgress(false);
        Trainer t1 = new Trainer(new AuxiliaryVae(c), tc);
        t1.fit(x);
        Trainer t2 = new Trainer(new AuxiliaryVae(c), tc);
        t2.fit(x);
        assertArrayEquals(t1.history().trainLosses(), t2.history().trainLosses());
        assertEquals(t1.model().parameters().values(), t2.model().parameters().values());
        Path file = dir.resolve("aux.zip");
        t1.save(file);
        Trainer back = Trainer.load(file);
        AuxiliaryVae m = back.model(AuxiliaryVae.class);
        assertEquals(c, m.config());
        assertEquals(t1.model().parameters().values(), m.parameters().values());
        Nd4j.getRandom().setSeed(5);
        double a = ((AuxiliaryVae) t1.model()).loss(Batch.of(x));
        Nd4j.getRandom().setSeed(5);
        assertEquals(a, m.loss(Batch.of(x)), 0.0);
        assertTrue(ModelRegistry.create(AuxiliaryVae.TYPE, c.toJson()) instanceof AuxiliaryVae);
    }

    @Test
    void badConfigurationsFailClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AuxiliaryVaeConfig(6,
                List.of(5), 3, List.of(3, 3, 3), GenerativeForm.ADGM, Activation.RELU, DataType.FLOAT, 1));
        assertTrue(e.getMessage().contains("latentSizes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AuxiliaryVaeConfig(6, List.of(), 3, List.of(3),
                GenerativeForm.ADGM, Activation.RELU, DataType.FLOAT, 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AuxiliaryVaeConfig(6, List.of(5), 0, List.of(3),
                GenerativeForm.ADGM, Activation.RELU, DataType.FLOAT, 1));
        assertTrue(e.getMessage().contains("auxSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AuxiliaryVaeConfig(6, List.of(5), 2, List.of(3),
                GenerativeForm.ADGM, Activation.RELU, DataType.HALF, 1));
        assertTrue(e.getMessage().contains("dataType"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AuxiliaryVaeConfig.paper(GenerativeForm.SDGM, 3));
        assertTrue(e.getMessage().contains("stochasticLayers"), e.getMessage());
        AuxiliaryVae m = new AuxiliaryVae(tiny(GenerativeForm.ADGM, 1));
        e = assertThrows(IllegalArgumentException.class, () -> m.loss(Batch.of(Nd4j.zeros(DataType.DOUBLE, 2, 5))));
        assertTrue(e.getMessage().contains("[n, 6]"), e.getMessage());
        assertEquals(tiny(GenerativeForm.SDGM, 2), AuxiliaryVaeConfig.fromJson(tiny(GenerativeForm.SDGM, 2).toJson()));
    }
}
