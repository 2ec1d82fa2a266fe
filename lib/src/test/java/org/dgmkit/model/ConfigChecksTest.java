package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ConfigChecks;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;

/** Every model configuration fails with the same message for the same mistake. */
class ConfigChecksTest {

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void sameMistakeSameMessageInEveryConfiguration() {
        assertEquals("VaeConfig: inputSize must be positive, got 0", message(() -> VaeConfig.bernoulli(0, List.of(5), 2)));
        assertEquals("LvaeConfig: inputSize must be positive, got 0",
                message(() -> LvaeConfig.bernoulli(0, List.of(5), List.of(2))));
        assertEquals("AuxiliaryVaeConfig: inputSize must be positive, got 0", message(() -> new AuxiliaryVaeConfig(0,
                List.of(5), 2, List.of(2), GenerativeForm.ADGM, Activation.RELU, DataType.FLOAT, 1)));
        assertEquals("AdgmConfig: inputSize must be positive, got 0", message(() -> new AdgmConfig(0, 2, List.of(5), 2,
                2, GenerativeForm.ADGM, true, 1, Activation.RELU, DataType.FLOAT, 1)));

        assertEquals("VaeConfig: dataType must be FLOAT or DOUBLE, got HALF",
                message(() -> VaeConfig.mnist().withDataType(DataType.HALF)));
        assertEquals("LvaeConfig: dataType must be FLOAT or DOUBLE, got HALF",
                message(() -> LvaeConfig.paper().withDataType(DataType.HALF)));
        assertEquals("AuxiliaryVaeConfig: dataType must be FLOAT or DOUBLE, got INT",
                message(() -> AuxiliaryVaeConfig.paper(GenerativeForm.ADGM, 1).withDataType(DataType.INT)));
        assertEquals("AdgmConfig: dataType must be FLOAT or DOUBLE, got INT",
                message(() -> AdgmConfig.paper().withDataType(DataType.INT)));

        assertEquals("VaeConfig: encoderSizes must all be positive, got [5, -3]",
                message(() -> VaeConfig.bernoulli(6, List.of(5, -3), 2)));
        assertEquals("AdgmConfig: hidden needs at least 1 entry, got []",
                message(() -> AdgmConfig.paper().withHidden(List.of())));
        assertEquals("AuxiliaryVaeConfig: latentSizes (one or two stochastic layers) needs 1 or 2 entries, got [3, 2, 1]",
                message(() -> new AuxiliaryVaeConfig(6, List.of(5), 2, List.of(3, 2, 1), GenerativeForm.ADGM,
                        Activation.RELU, DataType.FLOAT, 1)));
        assertEquals("AdgmConfig: form, activation and dataType must be set", message(() -> new AdgmConfig(6, 2,
                List.of(5), 2, 2, null, true, 1, Activation.RELU, DataType.FLOAT, 1)));
        assertEquals("AdgmConfig: classes must be at least 2, got 1", message(() -> new AdgmConfig(6, 1, List.of(5), 2,
                2, GenerativeForm.ADGM, true, 1, Activation.RELU, DataType.FLOAT, 1)));
        assertEquals("AdgmConfig: alpha must be finite and >= 0, got -1.0",
                message(() -> AdgmConfig.paper().withAlpha(-1)));
    }

    @Test
    void malformedJsonNamesTheConfiguration() {
        var json = VaeConfig.mnist().toJson();
        json.remove("latentSize");
        String m = message(() -> VaeConfig.fromJson(json));
        assertEquals(true, m.startsWith("malformed VaeConfig JSON: {"), m);
        var lvae = LvaeConfig.paper().toJson();
        lvae.addProperty("layersPerStep", "two");
        assertEquals(true, message(() -> LvaeConfig.fromJson(lvae)).startsWith("malformed LvaeConfig JSON"));
    }

    @Test
    void sizesAreCopiedAndCounted() {
        var in = new java.util.ArrayList<>(List.of(3, 4));
        List<Integer> out = ConfigChecks.sizes("X", "w", in, 2, 2);
        in.set(0, 99);
        assertEquals(List.of(3, 4), out);
        assertEquals("X: w needs exactly 2 entries, got [3]", message(() -> ConfigChecks.sizes("X", "w", List.of(3), 2, 2)));
        assertEquals("X: w needs 2 to 4 entries, got [3]", message(() -> ConfigChecks.sizes("X", "w", List.of(3), 2, 4)));
        assertEquals("X: w needs at least 1 entry, got null", message(() -> ConfigChecks.sizes("X", "w", null, 1,
                Integer.MAX_VALUE)));
    }
}
