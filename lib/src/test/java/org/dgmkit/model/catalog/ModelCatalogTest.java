package org.dgmkit.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ModelRegistry;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The catalogue builds exactly the models notebooks 05 and 06 built with their own factories. */
class ModelCatalogTest {
    private final ModelShape shape = ModelShape.mnist(new int[] {64, 32}, 8, 7);

    @Test
    void buildsTheNotebooksModels() {
        assertEquals(List.of("vae", "auxvae", "sdgm", "auxvae2", "sdgm2", "lvae"), ModelCatalog.names());
        assertEquals(VaeConfig.bernoulli(784, List.of(64, 32), 8).withSeed(7),
                ((Vae) ModelCatalog.create("vae", shape)).config());
        assertEquals(new AuxiliaryVaeConfig(784, List.of(64, 32), 8, List.of(8), GenerativeForm.ADGM, Activation.RELU,
                DataType.FLOAT, 7), ((AuxiliaryVae) ModelCatalog.create("auxvae", shape)).config());
        assertEquals(LvaeConfig.bernoulli(784, List.of(64, 32), List.of(8, 4)).withSeed(7),
                ((Lvae) ModelCatalog.create("lvae", shape)).config());
        for (String name : ModelCatalog.names()) {
            TrainableModel m = ModelCatalog.create(name, shape);
            assertTrue(m instanceof LatentVariableModel && m instanceof LatentLayers, name);
            assertEquals(784, ((LatentVariableModel) m).inputSize());
        }
        assertEquals(new AuxiliaryVaeConfig(784, List.of(64, 32), 8, List.of(8, 4), GenerativeForm.SDGM,
                Activation.RELU, DataType.FLOAT, 7), ((AuxiliaryVae) ModelCatalog.create("sdgm2", shape)).config());
        // latent units halve per ladder step but never below 2
        assertEquals(List.of(3, 2, 2), ((Lvae) ModelCatalog.create("lvae",
                ModelShape.mnist(new int[] {8, 8, 8}, 3, 1))).config().latentSizes());
    }

    @Test
    void realValuedModelsGetTheGaussianLikelihoodAsked() {
        var l = VaeConfig.Likelihood.GAUSSIAN_SHARED_VARIANCE;
        ModelShape small = ModelShape.of(12, new int[] {16}, 4, 3);
        assertEquals(l, ((Vae) ModelCatalog.create("vae", small, l, -1.0)).config().likelihood());
        assertEquals(-1.0, ((Lvae) ModelCatalog.create("lvae", small, l, -1.0)).config().outputLogVar());
        AuxiliaryVaeConfig c = ((AuxiliaryVae) ModelCatalog.create("sdgm", small, l, -1.0)).config();
        assertEquals(l, c.likelihood());
        assertEquals(GenerativeForm.SDGM, c.form());
        for (String name : ModelCatalog.names()) {
            TrainableModel m = ModelCatalog.create(name, small, l, 0.0);
            TrainableModel back = ModelRegistry.create(m.modelType(), m.configJson());
            assertEquals(m.parameters().values(), back.parameters().values(), name);
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create("vea", shape));
        assertEquals("unknown model 'vea'; known: vae, auxvae, sdgm, auxvae2, sdgm2, lvae", e.getMessage());
    }

    @Test
    void checkpointNamesAreTheOldOnes() {
        ModelShape s = ModelShape.mnist(new int[] {512, 512}, 32, 42);
        assertEquals("512-512-z32", s.tag());
        // notebook 01/05's String.format("%s-%s-z%d-mnist%d-e%d-s%d.zip", ...)
        assertEquals("vae-512-512-z32-mnist60000-e10-s42.zip", s.checkpointName("vae", "mnist60000", 10));
        assertEquals("oc-an-cho-d3-lvae-512-512-z32-n1000-e1-s42.zip",
                "oc-an-cho-d3-" + s.checkpointName("lvae", "n1000", 1));
    }

    @Test
    void registryRebuildsEveryTypeWithoutTheModelsRegisteringThemselves() {
        assertEquals(java.util.Set.of("vae", "auxiliary-vae", "adgm", "lvae"), ModelRegistry.types());
        for (String name : ModelCatalog.names()) {
            TrainableModel m = ModelCatalog.create(name, shape);
            TrainableModel back = ModelRegistry.create(m.modelType(), m.configJson());
            assertEquals(m.getClass(), back.getClass());
            assertEquals(m.parameters().values(), back.parameters().values());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> ModelRegistry.create("nope", null));
        assertTrue(e.getMessage().contains("registered: [adgm, auxiliary-vae, lvae, vae]"), e.getMessage());
    }
}
