package org.dgmkit.model.lvae;

import com.google.gson.JsonObject;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ConfigChecks;
import org.dgmkit.model.train.ModelConfig;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape and settings of a {@link Lvae} with L = {@code latentSizes.size()} stochastic layers.
 * Level l (0 = next to the data) has a bottom-up MLP of {@code layersPerStep} dense layers of width
 * {@code deterministicSizes.get(l)} and a latent layer of {@code latentSizes.get(l)} units. The top-down
 * MLP from z_{l+1} to p(z_l | z_{l+1}) mirrors the bottom-up step l+1 (width {@code deterministicSizes.get(l+1)}),
 * and the decoder from z_0 to p(x | z_0) mirrors step 0 (width {@code deterministicSizes.get(0)}), so with
 * L = 1 the model is a {@link org.dgmkit.model.vae.Vae} with {@code layersPerStep} hidden layers each way.
 *
 * @param inputSize          number of input columns
 * @param deterministicSizes width of the deterministic layers of each ladder step, one per latent layer
 * @param latentSizes        latent units per stochastic layer, bottom (next to x) first
 * @param layersPerStep      dense layers per ladder step (2 in the paper)
 * @param activation         hidden activation (LEAKY_RELU in the paper)
 * @param batchNorm          batch normalisation (with learned scale and shift) before every hidden activation
 * @param likelihood         p(x | z_1)
 * @param outputLogVar       log-variance of p(x | z_1) for GAUSSIAN_FIXED_VARIANCE (ignored otherwise)
 * @param dataType           FLOAT for training, DOUBLE for gradient checks
 * @param seed               seed of the weight initialisation
 */
public record LvaeConfig(int inputSize, List<Integer> deterministicSizes, List<Integer> latentSizes,
                         int layersPerStep, Activation activation, boolean batchNorm,
                         VaeConfig.Likelihood likelihood, double outputLogVar, DataType dataType, long seed)
        implements ModelConfig {
    private static final String OWNER = "LvaeConfig";

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public LvaeConfig {
        ConfigChecks.positive(OWNER, "inputSize", inputSize);
        deterministicSizes = ConfigChecks.sizes(OWNER, "deterministicSizes", deterministicSizes, 1, Integer.MAX_VALUE);
        latentSizes = ConfigChecks.sizes(OWNER, "latentSizes", latentSizes, 1, Integer.MAX_VALUE);
        ConfigChecks.require(OWNER, deterministicSizes.size() == latentSizes.size(), "deterministicSizes and "
                + "latentSizes need one entry per stochastic layer, got " + deterministicSizes.size() + " "
                + deterministicSizes + " and " + latentSizes.size() + " " + latentSizes);
        ConfigChecks.positive(OWNER, "layersPerStep", layersPerStep);
        ConfigChecks.set(OWNER, "activation, likelihood and dataType", activation, likelihood, dataType);
        ConfigChecks.floatingPoint(OWNER, dataType);
        ConfigChecks.finite(OWNER, "outputLogVar", outputLogVar);
    }

    /** Number of stochastic layers L. */
    public int layers() {
        return latentSizes.size();
    }

    /**
     * A Bernoulli ladder VAE with one dense layer per step, leaky ReLU, no batch norm, FLOAT, seed 42.
     * E.g. {@code LvaeConfig.bernoulli(784, List.of(512, 256), List.of(64, 32))}.
     */
    public static LvaeConfig bernoulli(int inputSize, List<Integer> deterministicSizes, List<Integer> latentSizes) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, 1, Activation.LEAKY_RELU, false,
                VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.FLOAT, 42L);
    }

    /**
     * The paper's MNIST model (Sønderby et al. 2016): deterministic 512-256-128-64-32 with two dense layers
     * per ladder step, latent 64-32-16-8-4, leaky ReLU, batch norm, Bernoulli output, FLOAT, seed 42.
     * Train it with {@link #paperTrainer(int)}.
     */
    public static LvaeConfig paper() {
        return new LvaeConfig(784, List.of(512, 256, 128, 64, 32), List.of(64, 32, 16, 8, 4), 2,
                Activation.LEAKY_RELU, true, VaeConfig.Likelihood.BERNOULLI, 0.0, DataType.FLOAT, 42L);
    }

    /**
     * The paper's training settings for {@code epochs} epochs: Adam with learning rate 2e-4, batch 256,
     * KL warm-up linear from 0 to 1 over 200 epochs (so with fewer epochs the KL weight never reaches 1),
     * no decay, no clipping, progress bar on.
     */
    public static TrainerConfig paperTrainer(int epochs) {
        return TrainerConfig.defaults().withEpochs(epochs).withBatchSize(256).withLearningRate(2e-4)
                .withWarmupEpochs(200);
    }

    /** Copy with the first {@code layers} stochastic layers (and their deterministic sizes) only. */
    public LvaeConfig withDepth(int layers) {
        if (layers < 1 || layers > latentSizes.size()) {
            throw new IllegalArgumentException("depth must be 1.." + latentSizes.size() + ", got " + layers);
        }
        return new LvaeConfig(inputSize, deterministicSizes.subList(0, layers), latentSizes.subList(0, layers),
                layersPerStep, activation, batchNorm, likelihood, outputLogVar, dataType, seed);
    }

    /** Copy with batch normalisation on or off. */
    public LvaeConfig withBatchNorm(boolean on) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, layersPerStep, activation, on, likelihood,
                outputLogVar, dataType, seed);
    }

    /** Copy with another number of dense layers per ladder step. */
    public LvaeConfig withLayersPerStep(int n) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, n, activation, batchNorm, likelihood,
                outputLogVar, dataType, seed);
    }

    /** Copy with another likelihood (and fixed log-variance, used only by GAUSSIAN_FIXED_VARIANCE). */
    public LvaeConfig withLikelihood(VaeConfig.Likelihood l, double logVar) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, layersPerStep, activation, batchNorm, l,
                logVar, dataType, seed);
    }

    /** Copy with another hidden activation. */
    public LvaeConfig withActivation(Activation a) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, layersPerStep, a, batchNorm, likelihood,
                outputLogVar, dataType, seed);
    }

    /** Copy with another data type. */
    public LvaeConfig withDataType(DataType dt) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, layersPerStep, activation, batchNorm,
                likelihood, outputLogVar, dt, seed);
    }

    /** Copy with another initialisation seed. */
    public LvaeConfig withSeed(long s) {
        return new LvaeConfig(inputSize, deterministicSizes, latentSizes, layersPerStep, activation, batchNorm,
                likelihood, outputLogVar, dataType, s);
    }

    /** JSON form (for checkpoints). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("inputSize", inputSize);
        o.add("deterministicSizes", ConfigChecks.array(deterministicSizes));
        o.add("latentSizes", ConfigChecks.array(latentSizes));
        o.addProperty("layersPerStep", layersPerStep);
        o.addProperty("activation", activation.name());
        o.addProperty("batchNorm", batchNorm);
        o.addProperty("likelihood", likelihood.name());
        o.addProperty("outputLogVar", outputLogVar);
        o.addProperty("dataType", dataType.name());
        o.addProperty("seed", seed);
        return o;
    }

    /** Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. */
    public static LvaeConfig fromJson(JsonObject o) {
        return ConfigChecks.parse(OWNER, o, () -> new LvaeConfig(o.get("inputSize").getAsInt(),
                ConfigChecks.list(o, "deterministicSizes"), ConfigChecks.list(o, "latentSizes"),
                o.get("layersPerStep").getAsInt(), Activation.valueOf(o.get("activation").getAsString()),
                o.get("batchNorm").getAsBoolean(), VaeConfig.Likelihood.valueOf(o.get("likelihood").getAsString()),
                o.get("outputLogVar").getAsDouble(), DataType.valueOf(o.get("dataType").getAsString()),
                o.get("seed").getAsLong()));
    }
}
