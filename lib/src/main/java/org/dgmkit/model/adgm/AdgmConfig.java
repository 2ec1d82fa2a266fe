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
 * @param batchNorm  every hidden layer dense -> batch norm -> activation (the official code's setting)
 * @param init       weight initialisation scheme
 * @param auxSamples draws of a per row in the loss (official: 5); q(y | a, x) is averaged over them inside the
 *                   log and the bound over them, as the official code does (ignored without the auxiliary variable)
 */
public record AdgmConfig(int inputSize, int classes, List<Integer> hidden, int auxSize, int latentSize,
                         GenerativeForm form, boolean auxiliary, double alpha, Activation activation,
                         DataType dataType, long seed, boolean batchNorm, AdgmInit init, int auxSamples)
        implements ModelConfig {
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
        ConfigChecks.set(OWNER, "init", init);
        ConfigChecks.floatingPoint(OWNER, dataType);
        ConfigChecks.positive(OWNER, "auxSamples", auxSamples);
    }

    /** Without batch norm, with the kit's initialisation and one sample of a. */
    public AdgmConfig(int inputSize, int classes, List<Integer> hidden, int auxSize, int latentSize, GenerativeForm form,
                      boolean auxiliary, double alpha, Activation activation, DataType dataType, long seed) {
        this(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation, dataType, seed, false,
                AdgmInit.KIT, 1);
    }

    /** alpha = 0.1 N / N_labelled, the paper's weight of the classification term. */
    public static double paperAlpha(int trainingExamples, int labelledExamples) {
        if (trainingExamples <= 0 || labelledExamples <= 0) {
            throw new IllegalArgumentException(OWNER + ": paperAlpha needs positive counts, got " + trainingExamples
                    + " and " + labelledExamples);
        }
        return 0.1 * trainingExamples / labelledExamples;
    }

    /** The official MNIST script's unlabelled set: all 60 000 training digits (train and validation combined). */
    public static final int PAPER_UNLABELLED = 60_000;

    /**
     * The paper's MNIST model as the official script builds it: 784 inputs, 10 classes, hidden [500, 500] ReLU with
     * batch norm, |a| = |z| = 100, 5 samples of a, the official initialisation, alpha = 0.1 * 60000 / 100, FLOAT,
     * seed 42. Set alpha from the unlabelled digits really used with {@link #withAlphaFor(int, int)}.
     */
    public static AdgmConfig paper(GenerativeForm form) {
        return new AdgmConfig(784, 10, List.of(500, 500), 100, 100, form, true, paperAlpha(PAPER_UNLABELLED, 100),
                Activation.RELU, DataType.FLOAT, 42L, true, AdgmInit.OFFICIAL, 5);
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
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, v, alpha, activation, dataType, seed,
                batchNorm, init, auxSamples);
    }

    /** Copy with another generative form. */
    public AdgmConfig withForm(GenerativeForm f) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, f, auxiliary, alpha, activation, dataType,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with another classification weight. */
    public AdgmConfig withAlpha(double v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, v, activation, dataType,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with alpha = 0.1 N / N_l for the unlabelled and labelled digits really used ({@link #paperAlpha}). */
    public AdgmConfig withAlphaFor(int unlabelled, int labelled) {
        return withAlpha(paperAlpha(unlabelled, labelled));
    }

    /** Copy with another data type. */
    public AdgmConfig withDataType(DataType dt) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation, dt,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with another seed. */
    public AdgmConfig withSeed(long s) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation,
                dataType, s, batchNorm, init, auxSamples);
    }

    /** Copy with another activation. */
    public AdgmConfig withActivation(Activation a) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, a, dataType,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with other hidden widths. */
    public AdgmConfig withHidden(List<Integer> h) {
        return new AdgmConfig(inputSize, classes, h, auxSize, latentSize, form, auxiliary, alpha, activation, dataType,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with another input width (e.g. after {@link InputPruning}). */
    public AdgmConfig withInputSize(int d) {
        return new AdgmConfig(d, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation, dataType,
                seed, batchNorm, init, auxSamples);
    }

    /** Copy with batch norm in every hidden layer on or off. */
    public AdgmConfig withBatchNorm(boolean v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation,
                dataType, seed, v, init, auxSamples);
    }

    /** Copy with another initialisation scheme. */
    public AdgmConfig withInit(AdgmInit v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation,
                dataType, seed, batchNorm, v, auxSamples);
    }

    /** Copy with another number of samples of a per row in the loss. */
    public AdgmConfig withAuxSamples(int v) {
        return new AdgmConfig(inputSize, classes, hidden, auxSize, latentSize, form, auxiliary, alpha, activation,
                dataType, seed, batchNorm, init, v);
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
        if (batchNorm || init != AdgmInit.KIT || auxSamples != 1) { // older checkpoints keep their exact JSON
            o.addProperty("batchNorm", batchNorm);
            o.addProperty("init", init.name());
            o.addProperty("auxSamples", auxSamples);
        }
        return o;
    }

    /**
     * Parses {@link #toJson()}; missing or malformed fields give an IllegalArgumentException. Checkpoints written
     * before batch norm, the official initialisation and several samples of a existed read as (false, KIT, 1).
     */
    public static AdgmConfig fromJson(JsonObject o) {
        return ConfigChecks.parse(OWNER, o, () -> new AdgmConfig(o.get("inputSize").getAsInt(),
                o.get("classes").getAsInt(), ConfigChecks.list(o, "hidden"), o.get("auxSize").getAsInt(),
                o.get("latentSize").getAsInt(), GenerativeForm.valueOf(o.get("form").getAsString()),
                o.get("auxiliary").getAsBoolean(), o.get("alpha").getAsDouble(),
                Activation.valueOf(o.get("activation").getAsString()),
                DataType.valueOf(o.get("dataType").getAsString()), o.get("seed").getAsLong(),
                o.has("batchNorm") && o.get("batchNorm").getAsBoolean(),
                o.has("init") ? AdgmInit.valueOf(o.get("init").getAsString()) : AdgmInit.KIT,
                o.has("auxSamples") ? o.get("auxSamples").getAsInt() : 1));
    }
}
