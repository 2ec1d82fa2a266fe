package org.dgmkit.model.vae;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ConfigChecks;
import org.dgmkit.model.train.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape and settings of a {@link Vae}: encoder MLP sizes, latent size, decoder MLP sizes, hidden
 * activation, likelihood p(x | z), parameter data type and initialisation seed.
 *
 * @param inputSize    number of input columns
 * @param encoderSizes hidden layer widths of q(z | x), at least one
 * @param latentSize   number of latent units
 * @param decoderSizes hidden layer widths of p(x | z), at least one
 * @param activation   hidden activation
 * @param likelihood   p(x | z)
 * @param outputLogVar log-variance of p(x | z) for {@link Likelihood#GAUSSIAN_FIXED_VARIANCE}, its initial value for
 *                     {@link Likelihood#GAUSSIAN_SHARED_VARIANCE} (ignored otherwise)
 * @param dataType     FLOAT for training, DOUBLE for gradient checks
 * @param seed         seed of the weight initialisation
 */
public record VaeConfig(int inputSize, List<Integer> encoderSizes, int latentSize, List<Integer> decoderSizes,
                        Activation activation, Likelihood likelihood, double outputLogVar, DataType dataType,
                        long seed) implements ModelConfig {
    private static final String OWNER = "VaeConfig";

    /** The observation model p(x | z). */
    public enum Likelihood {
        /** Bernoulli from logits: binary or binarised data. */
        BERNOULLI,
        /** Gaussian with a learned per-entry log-variance: real-valued data. */
        GAUSSIAN,
        /** Gaussian with the fixed log-variance {@code outputLogVar}. */
        GAUSSIAN_FIXED_VARIANCE,
        /**
         * Gaussian with one learned log-variance per column, shared by all rows (not a function of z), initialised
         * at {@code outputLogVar}: real values from few, similar rows (streaming detection).
         */
        GAUSSIAN_SHARED_VARIANCE
    }

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public VaeConfig {
        ConfigChecks.positive(OWNER, "inputSize", inputSize);
        ConfigChecks.positive(OWNER, "latentSize", latentSize);
        encoderSizes = ConfigChecks.sizes(OWNER, "encoderSizes", encoderSizes, 1, Integer.MAX_VALUE);
        decoderSizes = ConfigChecks.sizes(OWNER, "decoderSizes", decoderSizes, 1, Integer.MAX_VALUE);
        ConfigChecks.set(OWNER, "activation, likelihood and dataType", activation, likelihood, dataType);
        ConfigChecks.floatingPoint(OWNER, dataType);
        ConfigChecks.finite(OWNER, "outputLogVar", outputLogVar);
    }

    /** A Bernoulli VAE with the same hidden widths in encoder and (mirrored) decoder, ReLU, FLOAT, seed 42. */
    public static VaeConfig bernoulli(int inputSize, List<Integer> hidden, int latentSize) {
        List<Integer> reversed = new ArrayList<>(hidden);
        java.util.Collections.reverse(reversed);
        return new VaeConfig(inputSize, hidden, latentSize, reversed, Activation.RELU, Likelihood.BERNOULLI, 0.0,
                DataType.FLOAT, 42L);
    }

    /** The benchmark / MNIST model: 784-512-512-(32)-512-512-784, ReLU, Bernoulli. */
    public static VaeConfig mnist() {
        return bernoulli(784, List.of(512, 512), 32);
    }

    /** Copy with another likelihood (and fixed log-variance, used only by GAUSSIAN_FIXED_VARIANCE). */
    public VaeConfig withLikelihood(Likelihood l, double logVar) {
        return new VaeConfig(inputSize, encoderSizes, latentSize, decoderSizes, activation, l, logVar, dataType, seed);
    }

    /** Copy with another data type. */
    public VaeConfig withDataType(DataType dt) {
        return new VaeConfig(inputSize, encoderSizes, latentSize, decoderSizes, activation, likelihood, outputLogVar,
                dt, seed);
    }

    /** Copy with another initialisation seed. */
    public VaeConfig withSeed(long s) {
        return new VaeConfig(inputSize, encoderSizes, latentSize, decoderSizes, activation, likelihood, outputLogVar,
                dataType, s);
    }

    /** Copy with another hidden activation. */
    public VaeConfig withActivation(Activation a) {
        return new VaeConfig(inputSize, encoderSizes, latentSize, decoderSizes, a, likelihood, outputLogVar,
                dataType, seed);
    }

    /** JSON form (for checkpoints). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("inputSize", inputSize);
        o.add("encoderSizes", ConfigChecks.array(encoderSizes));
        o.addProperty("latentSize", latentSize);
        o.add("decoderSizes", ConfigChecks.array(decoderSizes));
        o.addProperty("activation", activation.name());
        o.addProperty("likelihood", likelihood.name());
        o.addProperty("outputLogVar", outputLogVar);
        o.addProperty("dataType", dataType.name());
        o.addProperty("seed", seed);
        return o;
    }

    /** Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. */
    public static VaeConfig fromJson(JsonObject o) {
        return ConfigChecks.parse(OWNER, o, () -> new VaeConfig(o.get("inputSize").getAsInt(),
                ConfigChecks.list(o, "encoderSizes"), o.get("latentSize").getAsInt(),
                ConfigChecks.list(o, "decoderSizes"), Activation.valueOf(o.get("activation").getAsString()),
                Likelihood.valueOf(o.get("likelihood").getAsString()), o.get("outputLogVar").getAsDouble(),
                DataType.valueOf(o.get("dataType").getAsString()), o.get("seed").getAsLong()));
    }
}
