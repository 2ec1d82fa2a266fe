package org.dgmkit.model.adgm;

import com.google.gson.JsonObject;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ConfigChecks;
import org.dgmkit.model.train.ModelConfig;
import org.dgmkit.model.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape of an unsupervised {@link AuxiliaryVae}: every conditional (q(a|x), q(z1|a,x), q(z2|z1), p(z1|z2),
 * p(x|...), p(a|...)) is an MLP with the same {@code hidden} widths.
 *
 * @param inputSize   number of input columns
 * @param hidden      hidden widths of every MLP, at least one
 * @param auxSize     size of the auxiliary variable a
 * @param latentSizes sizes of z1 (and z2 above it): one or two entries
 * @param form        ADGM (p(a|x,z), p(x|z)) or SDGM (p(a|z), p(x|a,z))
 * @param activation  hidden activation
 * @param dataType    FLOAT for training, DOUBLE for gradient checks
 * @param seed        seed of the weight initialisation
 * @param likelihood  p(x | ...): Bernoulli (the papers' binarised digits) or a Gaussian for real values
 * @param outputLogVar log-variance of a fixed Gaussian, initial log-variance of a shared one (ignored otherwise)
 */
public record AuxiliaryVaeConfig(int inputSize, List<Integer> hidden, int auxSize, List<Integer> latentSizes,
                                 GenerativeForm form, Activation activation, DataType dataType, long seed,
                                 VaeConfig.Likelihood likelihood, double outputLogVar)
        implements ModelConfig {
    private static final String OWNER = "AuxiliaryVaeConfig";

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public AuxiliaryVaeConfig {
        ConfigChecks.positive(OWNER, "inputSize", inputSize);
        ConfigChecks.positive(OWNER, "auxSize", auxSize);
        hidden = ConfigChecks.sizes(OWNER, "hidden", hidden, 1, Integer.MAX_VALUE);
        latentSizes = ConfigChecks.sizes(OWNER, "latentSizes (one or two stochastic layers)", latentSizes, 1, 2);
        ConfigChecks.set(OWNER, "form, activation and dataType", form, activation, dataType);
        ConfigChecks.floatingPoint(OWNER, dataType);
        ConfigChecks.set(OWNER, "likelihood", likelihood);
        ConfigChecks.finite(OWNER, "outputLogVar", outputLogVar);
    }

    /** A Bernoulli model (the papers' form). */
    public AuxiliaryVaeConfig(int inputSize, List<Integer> hidden, int auxSize, List<Integer> latentSizes,
                              GenerativeForm form, Activation activation, DataType dataType, long seed) {
        this(inputSize, hidden, auxSize, latentSizes, form, activation, dataType, seed, VaeConfig.Likelihood.BERNOULLI,
                0.0);
    }

    /** The MNIST model of the paper's unsupervised experiments: 784, hidden [500, 500], |a| = |z| = 100, ReLU, FLOAT. */
    public static AuxiliaryVaeConfig paper(GenerativeForm form, int stochasticLayers) {
        List<Integer> z = stochasticLayers == 1 ? List.of(100) : stochasticLayers == 2 ? List.of(100, 100) : null;
        if (z == null) {
            throw new IllegalArgumentException(OWNER + ": stochasticLayers must be 1 or 2, got " + stochasticLayers);
        }
        return new AuxiliaryVaeConfig(784, List.of(500, 500), 100, z, form, Activation.RELU, DataType.FLOAT, 42L);
    }

    /** Number of stochastic z layers (1 or 2). */
    public int stochasticLayers() {
        return latentSizes.size();
    }

    /** Copy with another data type. */
    public AuxiliaryVaeConfig withDataType(DataType dt) {
        return new AuxiliaryVaeConfig(inputSize, hidden, auxSize, latentSizes, form, activation, dt, seed, likelihood,
                outputLogVar);
    }

    /** Copy with another seed. */
    public AuxiliaryVaeConfig withSeed(long s) {
        return new AuxiliaryVaeConfig(inputSize, hidden, auxSize, latentSizes, form, activation, dataType, s, likelihood,
                outputLogVar);
    }

    /** Copy with another generative form. */
    public AuxiliaryVaeConfig withForm(GenerativeForm f) {
        return new AuxiliaryVaeConfig(inputSize, hidden, auxSize, latentSizes, f, activation, dataType, seed, likelihood,
                outputLogVar);
    }

    /** Copy with another activation. */
    public AuxiliaryVaeConfig withActivation(Activation a) {
        return new AuxiliaryVaeConfig(inputSize, hidden, auxSize, latentSizes, form, a, dataType, seed, likelihood,
                outputLogVar);
    }

    /** Copy with another likelihood (and log-variance for the fixed or shared Gaussian). */
    public AuxiliaryVaeConfig withLikelihood(VaeConfig.Likelihood l, double logVar) {
        return new AuxiliaryVaeConfig(inputSize, hidden, auxSize, latentSizes, form, activation, dataType, seed, l,
                logVar);
    }

    /** JSON form (for checkpoints); a Bernoulli model writes no likelihood, as checkpoints always had. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("inputSize", inputSize);
        o.add("hidden", ConfigChecks.array(hidden));
        o.addProperty("auxSize", auxSize);
        o.add("latentSizes", ConfigChecks.array(latentSizes));
        o.addProperty("form", form.name());
        o.addProperty("activation", activation.name());
        o.addProperty("dataType", dataType.name());
        o.addProperty("seed", seed);
        if (likelihood != VaeConfig.Likelihood.BERNOULLI) {
            o.addProperty("likelihood", likelihood.name());
            o.addProperty("outputLogVar", outputLogVar);
        }
        return o;
    }

    /**
     * Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. Checkpoints written
     * before the likelihood was a setting have none: Bernoulli.
     */
    public static AuxiliaryVaeConfig fromJson(JsonObject o) {
        return ConfigChecks.parse(OWNER, o, () -> new AuxiliaryVaeConfig(o.get("inputSize").getAsInt(),
                ConfigChecks.list(o, "hidden"), o.get("auxSize").getAsInt(), ConfigChecks.list(o, "latentSizes"),
                GenerativeForm.valueOf(o.get("form").getAsString()),
                Activation.valueOf(o.get("activation").getAsString()),
                DataType.valueOf(o.get("dataType").getAsString()), o.get("seed").getAsLong(),
                o.has("likelihood") ? VaeConfig.Likelihood.valueOf(o.get("likelihood").getAsString())
                        : VaeConfig.Likelihood.BERNOULLI,
                o.has("outputLogVar") ? o.get("outputLogVar").getAsDouble() : 0.0));
    }
}
