package org.dgmkit.model.adgm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.IntStream;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The labelled-only classifier: gradients (with batch norm), learning from a few labels, clear errors. */
class LabelledBaselineTest {

    @Test
    void gradientMatchesFiniteDifferencesWithBatchNorm() {
        LabelledBaseline m = new LabelledBaseline(AdgmTest.tiny(GenerativeForm.ADGM, false).withBatchNorm(true)
                .withActivation(Activation.TANH).withInit(AdgmInit.OFFICIAL));
        Batch b = new Batch(AdgmTest.binary(5, 6, 3), AdgmTest.oneHot(new int[] {0, 2, 1, 1, 0}, 3), null);
        GradientCheck.Result r = new GradientCheck().maxPerTarget(4).check(withGrad -> {
            m.parameters().zeroGradients();
            return m.lossAndGradients(b, new StepContext(0, 0, 1.0));
        }, m.parameters());
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
    }

    @Test
    void learnsTheClustersFromOneLabelEach() {
        var c = AdgmTest.clusters(400, 2);
        c[0] = org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(
                c[0].add(1).divi(2), 0.0), 1.0); // intensities in [0, 1]
        MnistData d = new MnistData(c[0], AdgmTest.ints(c[1]));
        AdgmConfig config = new AdgmConfig(40, 10, List.of(32), 4, 4, GenerativeForm.ADGM, false, 1.0,
                Activation.RELU, DataType.FLOAT, 5L).withBatchNorm(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var r = LabelledBaseline.train(config, d, IntStream.range(0, 10).toArray(), 100, 1e-2, d, 25,
                new PrintStream(bytes, true));
        assertEquals(List.of(25, 50, 75, 100), r.steps());
        assertTrue(r.finalError() < 0.2, "error " + r.finalError() + " " + r.testErrors());
        assertTrue(bytes.toString().contains("labelled-only baseline (10 labels, 100 steps)"), bytes.toString());
        assertEquals(r.finalError(), r.model().testError(d), 1e-12);
        assertEquals(1.0, r.model().classify(c[0]).sum(1).meanNumber().doubleValue(), 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.model().loss(new Batch(null, null, c[0])));
        assertTrue(e.getMessage().contains("labelled rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelledBaseline.train(config, d, new int[] {0}, 0, 1e-3, d,
                1, System.out));
        Nd4j.getRandom().setSeed(1);
    }
}
