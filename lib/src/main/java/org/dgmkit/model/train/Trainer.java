package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.ParameterSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Minibatch training of any {@link TrainableModel} with Adam on the model's flat parameter buffer (ND4J's Adam
 * formula and state layout, FLOAT buffers updated in one fused pass by {@code FlatAdam}):
 * learning-rate step decay, linear KL warm-up, gradient-norm clipping, validation with early stopping,
 * a progress bar, a {@link TrainingHistory}, and checkpoints after every epoch.
 *
 * <p>Determinism: at the start of epoch e, ND4J's generator is reseeded with {@code seed + e} and the data
 * order is drawn from {@code seed * 31 + e}, so the same seed gives the same losses and a run resumed from
 * an epoch-end checkpoint continues exactly as the uninterrupted run would have.
 *
 * <pre>{@code
 * Vae vae = new Vae(VaeConfig.mnist());
 * Trainer t = new Trainer(vae, TrainerConfig.defaults().withEpochs(5));
 * TrainingHistory h = t.fit(xTrain);
 * }</pre>
 */
public final class Trainer {
    private final TrainableModel model;
    private final TrainerConfig config;
    private final Adam adam;
    private final INDArray updaterState;
    private final FlatAdam updater;
    private TrainingHistory history = new TrainingHistory();
    private int epochsDone;
    private long iteration;
    private double bestValLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private boolean stoppedEarly;
    private INDArray bestValues;
    private INDArray bestState;
    private Path checkpointPath;
    private int checkpointEvery = 1;
    private int maxSkippedSteps;
    private long skippedSteps;
    private JsonObject extras = new JsonObject();
    private java.util.function.IntConsumer afterEpoch;
    private PrintStream out = System.out;

    /** A trainer at epoch 0 with a fresh Adam state. */
    public Trainer(TrainableModel model, TrainerConfig config) {
        this.model = model;
        this.config = config;
        ParameterSpace ps = model.parameters();
        this.adam = new Adam(config.learningRate());
        this.updaterState = Nd4j.create(ps.dataType(), 1, adam.stateSize(ps.size()));
        this.updater = new FlatAdam(adam, updaterState);
    }

    /** The model being trained. */
    public TrainableModel model() {
        return model;
    }

    /** The model cast to its class, e.g. {@code trainer.model(Vae.class)}. */
    public <T> T model(Class<T> type) {
        return type.cast(model);
    }

    /** The configuration. */
    public TrainerConfig config() {
        return config;
    }

    /** Epochs completed so far. */
    public int epochsDone() {
        return epochsDone;
    }

    /** Optimiser steps taken so far. */
    public long iteration() {
        return iteration;
    }

    /** True when early stopping ended the run. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The per-epoch history. */
    public TrainingHistory history() {
        return history;
    }

    /** Adam's state (first and second moments), shape [1, 2 * parameters]. */
    public INDArray updaterState() {
        return updaterState;
    }

    /** Saves a checkpoint to {@code path} after every epoch (null: never). Returns this. */
    public Trainer checkpointTo(Path path) {
        this.checkpointPath = path;
        return this;
    }

    /**
     * Writes the checkpoint only after every {@code n}-th epoch (and after the last one). Returns this.
     */
    public Trainer checkpointEvery(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("checkpointEvery needs n >= 1, got " + n);
        }
        this.checkpointEvery = n;
        return this;
    }

    /**
     * Guard against a rare numerical blow-up late in training: a step whose loss or gradient is not finite is
     * skipped (parameters, Adam state and the model's state such as batch-norm averages left as they were) and
     * counted; more than {@code maxConsecutive} such steps in a row still stop the run. 0 (default): stop at the
     * first. Returns this.
     */
    public Trainer skipNonFiniteSteps(int maxConsecutive) {
        if (maxConsecutive < 0) {
            throw new IllegalArgumentException("skipNonFiniteSteps needs maxConsecutive >= 0, got " + maxConsecutive);
        }
        this.maxSkippedSteps = maxConsecutive;
        return this;
    }

    /** Steps skipped so far by {@link #skipNonFiniteSteps(int)} (saved in checkpoints). */
    public long skippedSteps() {
        return skippedSteps;
    }

    /**
     * Free-form JSON saved with every checkpoint and restored on load, for callers that keep their own per-epoch
     * records (e.g. a test error per epoch). Mutable; never null.
     */
    public JsonObject extras() {
        return extras;
    }

    /**
     * Called with the number of epochs done after every epoch, before its checkpoint is written (so what the
     * callback puts into {@link #extras()} is saved with it). Returns this.
     */
    public Trainer afterEpoch(java.util.function.IntConsumer callback) {
        this.afterEpoch = callback;
        return this;
    }

    /**
     * Loads a checkpoint to continue it under {@code config} (e.g. more epochs); the caller checks first that the
     * checkpoint matches ({@link Checkpoint.Header#mismatch}).
     */
    public static Trainer load(Path path, TrainerConfig config) {
        return Checkpoint.read(path, config);
    }

    /** Where progress goes (default System.out). Returns this. */
    public Trainer printTo(PrintStream stream) {
        this.out = stream;
        return this;
    }

    /**
     * Trains on the rows of {@code x}; when the config asks for validation, a seeded random
     * {@code validationFraction} of the rows is held out (the same rows for the same seed).
     */
    public TrainingHistory fit(INDArray x) {
        if (config.validationFraction() == 0) {
            return fit(new ArrayBatchSource(x, model.parameters().dataType()), null);
        }
        INDArray[] split = split(x, config.validationFraction(), config.seed());
        return fit(new ArrayBatchSource(split[0], model.parameters().dataType()),
                new ArrayBatchSource(split[1], null, model.parameters().dataType(), false));
    }

    /**
     * The gradient's 2-norm: summed in Java for small models (ND4J's reduction costs more to launch than a few
     * thousand entries take, and the detectors' models train thousands of steps per series), else by ND4J (its
     * reduction runs on every core, which a million-entry gradient needs).
     */
    static double norm2(INDArray g) {
        if (g.length() > SMALL_GRADIENT) {
            return g.norm2Number().doubleValue();
        }
        Elements e = Elements.of(g);
        double s = 0;
        for (int r = 0; r < e.rows; r++) {
            int o = e.at(r);
            for (int c = 0; c < e.cols; c++) {
                double v = e.get(o + c);
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** Largest gradient {@link #norm2} sums in Java. */
    static final long SMALL_GRADIENT = 65_536;

    /** Splits rows into [train, validation] with a permutation drawn from {@code seed}. */
    public static INDArray[] split(INDArray x, double validationFraction, long seed) {
        int n = (int) x.rows();
        int nVal = (int) Math.round(n * validationFraction);
        if (nVal < 1 || nVal >= n) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + n
                    + " rows leaves an empty training or validation set");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] tr = java.util.Arrays.copyOfRange(perm, 0, n - nVal);
        int[] va = java.util.Arrays.copyOfRange(perm, n - nVal, n);
        return new INDArray[] {Nd4j.pullRows(x, 1, tr), Nd4j.pullRows(x, 1, va)};
    }

    /**
     * Trains from the current epoch up to {@code config.epochs()} (or until early stopping), validating on
     * {@code validation} after every epoch when it is not null.
     */
    public TrainingHistory fit(BatchSource train, BatchSource validation) {
        ParameterSpace ps = model.parameters();
        INDArray values = ps.values();
        INDArray grads = ps.gradients();
        int batchSize = config.batchSize();
        try {
            return fitEpochs(train, validation, ps, values, grads, batchSize);
        } finally {
            ps.settleGradients(); // a step that failed between the loss and the update leaves whole gradients
        }
    }

    /**
     * {@code model.lossAndGradients} with the split step's merge deferred ({@link ParameterSpace#deferReplicaMerge}):
     * the second half's gradient stays in its own buffer for {@link FlatAdam#update(INDArray, INDArray, INDArray, int,
     * int)} to add in its pass, one pass over the buffers instead of two (the same values bit for bit). On only for
     * this call, so whatever else runs during fit (validation, the afterEpoch callback) sees merged gradients.
     */
    private double deferredStep(ParameterSpace ps, Batch batch, StepContext ctx) {
        boolean was = ps.defersReplicaMerge();
        ps.deferReplicaMerge(true);
        try {
            return model.lossAndGradients(batch, ctx);
        } finally {
            ps.deferReplicaMerge(was);
        }
    }

    private TrainingHistory fitEpochs(BatchSource train, BatchSource validation, ParameterSpace ps, INDArray values,
                                      INDArray grads, int batchSize) {
        for (int epoch = epochsDone; epoch < config.epochs() && !stoppedEarly; epoch++) {
            long t0 = System.nanoTime();
            double lr = config.learningRateAt(epoch);
            adam.setLearningRate(lr);
            Nd4j.getRandom().setSeed(config.seed() + epoch);
            train.startEpoch(config.seed() * 31 + epoch);
            model.setTraining(true);
            int nb = train.batchCount(batchSize);
            ProgressBar bar = config.progress()
                    ? new ProgressBar(out, String.format("epoch %d/%d", epoch + 1, config.epochs()), nb) : null;
            double sum = 0;
            long count = 0;
            double beta = 1;
            boolean gradientsZero = false; // FlatAdam.update leaves them zero for the next step
            int badInARow = 0;
            INDArray stateBefore = maxSkippedSteps > 0 ? ps.state().dup() : null;
            for (int i = 0; i < nb; i++) {
                Batch batch = train.batch(i, batchSize);
                beta = config.klWeightAt(epoch + (i + 1) / (double) nb);
                if (!gradientsZero) {
                    ps.zeroGradients();
                }
                gradientsZero = false;
                if (stateBefore != null) {
                    stateBefore.assign(ps.state());
                }
                double loss = deferredStep(ps, batch, new StepContext(epoch, iteration, beta));
                boolean checkNorm = config.clipNorm() > 0 || stateBefore != null;
                if (checkNorm || !Double.isFinite(loss)) {
                    ps.settleGradients(); // the norm, the clipping and a skipped step need the whole gradient
                }
                double norm = checkNorm && Double.isFinite(loss) ? norm2(grads) : Double.NaN;
                if (!Double.isFinite(loss) || checkNorm && !Double.isFinite(norm)) {
                    if (++badInARow > maxSkippedSteps) {
                        if (bar != null) {
                            bar.finish("stopped");
                        }
                        throw new IllegalStateException("training diverged: loss " + loss + ", gradient norm " + norm
                                + " at epoch " + (epoch + 1) + ", batch " + (i + 1) + "/" + nb
                                + (maxSkippedSteps > 0 ? " after " + maxSkippedSteps + " skipped steps in a row" : "")
                                + " (try a lower learning rate or clipNorm)");
                    }
                    skippedSteps++;
                    ps.state().assign(stateBefore);
                    out.printf("%nskipped step at epoch %d, batch %d/%d: loss %s, gradient norm %s (%d skipped so far)%n",
                            epoch + 1, i + 1, nb, loss, norm, skippedSteps);
                    continue;
                }
                badInARow = 0;
                if (config.clipNorm() > 0 && norm > config.clipNorm()) {
                    grads.muli(config.clipNorm() / norm);
                }
                // adds a split step's second half in its pass (see deferredStep); also zeroes both buffers
                updater.update(values, grads, ps.takePendingReplicaGradients(), (int) iteration, epoch);
                gradientsZero = true;
                iteration++;
                sum += loss * batch.examples();
                count += batch.examples();
                if (bar != null) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    bar.update(i + 1, sum / count, count / Math.max(secs, 1e-9));
                }
            }
            double trainLoss = sum / count;
            double valLoss = Double.NaN;
            if (validation != null) {
                valLoss = evaluate(validation, config.seed() + epoch + 0x7F4A7C15L);
                model.setTraining(true);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            history.add(new TrainingHistory.Epoch(epoch + 1, trainLoss, valLoss, lr, beta, seconds));
            epochsDone = epoch + 1;
            String earlyNote = "";
            if (validation != null) {
                if (valLoss < bestValLoss) {
                    bestValLoss = valLoss;
                    badEpochs = 0;
                    if (config.patience() > 0) {
                        bestValues = values.dup();
                        bestState = ps.state().dup();
                    }
                } else {
                    badEpochs++;
                    if (config.patience() > 0 && badEpochs >= config.patience()) {
                        stoppedEarly = true;
                        values.assign(bestValues);
                        ps.state().assign(bestState);
                        earlyNote = String.format(" | early stop, restored best val %.4f", bestValLoss);
                    }
                }
            }
            if (bar != null) {
                bar.finish(String.format("train loss %.4f%s lr %.2g %.1fs (%,.0f samples/s)%s", trainLoss,
                        validation != null ? String.format(" val loss %.4f", valLoss) : "", lr, seconds,
                        count / seconds, earlyNote));
            }
            if (afterEpoch != null) {
                afterEpoch.accept(epochsDone);
                model.setTraining(true);
            }
            if (checkpointPath != null && (epochsDone % checkpointEvery == 0 || epochsDone == config.epochs()
                    || stoppedEarly)) {
                save(checkpointPath);
            }
        }
        return history;
    }

    /** Mean loss (KL weight 1) over all batches of {@code source}, in evaluation mode, noise seeded. */
    public double evaluate(BatchSource source, long seed) {
        model.setTraining(false);
        Nd4j.getRandom().setSeed(seed);
        source.startEpoch(seed);
        int nb = source.batchCount(config.batchSize());
        double sum = 0;
        long count = 0;
        for (int i = 0; i < nb; i++) {
            Batch b = source.batch(i, config.batchSize());
            sum += model.loss(b) * b.examples();
            count += b.examples();
        }
        return sum / count;
    }

    /** Writes model, configurations, Adam state, counters and history to one zip file. */
    public void save(Path path) {
        Checkpoint.write(path, this);
    }

    /** Loads a checkpoint written by {@link #save}: the model, its Adam state and counters, ready to continue. */
    public static Trainer load(Path path) {
        return Checkpoint.read(path, null);
    }

    /**
     * Returns the trainer of a finished checkpoint at {@code path} if it was made with the same model
     * configuration and the same training settings; continues a shorter matching one; else trains
     * {@code freshModel} from scratch. Checkpoints after every epoch to {@code path}.
     */
    public static Trainer trainOrLoad(TrainableModel freshModel, TrainerConfig config, Path path, INDArray x) {
        Trainer t = null;
        if (Files.exists(path)) {
            Checkpoint.Header h = Checkpoint.header(path);
            String why = h.mismatch(freshModel, config);
            if (why == null) {
                t = Checkpoint.read(path, config);
                if (t.epochsDone() >= config.epochs() || t.stoppedEarly()) {
                    if (config.progress()) {
                        System.out.println("loaded " + path + " (" + t.epochsDone() + " epochs)");
                    }
                    return t;
                }
                if (config.progress()) {
                    System.out.println("resuming " + path + " after epoch " + t.epochsDone());
                }
            } else if (config.progress()) {
                System.out.println("checkpoint " + path + " does not match (" + why + "); training anew");
            }
        }
        if (t == null) {
            t = new Trainer(freshModel, config);
        }
        t.checkpointTo(path);
        t.fit(x);
        return t;
    }

    // ---- state access for Checkpoint ----

    JsonObject countersJson() {
        JsonObject o = new JsonObject();
        o.addProperty("epochsDone", epochsDone);
        o.addProperty("iteration", iteration);
        o.addProperty("bestValLoss", Double.toString(bestValLoss));
        o.addProperty("badEpochs", badEpochs);
        o.addProperty("stoppedEarly", stoppedEarly);
        if (skippedSteps > 0) {
            o.addProperty("skippedSteps", skippedSteps);
        }
        return o;
    }

    void restoreCounters(JsonObject o, TrainingHistory h) {
        epochsDone = o.get("epochsDone").getAsInt();
        iteration = o.get("iteration").getAsLong();
        bestValLoss = Double.parseDouble(o.get("bestValLoss").getAsString());
        badEpochs = o.get("badEpochs").getAsInt();
        stoppedEarly = o.get("stoppedEarly").getAsBoolean();
        skippedSteps = o.has("skippedSteps") ? o.get("skippedSteps").getAsLong() : 0;
        history = h;
    }

    void restoreExtras(JsonObject o) {
        extras = o == null ? new JsonObject() : o;
    }

    INDArray bestValues() {
        return bestValues;
    }

    INDArray bestState() {
        return bestState;
    }

    void restoreBest(INDArray values, INDArray state) {
        bestValues = values;
        bestState = state;
    }
}
