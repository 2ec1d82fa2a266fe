package org.dgmkit.model.lvae;

import static org.dgmkit.model.lvae.LvaeGradientTest.binary;
import static org.dgmkit.model.lvae.LvaeGradientTest.check;
import static org.dgmkit.model.lvae.LvaeGradientTest.expectedChecks;
import static org.dgmkit.model.lvae.LvaeGradientTest.tiny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmkit.model.nn.GradientCheck;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks of the LVAE loss with batch norm in training mode (batch statistics, so every
 * row's loss depends on the whole batch), KL weight beta &lt; 1, DOUBLE precision.
 */
class LvaeBatchNormGradientTest {

    @ParameterizedTest(name = "L={0}, {1} dense layers per step")
    @CsvSource({"1,1", "2,2", "3,1"})
    void batchNormLaddersMatchFiniteDifferences(int layers, int perStep) {
        Lvae m = tiny(layers, perStep, true, VaeConfig.Likelihood.BERNOULLI);
        assertTrue(m.training(), "batch norm must be checked in training mode (batch statistics)");
        int perBlock = layers == 1 ? 6 : 3;
        GradientCheck.Result r = check(m, binary(7), 0.6, perBlock);
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
        assertEquals(expectedChecks(m, perBlock), r.checked());
    }

    @Test
    void gaussianLikelihoodWithBatchNormMatchesFiniteDifferences() {
        Lvae m = tiny(2, 1, true, VaeConfig.Likelihood.GAUSSIAN);
        Nd4j.getRandom().setSeed(5);
        GradientCheck.Result r = check(m, Nd4j.randn(DataType.DOUBLE, 6, 6), 0.3, 3);
        assertTrue(r.passed(), r.failed() + " of " + r.checked() + " failed\n" + r.report());
    }
}
