package org.dgmkit.model.adgm;

import com.google.gson.JsonObject;
import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.train.ConfigChecks;
import org.dgmkit.model.train.ModelConfig;
import org.dgmkit.model.train.TrainerConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape of a semi-supervised {@link Adgm}: every conditional (q(a|x), q(y|a,x), q(z|a,x,y), p(x|...),
 * p(a|...)) is an MLP with the same {@code hidden} widths.
 *
 * @param inputSize  number of (binary) input columns
 * @param classes    number of labels (uniform prior p(y))
 * @param hidden     hidden widths of every MLP, at least one
 * @param auxSize    size of the auxiliary variable a (ignored when {@code auxiliary} is false)
 * @param latentSize size of z
 * @param form       ADGM (p(x|y,z) p(a|x,y,z)) or SDGM (p(a|y,z) p(x|a,y,z))
 * @param auxiliary  false gives the plain M2 model of Kingma et al. 2014 (q(y|x), q(z|x,y), p(x|y,z))
 * @param alpha      weight of the labelled classification term -alpha log q(y | a, x)
 * @param activation hidden activation
 * @param dataType   FLOAT for training, DOUBLE for gradient checks
 * @param seed       seed of the weight initialisation
 */
public record AdgmConfig(int inputSize, int classes, List<Integer> hidden, int auxSize, int latentSize,
                         GenerativeForm form, boolean auxiliary, double alpha, Activation activation,
                         DataType dataType, long seed) implements ModelConfig {
    private static final String OWNER = "AdgmConfig";

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public AdgmConfig {
        ConfigChecks.positive(OWNER, "inputSize", inputSize);
        ConfigChecks.atLeast(OWNER, "classes", classes, 2);
        ConfigChecks.positive(OWNER, "auxSize", auxSize);
        ConfigChecks.positive(OWNER, "latentSize", latentSize);
        hidden = ConfigChecks.sizes(OWNER, "hidden", hidden, 1, Integer.MAX_VALUE);
        ConfigChecks.nonNegative(OWNER, "alpha", alpha);
        ConfigChecks.set(OWNER, "form, activation and dataType", form, activation, dataType);
        ConfigChecks.floatingPoint(OWNER, dataType);
    }

    /** alpha = 0.1 N / N_labelled, the paper's weight of the classification term. */
    public static double paperAlpha(int trainingExamples, int labelledExamples) {
        if (trainingExamples <= 0 || labelledExamples <= 0) {
            throw new IllegalArgumentException(OWNER + ": paperAlpha needs positive counts, got " + trainingExamples
                    + " and " + labelledExamples);
        }
        return 0.1 * trainingExamples / labelledExamples;
    }

    /**
     * The paper's MNIST model (official code defaults): 784 inputs, 10 classes, hidden [500, 500] ReLU,
     * |a| = |z| = 100, alpha = 0.1 * 50000 / 100, FLOAT, seed 42.
     */
    public static AdgmConfig paper(GenerativeForm form) {
        return new AdgmConfig(784, 10, List.of(500, 500), 100, 100, form, true, paperAlpha(50_000, 100),
                Activation.RELU, DataType.FLOAT, 42L);
    }

    /** {@link #paper(GenerativeForm)} in the ADGM form. */
    public static AdgmConfig paper() {
        return paper(GenerativeForm.ADGM);
    }

    /**
     * The paper's optimiser settings: Adam 3e-4, x0.75 every 200 epochs with floor 3e-5, 100 unlabelled
     * examples per batch (plus 100 labelled, see {@link SemiSupervised}), gradient norm clipped at 10
     * (our choice of threshold), no KL warm-up, seed 42.
     */
    public static TrainerConfig paperTrainer(int epochs) {
        return TrainerConfig.defaults().withEpochs(epochs).withBatchSize(100).withLearningRate(3e-4)
                .withStepDecay(200, 0.75, 3e-5).withClipNorm(10.0).withWarmupEpochs(0).withSeed(42L);
    }

    /** Copy without (false) or with the auxiliary variable. */
    public AdgmConfig withAuxiliary(boolean v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, v, alpha, activation, dataType, seed);
    }

    /** Copy with another generative form. */
    public AdgmConfig withForm(GenerativeForm f) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, f, auxiliary, alpha, activation, dataType,
                seed);
    }

    /** Copy with another classification weight. */
    public AdgmConfig withAlpha(double v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, v, activation, dataType,
                seed);
    }

    /** Copy with another data type. */
    public AdgmConfig withDataType(DataType dt) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation, dt,
                seed);
    }

    /** Copy with another seed. */
    public AdgmConfig withSeed(long s) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation,
                dataType, s);
    }

    /** Copy with another activation. */
    public AdgmConfig withActivation(Activation a) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, a, dataType,
                seed);
    }

    /** Copy with other hidden widths. */
    public AdgmConfig withHidden(List<Integer> h) {
        return new AdgmConfig(inputSize, classes, h, auxSize, latentSize, form, auxiliary, alpha, activation, dataType,
                seed);
    }

    /** JSON form (for checkpoints). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("inputSize", inputSize);
        o.addProperty("classes", classes);
        o.add("hidden", ConfigChecks.array(hidden));
        o.addProperty("auxSize", auxSize);
        o.addProperty("latentSize", latentSize);
        o.addProperty("form", form.name());
        o.addProperty("auxiliary", auxiliary);
        o.addProperty("alpha", alpha);
        o.addProperty("activation", activation.name());
        o.addProperty("dataType", dataType.name());
        o.addProperty("seed", seed);
        return o;
    }

    /** Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. */
    public static AdgmConfig fromJson(JsonObject o) {
        return ConfigChecks.parse(OWNER, o, () -> new AdgmConfig(o.get("inputSize").getAsInt(),
                o.get("classes").getAsInt(), ConfigChecks.list(o, "hidden"), o.get("auxSize").getAsInt(),
                o.get("latentSize").getAsInt(), GenerativeForm.valueOf(o.get("form").getAsString()),
                o.get("auxiliary").getAsBoolean(), o.get("alpha").getAsDouble(),
                Activation.valueOf(o.get("activation").getAsString()),
                DataType.valueOf(o.get("dataType").getAsString()), o.get("seed").getAsLong()));
    }
}
