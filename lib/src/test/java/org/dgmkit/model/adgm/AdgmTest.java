package org.dgmkit.model.adgm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.data.MnistData;
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

/** Semi-supervised ADGM / SDGM / M2: gradients, the exact label sum, learning, checkpoints, shapes, errors. */
class AdgmTest {

    @TempDir
    Path dir;

    static AdgmConfig tiny(GenerativeForm form, boolean auxiliary) {
        return new AdgmConfig(6, 3, List.of(5), 3, 2, form, auxiliary, 0.8, Activation.TANH, DataType.DOUBLE, 7L);
    }

    static INDArray binary(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, d).gt(0.5).castTo(DataType.DOUBLE);
    }

    static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    static Batch mixed() {
        return new Batch(binary(3, 6, 3), oneHot(new int[] {0, 2, 1}, 3), binary(2, 6, 4));
    }

    @ParameterizedTest
    @CsvSource({"ADGM, true, mixed", "SDGM, true, mixed", "ADGM, false, mixed", "SDGM, true, labelled",
            "ADGM, true, unlabelled"})
    void lossGradientMatchesFiniteDifferences(GenerativeForm form, boolean auxiliary, String kind) {
        Adgm m = new Adgm(tiny(form, auxiliary));
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.1));
        Batch b = mixed();
        Batch batch = switch (kind) {
            case "labelled" -> new Batch(b.x(), b.y(), null);
            case "unlabelled" -> new Batch(null, null, b.xUnlabelled());
            default -> b;
        };
        GradientCheck.Result r = check(m, batch, form + "/" + auxiliary + "/" + kind);
        assertTrue(r.checked() >= 3 * (m.parameters().blocks().size() / 2), "too few entries checked: " + r.checked());
    }

    /** Finite-difference check of the loss gradient on {@code batch} (fixed noise, warm-up weight 0.7). */
    static GradientCheck.Result check(Adgm m, Batch batch, String what) {
        StepContext ctx = new StepContext(0, 0, 0.7);
        GradientCheck.Loss loss = withGrad -> {
            Nd4j.getRandom().setSeed(11);
            m.parameters().zeroGradients();
            return m.lossAndGradients(batch, ctx);
        };
        GradientCheck.Result r = new GradientCheck().maxPerTarget(3).check(loss, m.parameters());
        assertTrue(r.passed(), what + ": " + r.failed() + " of " + r.checked() + " failed\n" + r.report());
        return r;
    }

    /** Batch norm in every hidden layer, several draws of a and the official initialisation, all in one loss. */
    @ParameterizedTest
    @CsvSource({"ADGM, true, true, 1, mixed", "SDGM, true, true, 3, mixed", "ADGM, true, false, 3, mixed",
            "ADGM, false, true, 1, mixed", "SDGM, true, true, 2, labelled", "ADGM, true, true, 2, unlabelled"})
    void batchNormAndSeveralSamplesOfAMatchFiniteDifferences(GenerativeForm form, boolean auxiliary, boolean bn,
                                                               int samples, String kind) {
        Adgm m = new Adgm(tiny(form, auxiliary).withBatchNorm(bn).withAuxSamples(samples).withInit(AdgmInit.OFFICIAL)
                .withActivation(Activation.TANH));
        Nd4j.getRandom().setSeed(1);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.1));
        Batch b = new Batch(binary(4, 6, 3), oneHot(new int[] {0, 2, 1, 1}, 3), binary(3, 6, 4));
        Batch batch = switch (kind) {
            case "labelled" -> new Batch(b.x(), b.y(), null);
            case "unlabelled" -> new Batch(null, null, b.xUnlabelled());
            default -> b;
        };
        check(m, batch, form + "/" + auxiliary + "/BN " + bn + "/" + samples + "/" + kind);
        if (bn) {
            assertTrue(m.parameters().blocks().stream().anyMatch(x -> x.name().endsWith(".bn.gamma")), "no BN blocks");
        }
    }

    /**
     * The official code's labelled term with S draws: L = mean_t bound_t - alpha log(mean_t q(y | a_t, x)); with
     * alpha alone (the bound's weight made irrelevant by comparing two alphas) the classification part must be
     * exactly -log of the mean of the per-draw probabilities, which classify() reproduces from the same noise.
     */
    @Test
    void severalSamplesOfAAverageTheClassifierInsideTheLog() {
        AdgmConfig c = tiny(GenerativeForm.ADGM, true).withAuxSamples(4);
        Adgm m1 = new Adgm(c.withAlpha(1.0));
        Adgm m2 = new Adgm(c.withAlpha(3.0));
        Nd4j.getRandom().setSeed(2);
        INDArray noise = Nd4j.randn(DataType.DOUBLE, 1, m1.parameters().size()).muli(0.5);
        m1.parameters().values().addi(noise);
        m2.parameters().values().addi(noise);
        INDArray x = binary(2, 6, 9);
        INDArray y = oneHot(new int[] {1, 2}, 3);
        Nd4j.getRandom().setSeed(5);
        double l1 = m1.loss(new Batch(x, y, null));
        Nd4j.getRandom().setSeed(5);
        double l2 = m2.loss(new Batch(x, y, null));
        // (l2 - l1) / 2 = -mean_i log qbar(y_i | x_i), with qbar the mean over the 4 draws of q(y | a_t, x)
        Nd4j.getRandom().setSeed(5);
        INDArray qbar = m1.classify(x, 4); // draws the same 4 x [2, |a|] noise as the loss (one [8, |a|] draw)
        double expected = -(Math.log(qbar.getDouble(0, 1)) + Math.log(qbar.getDouble(1, 2))) / 2;
        assertEquals(expected, (l2 - l1) / 2, 1e-9);
    }

    @Test
    void batchNormUsesRunningAveragesForInference() {
        Adgm m = new Adgm(tiny(GenerativeForm.SDGM, true).withBatchNorm(true));
        assertEquals(2 * 5 * 5, m.parameters().stateSize()); // 5 nets x 1 layer x (mean, var) of width 5
        INDArray x = binary(8, 6, 3);
        for (int i = 0; i < 20; i++) {
            m.lossAndGradients(new Batch(null, null, x), new StepContext(0, i, 1.0));
        }
        INDArray running = m.parameters().state().dup();
        Nd4j.getRandom().setSeed(3);
        INDArray p1 = m.classify(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), 1);
        // inference leaves the running averages alone and works on a single row (no batch statistics)
        assertEquals(running, m.parameters().state());
        assertEquals(1, p1.rows());
        assertEquals(1.0, p1.sumNumber().doubleValue(), 1e-9);
        assertTrue(m.generate(0, 1).rows() == 1);
    }

    /**
     * With (almost) deterministic latents, the unlabelled loss of two rows must equal the q(y|a,x)-weighted
     * labelled losses minus the entropy: checks that the tiled rows line up with their labels.
     */
    @ParameterizedTest
    @CsvSource({"ADGM", "SDGM"})
    void unlabelledLossIsTheExactExpectationOverLabels(GenerativeForm form) {
        Adgm m = new Adgm(tiny(form, true).withAlpha(0.0));
        Nd4j.getRandom().setSeed(2);
        m.parameters().values().addi(Nd4j.randn(DataType.DOUBLE, 1, m.parameters().size()).muli(0.5));
        for (String net : new String[] {"qz.out"}) {
            m.parameters().block(net + ".logVar.W").value().assign(0.0);
            m.parameters().block(net + ".logVar.b").value().assign(-16.0);
        }
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0, 1, 1, 0, 0}, {0, 1, 0, 0, 1, 1}});
        long seed = 5;
        Nd4j.getRandom().setSeed(seed);
        INDArray pi = m.classify(x, 1); // draws the same a-noise [2, |a|] as the loss below
        Nd4j.getRandom().setSeed(seed);
        double u = m.loss(new Batch(null, null, x));
        double expected = 0;
        for (int c0 = 0; c0 < 3; c0++) {
            for (int c1 = 0; c1 < 3; c1++) {
                Nd4j.getRandom().setSeed(seed);
                double l = m.loss(new Batch(x, oneHot(new int[] {c0, c1}, 3), null)); // mean of two rows
                expected += pi.getDouble(0, c0) * pi.getDouble(1, c1) * l;
            }
        }
        for (int j = 0; j < 2; j++) {
            for (int c = 0; c < 3; c++) {
                expected += pi.getDouble(j, c) * Math.log(pi.getDouble(j, c)) / 2;
            }
        }
        assertEquals(expected, u, 1e-2 * Math.max(1, Math.abs(u)));
        // and the label-weighted sum is not trivially constant: the labelled losses do depend on the label
        Nd4j.getRandom().setSeed(seed);
        double l00 = m.loss(new Batch(x, oneHot(new int[] {0, 0}, 3), null));
        Nd4j.getRandom().setSeed(seed);
        double l21 = m.loss(new Batch(x, oneHot(new int[] {2, 1}, 3), null));
        assertTrue(Math.abs(l00 - l21) > 0.05, "labelled losses barely depend on the label: " + l00 + " " + l21);
    }

    /**
     * Ten classes of 40 binary pixels: class c switches on its own block of 4 pixels, then every pixel is
     * flipped with probability 0.05 (prototypes 8 flips apart, about 2 flips of noise per image).
     */
    static INDArray[] clusters(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 40);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(4 * labels[i], 4 * labels[i] + 4)).assign(1.0);
        }
        INDArray flips = Nd4j.rand(DataType.FLOAT, n, 40).lt(0.05).castTo(DataType.FLOAT);
        x.addi(flips).subi(x.mul(flips).muli(2)); // xor
        INDArray y = Nd4j.createFromArray(labels).reshape(n, 1).castTo(DataType.FLOAT);
        return new INDArray[] {x, y};
    }

    static int[] ints(INDArray y) {
        return y.toIntVector();
    }

    @Test
    void classifiesTenClustersFromTenLabels() {
        INDArray[] train = clusters(1000, 1);
        INDArray[] test = clusters(500, 2);
        int[] testLabels = ints(test[1]);
        // one labelled example per class: rows 0..9 have labels 0..9
        INDArray xl = train[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray yl = Nd4j.eye(10).castTo(DataType.FLOAT);
        AdgmConfig c = new AdgmConfig(40, 10, List.of(64), 8, 8, GenerativeForm.ADGM, true,
                AdgmConfig.paperAlpha(1000, 10), Activation.RELU, DataType.FLOAT, 3L);
        Adgm m = new Adgm(c);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(15).withBatchSize(100).withLearningRate(1e-2)
                .withClipNorm(10).withSeed(4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SemiSupervised.Run run = SemiSupervised.train(m, train[0], xl, yl, tc, test[0], testLabels, 5,
                new PrintStream(bytes, true));
        String printed = bytes.toString();
        assertEquals(15, run.testErrors().size(), printed);
        assertTrue(printed.contains("epoch 15 test error"), printed);
        double err = run.testErrors().get(14);
        assertTrue(err < 0.05, "test error " + err + " after 15 epochs\n" + printed);
        assertEquals(err, m.testError(test[0], testLabels, 5), 0.02);
        double[] losses = run.trainer().history().trainLosses();
        assertTrue(losses[14] < losses[0], "loss did not decrease: " + java.util.Arrays.toString(losses));
    }

    @Test
    void seededDeterminismAndCheckpointRoundTrip() {
        INDArray[] train = clusters(200, 1);
        INDArray xl = train[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray yl = Nd4j.eye(10).castTo(DataType.FLOAT);
        AdgmConfig c = new AdgmConfig(40, 10, List.of(16), 4, 4, GenerativeForm.SDGM, true, 2.0, Activation.RELU,
                DataType.FLOAT, 3L);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withBatchSize(50).withProgress(false);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SemiSupervised.Run r1 = SemiSupervised.train(new Adgm(c), train[0], xl, yl, tc, train[0], ints(train[1]), 2,
                quiet);
        SemiSupervised.Run r2 = SemiSupervised.train(new Adgm(c), train[0], xl, yl, tc, null, null, 0, quiet);
        // evaluating the test error between epochs must not change the training trajectory
        assertArrayEquals(r1.trainer().history().trainLosses(), r2.trainer().history().trainLosses());
        assertEquals(r1.model().parameters().values(), r2.model().parameters().values());
        Path file = dir.resolve("adgm.zip");
        r1.trainer().save(file);
        Adgm back = Trainer.load(file).model(Adgm.class);
        assertEquals(c, back.config());
        assertEquals(r1.model().parameters().values(), back.parameters().values());
        Nd4j.getRandom().setSeed(8);
        INDArray p1 = r1.model().classify(train[0], 3);
        Nd4j.getRandom().setSeed(8);
        assertEquals(p1, back.classify(train[0], 3));
        assertTrue(ModelRegistry.create(Adgm.TYPE, c.toJson()) instanceof Adgm);
        assertEquals(c, AdgmConfig.fromJson(c.toJson()));
    }

    @Test
    void trainOrLoadReusesAFinishedMatchingCheckpoint() {
        INDArray[] train = clusters(200, 1);
        MnistData data = new MnistData(train[0], ints(train[1]));
        int[] labelledRows = java.util.stream.IntStream.range(0, 10).toArray();
        AdgmConfig c = new AdgmConfig(40, 10, List.of(16), 4, 4, GenerativeForm.ADGM, true, 2.0, Activation.RELU,
                DataType.FLOAT, 3L);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(1).withBatchSize(50).withProgress(false);
        Path file = dir.resolve("ss.zip");
        SemiSupervised.Run first = SemiSupervised.trainOrLoad(new Adgm(c), data, labelledRows, tc, data, 2, file);
        assertTrue(java.nio.file.Files.exists(file));
        assertEquals(1, first.testErrors().size());
        Adgm fresh = new Adgm(c);
        SemiSupervised.Run again = SemiSupervised.trainOrLoad(fresh, data, labelledRows, tc, null, 0, file);
        assertTrue(again.model() != fresh, "a finished matching checkpoint must be loaded, not retrained");
        assertEquals(first.model().parameters().values(), again.model().parameters().values());
        assertEquals(1, again.trainer().history().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemiSupervised.train(
                new Adgm(c), data, labelledRows, tc.withValidation(0.1, 0)));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"ADGM, true", "SDGM, true", "ADGM, false"})
    void shapesOfClassifyPredictAndGenerate(GenerativeForm form, boolean auxiliary) {
        Adgm m = new Adgm(tiny(form, auxiliary));
        INDArray x = binary(1234, 6, 1);
        INDArray p = m.classify(x, 4);
        assertArrayEquals(new long[] {1234, 3}, p.shape());
        assertEquals(1234.0, p.sumNumber().doubleValue(), 1e-9);
        assertEquals(1234, m.predict(x, 2).length);
        double err = m.testError(x, new int[1234], 2);
        assertTrue(err >= 0 && err <= 1);
        INDArray g = m.generate(2, 5);
        assertArrayEquals(new long[] {5, 6}, g.shape());
        assertTrue(g.minNumber().doubleValue() >= 0 && g.maxNumber().doubleValue() <= 1);
    }

    @Test
    void timedStepOnASyntheticBatch() {
        AdgmConfig c = tiny(GenerativeForm.ADGM, true).withDataType(DataType.FLOAT);
        Batch b = SemiSupervised.syntheticBatch(c, 10, 20, 1);
        assertEquals(30, b.examples());
        assertArrayEquals(new long[] {10, 3}, b.y().shape());
        Adgm m = new Adgm(c);
        INDArray before = m.parameters().values().dup();
        assertTrue(SemiSupervised.timedStep(m, b) > 0);
        assertTrue(!before.equals(m.parameters().values()), "the step did not change the parameters");
        // benchmark hooks: the step trains, and the flop count follows the tiled rows
        INDArray before2 = m.parameters().values().dup();
        SemiSupervised.benchmarkStep(m, binary(40, 6, 2), 10, 20).accept(0);
        assertTrue(!before2.equals(m.parameters().values()), "the benchmark step did not change the parameters");
        double f1 = m.flopsPerStep(10, 0);
        double f2 = m.flopsPerStep(10, 20);
        assertTrue(f1 > 0 && f2 > 3 * f1, f1 + " " + f2); // 20 unlabelled rows cost like 60 labelled ones and more
        AdgmConfig paper = AdgmConfig.paper();
        assertEquals(784, paper.inputSize());
        assertEquals(List.of(500, 500), paper.hidden());
        assertEquals(3e-4, AdgmConfig.paperTrainer(10).learningRate());
        assertEquals(3e-5, AdgmConfig.paperTrainer(1000).learningRateAt(1999), 1e-12);
    }

    @Test
    void badConfigurationsAndInputsFailClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiny(GenerativeForm.ADGM, true).withAlpha(-1));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdgmConfig(6, 1, List.of(5), 3, 2,
                GenerativeForm.ADGM, true, 1, Activation.TANH, DataType.DOUBLE, 1));
        assertTrue(e.getMessage().contains("classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdgmConfig(6, 3, List.of(5, -2), 3, 2,
                GenerativeForm.ADGM, true, 1, Activation.TANH, DataType.DOUBLE, 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        Adgm m = new Adgm(tiny(GenerativeForm.SDGM, true));
        e = assertThrows(IllegalArgumentException.class,
                () -> m.loss(new Batch(binary(2, 6, 1), oneHot(new int[] {0, 1, 2}, 3), null)));
        assertTrue(e.getMessage().contains("one-hot labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.loss(new Batch(null, null, null)));
        assertTrue(e.getMessage().contains("neither labelled nor unlabelled"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.loss(Batch.of(binary(2, 5, 1))));
        assertTrue(e.getMessage().contains("[n, 6]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.generate(3, 1));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.classify(binary(2, 6, 1), 0));
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SemiSupervisedBatches(binary(4, 6, 1), binary(2, 6, 1), oneHot(new int[] {0}, 3), 10, true,
                        DataType.FLOAT));
        assertTrue(e.getMessage().contains("label rows"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> new Adgm(tiny(GenerativeForm.ADGM, false)).encodeAuxiliary(binary(2, 6, 1)));
        assertTrue(s.getMessage().contains("auxiliary"), s.getMessage());
    }

    @Test
    void officialInitialisationDrawsEveryPartOfTheFirstLayersOfM2() {
        // the parts' rows of a weight block are views of views: ND4J's get gave a rank-0 array for some (and threw)
        Adgm m = new Adgm(AdgmConfig.paper().withAuxiliary(false).withHidden(List.of(64)).withInit(AdgmInit.OFFICIAL));
        INDArray w = m.parameters().block("qz0.W").value();
        for (long[] rows : new long[][] {{0, 784}, {784, 794}}) {
            INDArray part = org.dgmkit.model.nn.RowBlock.of(w, rows[0], rows[1]).dup();
            double std = Math.sqrt(2) * Math.sqrt(2.0 / (rows[1] - rows[0] + 64));
            double sd = part.stdNumber().doubleValue();
            assertTrue(Math.abs(sd / std - 1) < 0.2, "rows " + rows[0] + "-" + rows[1] + ": std " + sd + ", drawn with " + std);
        }
    }
}
