package org.dgmkit.model.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * built from one {@link ModelShape} with a Bernoulli likelihood ({@link #create(String, ModelShape)}) or the
 * likelihood given ({@link #create(String, ModelShape, VaeConfig.Likelihood, double)}: real values):
 * <ul>
 *   <li>{@code vae}: {@link Vae}, ReLU, decoder mirroring the encoder;</li>
 *   <li>{@code auxvae}: {@link AuxiliaryVae} in the ADGM form, |a| = latent, one z layer, ReLU;
 *       {@code sdgm}: the same in the SDGM form; {@code auxvae2}, {@code sdgm2}: two z layers (the second half
 *       the size of the first, at least 2);</li>
 *   <li>{@code lvae}: {@link Lvae}, one ladder step per hidden width, latent units halving upwards (at least 2),
 *       leaky ReLU, no batch norm.</li>
 * </ul>
 * A new model type is one more entry here.
 */
public final class ModelCatalog {
    private interface Builder {
        TrainableModel build(ModelShape shape, VaeConfig.Likelihood likelihood, double outputLogVar);
    }

    private static final Map<String, Builder> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("vae", (s, l, v) -> new Vae(VaeConfig.bernoulli(s.inputSize(), s.hidden(), s.latent())
                .withSeed(s.seed()).withLikelihood(l, v)));
        BUILDERS.put("auxvae", (s, l, v) -> auxiliary(s, GenerativeForm.ADGM, 1, l, v));
        BUILDERS.put("sdgm", (s, l, v) -> auxiliary(s, GenerativeForm.SDGM, 1, l, v));
        BUILDERS.put("auxvae2", (s, l, v) -> auxiliary(s, GenerativeForm.ADGM, 2, l, v));
        BUILDERS.put("sdgm2", (s, l, v) -> auxiliary(s, GenerativeForm.SDGM, 2, l, v));
        BUILDERS.put("lvae", (s, l, v) -> new Lvae(LvaeConfig.bernoulli(s.inputSize(), s.hidden(),
                IntStream.range(0, s.hidden().size()).mapToObj(i -> Math.max(2, s.latent() >> i)).toList())
                .withSeed(s.seed()).withLikelihood(l, v)));
    }

    private static AuxiliaryVae auxiliary(ModelShape s, GenerativeForm form, int layers, VaeConfig.Likelihood l,
                                          double v) {
        List<Integer> z = layers == 1 ? List.of(s.latent()) : List.of(s.latent(), Math.max(2, s.latent() / 2));
        return new AuxiliaryVae(new AuxiliaryVaeConfig(s.inputSize(), s.hidden(), s.latent(), z, form,
                Activation.RELU, DataType.FLOAT, s.seed(), l, v));
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
        return create(name, shape, VaeConfig.Likelihood.BERNOULLI, 0.0);
    }

    /**
     * As {@link #create(String, ModelShape)} with another likelihood p(x | ...), e.g.
     * {@code GAUSSIAN_SHARED_VARIANCE} with initial log-variance {@code outputLogVar} for real-valued inputs.
     */
    public static TrainableModel create(String name, ModelShape shape, VaeConfig.Likelihood likelihood,
                                        double outputLogVar) {
        Builder b = BUILDERS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
        }
        return b.build(shape, likelihood, outputLogVar);
    }
}
