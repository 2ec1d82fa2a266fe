package org.dgmkit.model.lvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.dgmkit.score.LikelihoodScorer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** LVAE structure: the L = 1 case is the VAE, the log-densities form valid bounds, configuration errors. */
class LvaeTest {

    static INDArray binary(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, d).gt(0.5).castTo(DataType.DOUBLE);
    }

    @Test
    void oneLayerWithoutBatchNormIsTheVaeOnTheSameWeights() {
        Lvae lvae = new Lvae(new LvaeConfig(6, List.of(5), List.of(3), 2, Activation.LEAKY_RELU, false,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.DOUBLE, 9L));
        Vae vae = new Vae(new VaeConfig(6, List.of(5, 5), 3, List.of(5, 5), Activation.LEAKY_RELU,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.DOUBLE, 1L));
        assertEquals(vae.parameters().size(), lvae.parameters().size());
        for (int i = 0; i < vae.parameters().blocks().size(); i++) {
            assertArrayEquals(vae.parameters().blocks().get(i).shape(), lvae.parameters().blocks().get(i).shape(),
                    "block " + i + ": " + lvae.parameters().blocks().get(i).name());
        }
        Nd4j.getRandom().setSeed(2);
        lvae.parameters().values().assign(Nd4j.randn(DataType.DOUBLE, 1, lvae.parameters().size()).muli(0.3));
        vae.parameters().values().assign(lvae.parameters().values());
        INDArray x = binary(8, 6, 4);
        StepContext ctx = new StepContext(3, 40, 0.4);

        Nd4j.getRandom().setSeed(17);
        double lv = lvae.lossAndGradients(Batch.of(x), ctx);
        Nd4j.getRandom().setSeed(17);
        double v = vae.lossAndGradients(Batch.of(x), ctx);
        assertEquals(v, lv, 1e-12 * Math.abs(v));
        assertEquals(vae.lastKl(), lvae.lastKl(), 1e-12);
        INDArray gDiff = lvae.parameters().gradients().sub(vae.parameters().gradients());
        assertEquals(0.0, gDiff.amaxNumber().doubleValue(), 1e-12, "gradients differ");

        Nd4j.getRandom().setSeed(5);
        LatentSample a = lvae.sample(x);
        Nd4j.getRandom().setSeed(5);
        LatentSample b = vae.sample(x);
        assertEquals(0.0, a.logWeight().sub(b.logWeight()).amaxNumber().doubleValue(), 1e-11);
        assertEquals(0.0, a.logPxGivenZ().sub(b.logPxGivenZ()).amaxNumber().doubleValue(), 1e-11);
        assertEquals(vae.encode(x).mean(), lvae.encode(x).mean());
        INDArray z = Nd4j.randn(DataType.DOUBLE, 3, 3);
        assertEquals(vae.decode(z), lvae.decode(z));
        assertEquals(vae.klPerLayer(x).get(0), lvae.klPerLayer(x).get(0));
    }

    /** A random three-layer ladder with batch norm, running statistics taken from one training-mode pass. */
    static Lvae threeLayers(INDArray x) {
        Lvae m = new Lvae(new LvaeConfig(12, List.of(16, 12, 8), List.of(6, 4, 2), 1, Activation.LEAKY_RELU, true,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.DOUBLE, 3L));
        Nd4j.getRandom().setSeed(8);
        for (int i = 0; i < 30; i++) {
            m.loss(Batch.of(x)); // training mode: moves the running statistics towards the batch's
        }
        return m;
    }

    @Test
    void elboBelowImportanceWeightedBoundWhichGrowsWithK() {
        INDArray x = binary(40, 12, 6);
        Lvae m = threeLayers(x);
        LikelihoodScorer scorer = LikelihoodScorer.defaults().withProgress(false).withSeed(1);
        double elbo = mean(scorer.elbo(m, x, 200));
        double iw1 = mean(scorer.importanceWeighted(m, x, 1));
        double iw10 = mean(scorer.importanceWeighted(m, x, 10));
        double iw100 = mean(scorer.importanceWeighted(m, x, 100));
        double iw1000 = mean(scorer.importanceWeighted(m, x, 1000));
        String all = String.format("elbo %.4f iw1 %.4f iw10 %.4f iw100 %.4f iw1000 %.4f", elbo, iw1, iw10, iw100,
                iw1000);
        assertTrue(elbo < iw10 && iw10 < iw100 && iw100 < iw1000, all);
        assertTrue(iw1 < iw10, all);
        // K = 1 is a one-sample ELBO: the same expectation
        assertEquals(elbo, iw1, 0.1 * Math.abs(elbo), all);
        assertTrue(iw1000 < 0, all);
    }

    @Test
    void sampleLogDensitiesAverageToMinusTheLoss() {
        // the loss uses the analytic top-layer KL, sample() the Monte Carlo one: equal in expectation
        Lvae m = new Lvae(new LvaeConfig(10, List.of(8, 6, 6), List.of(4, 3, 2), 1, Activation.LEAKY_RELU, false,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.DOUBLE, 12L));
        INDArray x = binary(5, 10, 2);
        INDArray tiled = x.repeat(0, 2000);
        Nd4j.getRandom().setSeed(1);
        double loss = m.loss(Batch.of(tiled));
        Nd4j.getRandom().setSeed(2);
        LatentSample s = m.sample(tiled);
        INDArray w = s.logWeight();
        double sd = w.stdNumber().doubleValue();
        double tol = 5 * sd * Math.sqrt(2.0 / w.length());
        assertEquals(-loss, w.meanNumber().doubleValue(), tol, "sd of log weights " + sd);
        assertEquals(m.lastReconstruction(), s.logPxGivenZ().meanNumber().doubleValue(), tol);
        assertEquals(tiled.rows(), s.logPz().length());
        assertTrue(s.logQz().maxNumber().doubleValue() > s.logQz().minNumber().doubleValue());
    }

    @Test
    void scoringUsesRunningStatisticsSoRowsAreIndependent() {
        INDArray x = binary(20, 12, 6);
        Lvae m = threeLayers(x);
        assertTrue(m.training());
        INDArray row = x.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all());
        List<Gaussian> all = m.posteriorLayers(x);
        List<Gaussian> one = m.posteriorLayers(row);
        assertEquals(3, all.size());
        for (int l = 0; l < 3; l++) {
            assertEquals(all.get(l).mean().getRow(0), one.get(l).mean().getRow(0));
            assertEquals(all.get(l).logVar().getRow(0), one.get(l).logVar().getRow(0));
        }
        assertEquals(all.get(0).mean(), m.encode(x).mean());
        assertArrayEquals(new long[] {20, 4}, all.get(1).mean().shape());
        assertTrue(m.training(), "scoring must not change the training mode");
        // the loss follows setTraining: batch statistics differ from running statistics
        Nd4j.getRandom().setSeed(3);
        double train = m.loss(Batch.of(x));
        m.setTraining(false);
        Nd4j.getRandom().setSeed(3);
        double eval = m.loss(Batch.of(x));
        assertNotEquals(train, eval);
        List<INDArray> kl = m.klPerLayer(x);
        assertEquals(3, kl.size());
        for (INDArray k : kl) {
            assertEquals(20, k.length());
            assertTrue(k.minNumber().doubleValue() >= 0, "analytic KL terms are non-negative");
        }
        // the notebook view of one example: each posterior is the merge of its bottom-up estimate and prior
        List<Lvae.LadderStep> steps = m.inferenceSteps(row);
        assertEquals(3, steps.size());
        for (int l = 0; l < 2; l++) {
            Lvae.LadderStep st = steps.get(l);
            for (int u = 0; u < st.z().columns(); u++) {
                double[] q = PrecisionWeighting.merge(st.bottomUp().mean().getDouble(0, u),
                        Math.exp(st.bottomUp().logVar().getDouble(0, u)), st.prior().mean().getDouble(0, u),
                        Math.exp(st.prior().logVar().getDouble(0, u)));
                assertEquals(q[0], st.posterior().mean().getDouble(0, u), 1e-10);
                assertEquals(Math.log(q[1]), st.posterior().logVar().getDouble(0, u), 1e-10);
            }
        }
        assertEquals(steps.get(2).bottomUp(), steps.get(2).posterior());
        assertEquals(0.0, steps.get(2).prior().mean().sumNumber().doubleValue(), 0);
        INDArray gen = m.generate(4);
        assertArrayEquals(new long[] {4, 12}, gen.shape());
        assertTrue(gen.minNumber().doubleValue() > 0 && gen.maxNumber().doubleValue() < 1);
    }

    @Test
    void paperPresetHasThePaperShapes() {
        LvaeConfig c = LvaeConfig.paper();
        assertEquals(List.of(512, 256, 128, 64, 32), c.deterministicSizes());
        assertEquals(List.of(64, 32, 16, 8, 4), c.latentSizes());
        assertEquals(5, c.layers());
        assertEquals(2, c.layersPerStep());
        assertTrue(c.batchNorm());
        assertEquals(Activation.LEAKY_RELU, c.activation());
        TrainerConfig t = LvaeConfig.paperTrainer(10);
        assertEquals(256, t.batchSize());
        assertEquals(2e-4, t.learningRate(), 0);
        assertEquals(200, t.warmupEpochs());
        Lvae m = new Lvae(c);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784).gt(0.5).castTo(DataType.FLOAT);
        double loss = m.loss(Batch.of(x));
        assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        assertEquals(5, m.klPerLayer(x).size());
        assertEquals(64, m.encode(x).mean().columns());
    }

    @Test
    void flopsCountEveryDenseLayer() {
        // 6x5 up, 5x3 mean + 5x3 log-variance heads, 3x5 decoder, 5x6 logits: 105 multiply-adds, first layer 30
        Lvae m = new Lvae(LvaeConfig.bernoulli(6, List.of(5), List.of(3)));
        assertEquals(2 * (3 * 105 - 30), m.flopsPerExample(), 0);
        // a second level adds 5x4 up, 4x2 x2 heads, 2x4 down, 4x3 x2 prior heads: 20 + 16 + 8 + 24 = 68
        Lvae m2 = new Lvae(LvaeConfig.bernoulli(6, List.of(5, 4), List.of(3, 2)));
        assertEquals(2 * (3 * (105 + 68) - 30), m2.flopsPerExample(), 0);
    }

    @Test
    void badConfigurationsFailWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LvaeConfig.bernoulli(784, List.of(), List.of()));
        assertTrue(e.getMessage().contains("LvaeConfig: deterministicSizes needs at least 1 entry, got []"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LvaeConfig.bernoulli(784, List.of(512, -3), List.of(8, 4)));
        assertTrue(e.getMessage().contains("deterministicSizes") && e.getMessage().contains("-3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LvaeConfig.bernoulli(784, List.of(512, 256), List.of(8, 0)));
        assertTrue(e.getMessage().contains("latentSizes") && e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LvaeConfig.bernoulli(784, List.of(512, 256, 128), List.of(8, 4)));
        assertTrue(e.getMessage().contains("one entry per stochastic layer") && e.getMessage().contains("[512, 256, 128]")
                && e.getMessage().contains("[8, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LvaeConfig.bernoulli(-1, List.of(5), List.of(2)));
        assertTrue(e.getMessage().contains("inputSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LvaeConfig.paper().withLayersPerStep(0));
        assertTrue(e.getMessage().contains("layersPerStep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LvaeConfig.paper().withDataType(DataType.HALF));
        assertTrue(e.getMessage().contains("dataType"), e.getMessage());
        Lvae m = new Lvae(LvaeConfig.bernoulli(6, List.of(5, 4), List.of(3, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> m.sample(Nd4j.zeros(DataType.FLOAT, 2, 5)));
        assertTrue(e.getMessage().contains("6 input columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.decode(Nd4j.zeros(DataType.FLOAT, 2, 2)));
        assertTrue(e.getMessage().contains("3 latent columns"), e.getMessage());
    }

    @Test
    void configSurvivesJson() {
        LvaeConfig c = LvaeConfig.paper().withLikelihood(VaeConfig.Likelihood.GAUSSIAN_FIXED_VARIANCE, -1.5)
                .withSeed(77).withDataType(DataType.DOUBLE);
        assertEquals(c, LvaeConfig.fromJson(c.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LvaeConfig.fromJson(new com.google.gson.JsonObject()));
        assertTrue(e.getMessage().contains("malformed LvaeConfig JSON"), e.getMessage());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
