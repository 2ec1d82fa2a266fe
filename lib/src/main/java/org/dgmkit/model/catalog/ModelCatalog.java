package org.dgmkit.model.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The unsupervised models a notebook names in its parameter cell ({@code String[] models = {"vae", "lvae"}}), each
 * built from one {@link ModelShape} with a Bernoulli likelihood:
 * <ul>
 *   <li>{@code vae}: {@link Vae}, ReLU, decoder mirroring the encoder;</li>
 *   <li>{@code auxvae}: {@link AuxiliaryVae} in the ADGM form, |a| = latent, one z layer, ReLU;</li>
 *   <li>{@code lvae}: {@link Lvae}, one ladder step per hidden width, latent units halving upwards (at least 2),
 *       leaky ReLU, no batch norm.</li>
 * </ul>
 * A new model type is one more entry here.
 */
public final class ModelCatalog {
    private static final Map<String, Function<ModelShape, TrainableModel>> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("vae", s -> new Vae(VaeConfig.bernoulli(s.inputSize(), s.hidden(), s.latent()).withSeed(s.seed())));
        BUILDERS.put("auxvae", s -> new AuxiliaryVae(new AuxiliaryVaeConfig(s.inputSize(), s.hidden(), s.latent(),
                List.of(s.latent()), GenerativeForm.ADGM, Activation.RELU, DataType.FLOAT, s.seed())));
        BUILDERS.put("lvae", s -> new Lvae(LvaeConfig.bernoulli(s.inputSize(), s.hidden(),
                IntStream.range(0, s.hidden().size()).mapToObj(l -> Math.max(2, s.latent() >> l)).toList())
                .withSeed(s.seed())));
    }

    private ModelCatalog() {
    }

    /** The model names, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(BUILDERS.keySet());
    }

    /**
     * A fresh (untrained) model {@code name} of the given shape, fails naming the known models. Every model of the
     * catalogue is also a {@link org.dgmkit.model.LatentVariableModel} (for the scores) and a
     * {@link org.dgmkit.model.eval.LatentLayers}.
     */
    public static TrainableModel create(String name, ModelShape shape) {
        Function<ModelShape, TrainableModel> b = BUILDERS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
        }
        return b.apply(shape);
    }
}
