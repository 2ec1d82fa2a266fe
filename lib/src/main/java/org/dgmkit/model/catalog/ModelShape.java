package org.dgmkit.model.catalog;

import java.util.Arrays;
import java.util.List;
import org.dgmkit.model.train.ConfigChecks;

/**
 * The sizes a notebook picks for any model of the {@link ModelCatalog}: input width, hidden widths (the
 * encoder's; decoders mirror them), latent units and the seed of the weight initialisation.
 *
 * @param inputSize number of input columns (784 for MNIST)
 * @param hidden    hidden widths, at least one
 * @param latent    latent units (of the first stochastic layer)
 * @param seed      seed of the weight initialisation
 */
public record ModelShape(int inputSize, List<Integer> hidden, int latent, long seed) {
    private static final String OWNER = "ModelShape";

    /** Validates every field. */
    public ModelShape {
        ConfigChecks.positive(OWNER, "inputSize", inputSize);
        hidden = ConfigChecks.sizes(OWNER, "hidden", hidden, 1, Integer.MAX_VALUE);
        ConfigChecks.positive(OWNER, "latent", latent);
    }

    /** A shape from a notebook's {@code int[]} parameter. */
    public static ModelShape of(int inputSize, int[] hidden, int latent, long seed) {
        return new ModelShape(inputSize, Arrays.stream(hidden).boxed().toList(), latent, seed);
    }

    /** An MNIST shape: 784 inputs. */
    public static ModelShape mnist(int[] hidden, int latent, long seed) {
        return of(784, hidden, latent, seed);
    }

    /** Hidden widths and latent size as in checkpoint names, e.g. {@code 512-512-z32}. */
    public String tag() {
        return String.join("-", hidden.stream().map(String::valueOf).toList()) + "-z" + latent;
    }

    /**
     * The checkpoint file name of model {@code model} of this shape trained {@code epochs} epochs on {@code data},
     * e.g. {@code vae-512-512-z32-mnist60000-e10-s42.zip} (the names notebooks 01, 05 and 06 have always used).
     */
    public String checkpointName(String model, String data, int epochs) {
        return String.format("%s-%s-%s-e%d-s%d.zip", model, tag(), data, epochs, seed);
    }
}
