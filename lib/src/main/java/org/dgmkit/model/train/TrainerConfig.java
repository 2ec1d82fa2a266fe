package org.dgmkit.model.train;

import com.google.gson.JsonObject;

/**
 * Settings of a {@link Trainer} run. Start from {@link #defaults()} and change fields with the
 * {@code with...} methods, e.g. {@code TrainerConfig.defaults().withEpochs(5).withBatchSize(100)}.
 *
 * @param epochs             number of passes over the training data
 * @param batchSize          examples per step (the last batch of an epoch may be smaller)
 * @param learningRate       Adam's initial learning rate
 * @param lrDecayEvery       multiply the rate by {@code lrDecayFactor} every this many epochs (0 = constant)
 * @param lrDecayFactor      step-decay factor gamma in (0, 1]
 * @param lrFloor            the rate never drops below this
 * @param warmupEpochs       KL weight rises linearly from 0 to 1 over this many epochs (0 = always 1)
 * @param clipNorm           rescale the gradient when its L2 norm exceeds this (0 = no clipping)
 * @param seed               seed of shuffling and of ND4J's generator (reseeded per epoch: seed + epoch)
 * @param validationFraction fraction of the data held out for validation by {@code fit(model, x)} (0 = none)
 * @param patience           stop after this many epochs without a better validation loss (0 = never stop early)
 * @param progress           print a progress bar on stdout
 */
public record TrainerConfig(int epochs, int batchSize, double learningRate, int lrDecayEvery, double lrDecayFactor,
                            double lrFloor, int warmupEpochs, double clipNorm, long seed, double validationFraction,
                            int patience, boolean progress) {

    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public TrainerConfig {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
        require(lrDecayEvery >= 0, "lrDecayEvery must be >= 0, got " + lrDecayEvery);
        require(lrDecayFactor > 0 && lrDecayFactor <= 1, "lrDecayFactor must be in (0, 1], got " + lrDecayFactor);
        require(lrFloor >= 0 && lrFloor <= learningRate, "lrFloor must be in [0, learningRate], got " + lrFloor);
        require(warmupEpochs >= 0, "warmupEpochs must be >= 0, got " + warmupEpochs);
        require(clipNorm >= 0, "clipNorm must be >= 0 (0 = off), got " + clipNorm);
        require(validationFraction >= 0 && validationFraction < 1,
                "validationFraction must be in [0, 1), got " + validationFraction);
        require(patience >= 0, "patience must be >= 0 (0 = off), got " + patience);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TrainerConfig: " + message);
        }
    }

    /** 10 epochs, batch 100, Adam 1e-3 constant, no warm-up, no clipping, seed 42, no validation, progress on. */
    public static TrainerConfig defaults() {
        return new TrainerConfig(10, 100, 1e-3, 0, 1.0, 0.0, 0, 0.0, 42L, 0.0, 0, true);
    }

    /** Learning rate for a 0-based epoch: step decay with floor. */
    public double learningRateAt(int epoch) {
        if (lrDecayEvery == 0) {
            return learningRate;
        }
        return Math.max(lrFloor, learningRate * Math.pow(lrDecayFactor, epoch / lrDecayEvery));
    }

    /** KL weight after {@code progressEpochs} (fractional) epochs of training. */
    public double klWeightAt(double progressEpochs) {
        return warmupEpochs == 0 ? 1.0 : Math.min(1.0, progressEpochs / warmupEpochs);
    }

    /** Copy with another number of epochs. */
    public TrainerConfig withEpochs(int v) {
        return new TrainerConfig(v, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                clipNorm, seed, validationFraction, patience, progress);
    }

    /** Copy with another batch size. */
    public TrainerConfig withBatchSize(int v) {
        return new TrainerConfig(epochs, v, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                clipNorm, seed, validationFraction, patience, progress);
    }

    /** Copy with another constant learning rate (keeps the decay settings; the floor is capped at the rate). */
    public TrainerConfig withLearningRate(double v) {
        return new TrainerConfig(epochs, batchSize, v, lrDecayEvery, lrDecayFactor, Math.min(lrFloor, v), warmupEpochs,
                clipNorm, seed, validationFraction, patience, progress);
    }

    /** Copy with step decay: rate * factor every {@code every} epochs, never below {@code floor}. */
    public TrainerConfig withStepDecay(int every, double factor, double floor) {
        return new TrainerConfig(epochs, batchSize, learningRate, every, factor, floor, warmupEpochs, clipNorm, seed,
                validationFraction, patience, progress);
    }

    /** Copy with a linear KL warm-up over {@code v} epochs. */
    public TrainerConfig withWarmupEpochs(int v) {
        return new TrainerConfig(epochs, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, v, clipNorm,
                seed, validationFraction, patience, progress);
    }

    /** Copy with gradient-norm clipping at {@code v} (0 = off). */
    public TrainerConfig withClipNorm(double v) {
        return new TrainerConfig(epochs, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                v, seed, validationFraction, patience, progress);
    }

    /** Copy with another seed. */
    public TrainerConfig withSeed(long v) {
        return new TrainerConfig(epochs, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                clipNorm, v, validationFraction, patience, progress);
    }

    /** Copy with a validation split and early-stopping patience (0 = no early stopping). */
    public TrainerConfig withValidation(double fraction, int patienceEpochs) {
        return new TrainerConfig(epochs, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                clipNorm, seed, fraction, patienceEpochs, progress);
    }

    /** Copy with the progress bar on or off. */
    public TrainerConfig withProgress(boolean v) {
        return new TrainerConfig(epochs, batchSize, learningRate, lrDecayEvery, lrDecayFactor, lrFloor, warmupEpochs,
                clipNorm, seed, validationFraction, patience, v);
    }

    /** JSON form (for checkpoints). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("epochs", epochs);
        o.addProperty("batchSize", batchSize);
        o.addProperty("learningRate", learningRate);
        o.addProperty("lrDecayEvery", lrDecayEvery);
        o.addProperty("lrDecayFactor", lrDecayFactor);
        o.addProperty("lrFloor", lrFloor);
        o.addProperty("warmupEpochs", warmupEpochs);
        o.addProperty("clipNorm", clipNorm);
        o.addProperty("seed", seed);
        o.addProperty("validationFraction", validationFraction);
        o.addProperty("patience", patience);
        o.addProperty("progress", progress);
        return o;
    }

    /** Parses {@link #toJson()}. */
    public static TrainerConfig fromJson(JsonObject o) {
        try {
            return new TrainerConfig(o.get("epochs").getAsInt(), o.get("batchSize").getAsInt(),
                    o.get("learningRate").getAsDouble(), o.get("lrDecayEvery").getAsInt(),
                    o.get("lrDecayFactor").getAsDouble(), o.get("lrFloor").getAsDouble(),
                    o.get("warmupEpochs").getAsInt(), o.get("clipNorm").getAsDouble(), o.get("seed").getAsLong(),
                    o.get("validationFraction").getAsDouble(), o.get("patience").getAsInt(),
                    o.get("progress").getAsBoolean());
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new IllegalArgumentException("malformed trainer configuration JSON: " + o, e);
        }
    }

    /**
     * The settings that shape the trajectory (everything but epochs and progress), for checkpoint matching:
     * a checkpoint with fewer epochs and the same identity can be continued exactly.
     */
    JsonObject identityJson() {
        JsonObject o = toJson();
        o.remove("progress");
        o.remove("epochs");
        return o;
    }
}
