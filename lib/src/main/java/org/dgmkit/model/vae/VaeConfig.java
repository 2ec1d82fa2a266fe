package org.dgmkit.model.vae;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.nn.Activation;
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
 * @param outputLogVar log-variance of p(x | z) for {@link Likelihood#GAUSSIAN_FIXED_VARIANCE} (ignored otherwise)
 * @param dataType     FLOAT for training, DOUBLE for gradient checks
 * @param seed         seed of the weight initialisation
 */
public record VaeConfig(int inputSize, List<Integer> encoderSizes, int latentSize, List<Integer> decoderSizes,
                        Activation activation, Likelihood likelihood, double outputLogVar, DataType dataType,
                        long seed) {

    /** The observation model p(x | z). */
    public enum Likelihood {
        /** Bernoulli from logits: binary or binarised data. */
        BERNOULLI,
        /** Gaussian with a learned per-entry log-variance: real-valued data. */
        GAUSSIAN,
        /** Gaussian with the fixed log-variance {@code outputLogVar}. */
        GAUSSIAN_FIXED_VARIANCE
    }

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public VaeConfig {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("VaeConfig: inputSize must be positive, got " + inputSize);
        }
        if (latentSize <= 0) {
            throw new IllegalArgumentException("VaeConfig: latentSize must be positive, got " + latentSize);
        }
        encoderSizes = checkLayers("encoderSizes", encoderSizes);
        decoderSizes = checkLayers("decoderSizes", decoderSizes);
        if (activation == null || likelihood == null || dataType == null) {
            throw new IllegalArgumentException("VaeConfig: activation, likelihood and dataType must be set");
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("VaeConfig: dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        if (!Double.isFinite(outputLogVar)) {
            throw new IllegalArgumentException("VaeConfig: outputLogVar must be finite, got " + outputLogVar);
        }
    }

    private static List<Integer> checkLayers(String what, List<Integer> sizes) {
        if (sizes == null || sizes.isEmpty()) {
            throw new IllegalArgumentException("VaeConfig: " + what + " needs at least one hidden layer, got "
                    + sizes);
        }
        for (Integer s : sizes) {
            if (s == null || s <= 0) {
                throw new IllegalArgumentException("VaeConfig: " + what + " must all be positive, got " + sizes);
            }
        }
        return List.copyOf(sizes);
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
        o.add("encoderSizes", array(encoderSizes));
        o.addProperty("latentSize", latentSize);
        o.add("decoderSizes", array(decoderSizes));
        o.addProperty("activation", activation.name());
        o.addProperty("likelihood", likelihood.name());
        o.addProperty("outputLogVar", outputLogVar);
        o.addProperty("dataType", dataType.name());
        o.addProperty("seed", seed);
        return o;
    }

    /** Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. */
    public static VaeConfig fromJson(JsonObject o) {
        try {
            return new VaeConfig(o.get("inputSize").getAsInt(), list(o.getAsJsonArray("encoderSizes")),
                    o.get("latentSize").getAsInt(), list(o.getAsJsonArray("decoderSizes")),
                    Activation.valueOf(o.get("activation").getAsString()),
                    Likelihood.valueOf(o.get("likelihood").getAsString()), o.get("outputLogVar").getAsDouble(),
                    DataType.valueOf(o.get("dataType").getAsString()), o.get("seed").getAsLong());
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new IllegalArgumentException("malformed VAE configuration JSON: " + o, e);
        }
    }

    private static JsonArray array(List<Integer> xs) {
        JsonArray a = new JsonArray();
        xs.forEach(a::add);
        return a;
    }

    private static List<Integer> list(JsonArray a) {
        List<Integer> xs = new ArrayList<>();
        for (JsonElement e : a) {
            xs.add(e.getAsInt());
        }
        return xs;
    }
}
