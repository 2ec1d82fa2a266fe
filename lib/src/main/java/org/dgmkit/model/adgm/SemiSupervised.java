package org.dgmkit.model.adgm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.Checkpoint;
import org.dgmkit.model.train.CheckpointException;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One-call semi-supervised training of an {@link Adgm} with the existing {@link Trainer}: batches of
 * {@code config.batchSize()} unlabelled rows plus {@value #LABELLED_PER_BATCH} labelled rows resampled from
 * the labelled set, inputs re-binarised for every batch, and the test error printed after every epoch when
 * a test set is given.
 *
 * <pre>{@code
 * MnistData train = Mnist.train();
 * Adgm model = new Adgm(AdgmConfig.paper());
 * SemiSupervised.Run run = SemiSupervised.train(model, train, train.balancedLabelled(10, 1),
 *         AdgmConfig.paperTrainer(10), Mnist.test(), 100);
 * }</pre>
 */
public final class SemiSupervised {
    /** Labelled rows per batch (the paper's 100). */
    public static final int LABELLED_PER_BATCH = 100;

    private SemiSupervised() {
    }

    /**
     * The outcome of a run.
     *
     * @param trainer          the trainer (model, history, checkpoints)
     * @param testErrors       test error after each evaluated epoch, all epochs of the checkpoint's run (empty
     *                         without a test set)
     * @param testEpochs       the epoch of every entry of {@code testErrors}
     * @param validationErrors error on the tuning split after the same epochs (empty without one)
     */
    public record Run(Trainer trainer, List<Double> testErrors, List<Integer> testEpochs,
                      List<Double> validationErrors) {
        /** The trained model. */
        public Adgm model() {
            return trainer.model(Adgm.class);
        }

        /** {epochs, test error in %} for a line plot. */
        public double[][] testCurve() {
            return new double[][] {testEpochs.stream().mapToDouble(Integer::doubleValue).toArray(),
                    testErrors.stream().mapToDouble(e -> 100 * e).toArray()};
        }

        /** Training wall time in seconds, summed over all epochs (resumed runs included). */
        public double trainingSeconds() {
            return trainer.history().epochs().stream().mapToDouble(TrainingHistory.Epoch::seconds).sum();
        }
    }

    /** Trains without a test set: unlabelled = all rows of {@code train}, labelled = {@code labelledRows}. */
    public static Run train(Adgm model, MnistData train, int[] labelledRows, TrainerConfig config) {
        return train(model, train, labelledRows, config, null, 0);
    }

    /**
     * Trains on all rows of {@code train} as unlabelled data and the rows {@code labelledRows} as labelled
     * data; after every epoch prints (and records) the error of q(y | a, x) on {@code test} averaged over
     * {@code testSamples} draws of a (no evaluation when {@code test} is null).
     */
    public static Run train(Adgm model, MnistData train, int[] labelledRows, TrainerConfig config, MnistData test,
                            int testSamples) {
        MnistData labelled = labelled(model, train, labelledRows);
        int classes = model.config().classes();
        return train(model, train.images(), labelled.images(), labelled.oneHot(classes), config,
                test == null ? null : test.images(), test == null ? null : test.labels(), testSamples, System.out);
    }

    /**
     * Array form of {@link #train(Adgm, MnistData, int[], TrainerConfig, MnistData, int)}: inputs in [0, 1]
     * (re-binarised every batch), one-hot labels; {@code testX}/{@code testLabels} may be null.
     */
    public static Run train(Adgm model, INDArray unlabelled, INDArray labelled, INDArray oneHot, TrainerConfig config,
                            INDArray testX, int[] testLabels, int testSamples, PrintStream out) {
        DataType dt = model.parameters().dataType();
        SemiSupervisedBatches source = new SemiSupervisedBatches(unlabelled, labelled, oneHot, LABELLED_PER_BATCH,
                true, dt);
        MnistData test = testX == null ? null : new MnistData(testX, testLabels);
        return train(new Trainer(model, config).printTo(out), source, config, test, null, testSamples, out);
    }

    private static Run train(Trainer trainer, SemiSupervisedBatches source, TrainerConfig config, MnistData test,
                             MnistData validation, int testSamples, PrintStream out) {
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("SemiSupervised.train does not hold out validation rows (validationFraction "
                    + config.validationFraction() + "); pass a tuning split instead");
        }
        if ((test != null || validation != null) && testSamples < 1) {
            throw new IllegalArgumentException("testSamples must be >= 1, got " + testSamples);
        }
        Curves curves = Curves.of(trainer.extras());
        if (test != null || validation != null) {
            trainer.afterEpoch(done -> {
                Adgm model = trainer.model(Adgm.class);
                double t = test == null ? Double.NaN : error(model, test, testSamples);
                double v = validation == null ? Double.NaN : error(model, validation, testSamples);
                curves.add(done, t, v);
                curves.saveTo(trainer.extras());
                out.printf("epoch %d%s%s (%d samples of a)%n", done,
                        test == null ? "" : String.format(" test error %.2f %%", 100 * t),
                        validation == null ? "" : String.format(" tuning-split error %.2f %%", 100 * v), testSamples);
            });
        }
        trainer.skipNonFiniteSteps(MAX_SKIPPED_STEPS);
        trainer.fit(source, null);
        return curves.run(trainer);
    }

    /** Non-finite steps skipped in a row before a run is stopped (the official code's users hit a NaN late on). */
    public static final int MAX_SKIPPED_STEPS = 20;

    /**
     * Like {@link #train(Adgm, MnistData, int[], TrainerConfig, MnistData, int)}, checkpointing after every
     * epoch to {@code path} and continuing from it: see
     * {@link #trainOrLoad(Adgm, MnistData, int[], TrainerConfig, MnistData, MnistData, int, Path, int)}.
     */
    public static Run trainOrLoad(Adgm model, MnistData train, int[] labelledRows, TrainerConfig config,
                                  MnistData test, int testSamples, Path path) {
        return trainOrLoad(model, train, labelledRows, config, test, null, testSamples, path, 1);
    }

    /**
     * Resumable training: when the checkpoint {@code path} exists and was made with the same model configuration,
     * training settings (all but the number of epochs) and data, a finished run is loaded and a shorter one is
     * continued where it stopped (parameters, Adam state, batch-norm averages, learning-rate schedule, random
     * streams, history and error curves), exactly as if it had never stopped; otherwise training starts from
     * {@code model}. Checkpoints are written atomically after every {@code checkpointEvery}-th epoch and the
     * last. A checkpoint that is corrupt or made for another run is never overwritten: a
     * {@link CheckpointException} names the file and what differs. {@code validation} (may be null) is the
     * tuning split whose error is recorded beside the test error after every epoch.
     */
    public static Run trainOrLoad(Adgm model, MnistData train, int[] labelledRows, TrainerConfig config,
                                  MnistData test, MnistData validation, int testSamples, Path path,
                                  int checkpointEvery) {
        MnistData labelled = labelled(model, train, labelledRows);
        JsonObject data = dataJson(train, labelledRows);
        Trainer trainer;
        if (Files.exists(path)) {
            Checkpoint.Header h = Checkpoint.header(path);
            String why = h.mismatch(model, config);
            JsonObject saved = h.json().has("extras") ? h.json().getAsJsonObject("extras").getAsJsonObject("data") : null;
            if (why == null && saved != null && !saved.equals(data)) {
                why = "training data differ: saved " + saved + ", wanted " + data;
            }
            if (why != null) {
                throw new CheckpointException(path, "made for another run, left as it is (delete it or choose another "
                        + "file to train anew): " + why, null);
            }
            trainer = Trainer.load(path, config);
            if (trainer.epochsDone() >= config.epochs()) {
                System.out.println("loaded " + path + " (" + trainer.epochsDone() + " epochs)");
                Run run = Curves.of(trainer.extras()).run(trainer);
                if (run.testErrors().isEmpty() && test != null) {
                    double e = error(run.model(), test, testSamples);
                    System.out.printf("epoch %d test error %.2f %% (%d samples of a)%n", trainer.epochsDone(), 100 * e,
                            testSamples);
                    return new Run(trainer, List.of(e), List.of(trainer.epochsDone()), List.of());
                }
                return run;
            }
            System.out.println("resuming " + path + " after epoch " + trainer.epochsDone() + " of " + config.epochs());
        } else {
            trainer = new Trainer(model, config);
        }
        trainer.extras().add("data", data);
        trainer.checkpointTo(path).checkpointEvery(checkpointEvery);
        SemiSupervisedBatches source = new SemiSupervisedBatches(train.images(), labelled.images(),
                labelled.oneHot(model.config().classes()), LABELLED_PER_BATCH, true, model.parameters().dataType());
        return train(trainer, source, config, test, validation, testSamples, System.out);
    }

    /**
     * {@code dir/name-<8 hex digits>.zip}, the digits a hash of the model configuration and of the training settings
     * other than the number of epochs: runs that differ in a setting get their own file, and asking for more epochs
     * finds the shorter run's file and resumes it.
     */
    public static Path checkpointFile(Path dir, String name, AdgmConfig model, TrainerConfig config) {
        JsonObject t = config.toJson();
        t.remove("epochs");
        t.remove("progress");
        String key = model.toJson().toString() + t;
        return dir.resolve(String.format("%s-%08x.zip", name, key.hashCode()));
    }

    /** What identifies the training data of a checkpoint: unlabelled rows, width, labelled rows and labels. */
    private static JsonObject dataJson(MnistData train, int[] labelledRows) {
        JsonObject o = new JsonObject();
        o.addProperty("unlabelled", train.size());
        o.addProperty("width", train.images().columns());
        JsonArray rows = new JsonArray();
        JsonArray labels = new JsonArray();
        for (int r : labelledRows) {
            rows.add(r);
            labels.add(train.labels()[r]);
        }
        o.add("labelledRows", rows);
        o.add("labels", labels);
        return o;
    }

    /** Per-epoch error curves kept in a trainer's extras (so checkpoints carry them). */
    private record Curves(List<Integer> epochs, List<Double> test, List<Double> validation) {
        static Curves of(JsonObject extras) {
            Curves c = new Curves(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            if (extras.has("errors")) {
                for (JsonElement e : extras.getAsJsonArray("errors")) {
                    JsonObject o = e.getAsJsonObject();
                    c.add(o.get("epoch").getAsInt(), number(o, "test"), number(o, "validation"));
                }
            }
            return c;
        }

        private static double number(JsonObject o, String key) {
            return o.has(key) ? o.get(key).getAsDouble() : Double.NaN;
        }

        void add(int epoch, double t, double v) {
            int i = epochs.indexOf(epoch);
            if (i >= 0) { // an epoch evaluated again (a run resumed from an older checkpoint): keep the latest
                epochs.remove(i);
                test.remove(i);
                validation.remove(i);
            }
            epochs.add(epoch);
            test.add(t);
            validation.add(v);
        }

        void saveTo(JsonObject extras) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < epochs.size(); i++) {
                JsonObject o = new JsonObject();
                o.addProperty("epoch", epochs.get(i));
                if (!test.get(i).isNaN()) {
                    o.addProperty("test", test.get(i));
                }
                if (!validation.get(i).isNaN()) {
                    o.addProperty("validation", validation.get(i));
                }
                a.add(o);
            }
            extras.add("errors", a);
        }

        Run run(Trainer t) {
            List<Integer> te = new ArrayList<>();
            List<Double> tv = new ArrayList<>();
            List<Double> vv = new ArrayList<>();
            for (int i = 0; i < epochs.size(); i++) {
                if (!test.get(i).isNaN()) {
                    te.add(epochs.get(i));
                    tv.add(test.get(i));
                }
                if (!validation.get(i).isNaN()) {
                    vv.add(validation.get(i));
                }
            }
            return new Run(t, Collections.unmodifiableList(tv), Collections.unmodifiableList(te),
                    Collections.unmodifiableList(vv));
        }
    }

    private static MnistData labelled(Adgm model, MnistData train, int[] labelledRows) {
        if (labelledRows == null || labelledRows.length == 0) {
            throw new IllegalArgumentException("SemiSupervised.train needs at least one labelled row");
        }
        MnistData labelled = train.subset(labelledRows);
        int classes = model.config().classes();
        for (int l : labelled.labels()) {
            if (l < 0 || l >= classes) {
                throw new IllegalArgumentException("label " + l + " outside [0, " + classes + ") of the model");
            }
        }
        return labelled;
    }

    private static double error(Adgm model, MnistData data, int samples) {
        return model.testError(data.images(), data.labels(), samples);
    }

    /**
     * A random batch shaped like the paper's ({@code labelled} labelled rows with one-hot labels and
     * {@code unlabelled} unlabelled rows, binary inputs), for benchmarks.
     */
    public static Batch syntheticBatch(AdgmConfig config, int labelled, int unlabelled, long seed) {
        Nd4j.getRandom().setSeed(seed);
        DataType dt = config.dataType();
        INDArray xl = Nd4j.rand(dt, labelled, config.inputSize()).lt(0.5).castTo(dt);
        INDArray xu = Nd4j.rand(dt, unlabelled, config.inputSize()).lt(0.5).castTo(dt);
        INDArray y = Nd4j.zeros(dt, labelled, config.classes());
        for (int i = 0; i < labelled; i++) {
            y.putScalar(i, i % config.classes(), 1.0);
        }
        return new Batch(xl, y, xu);
    }

    /**
     * Wall-clock seconds of one training step on {@code batch}: zero the gradients, loss and gradients,
     * and a plain gradient step with rate 3e-4 (the optimiser's cost is the same for every model).
     */
    public static double timedStep(Adgm model, Batch batch) {
        long t0 = System.nanoTime();
        model.parameters().zeroGradients();
        double loss = model.lossAndGradients(batch, new StepContext(0, 0, 1.0));
        model.parameters().values().subi(model.parameters().gradients().mul(3e-4));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("timedStep: non-finite loss " + loss);
        }
        return seconds;
    }

    /**
     * A benchmark step for {@code TrainBenchmark}: step i trains {@code model} with Adam (3e-4) on
     * {@code unlabelledPerBatch} consecutive rows of {@code images} (cycling) as unlabelled data plus the
     * first {@code labelledPerBatch} rows with synthetic labels (row r has label r mod classes; timing does
     * not depend on the labels). Inputs are used as given (binarise beforehand if wanted).
     */
    public static IntConsumer benchmarkStep(Adgm model, INDArray images, int labelledPerBatch, int unlabelledPerBatch) {
        DataType dt = model.parameters().dataType();
        INDArray data = images.dataType() == dt ? images : images.castTo(dt);
        if (data.rows() < Math.max(labelledPerBatch, unlabelledPerBatch)) {
            throw new IllegalArgumentException("benchmarkStep needs at least " + Math.max(labelledPerBatch,
                    unlabelledPerBatch) + " rows, got " + data.rows());
        }
        int classes = model.config().classes();
        INDArray xl = data.get(NDArrayIndex.interval(0, labelledPerBatch), NDArrayIndex.all()).dup();
        INDArray yl = Nd4j.zeros(dt, labelledPerBatch, classes);
        for (int i = 0; i < labelledPerBatch; i++) {
            yl.putScalar(i, i % classes, 1.0);
        }
        var ps = model.parameters();
        Adam adam = new Adam(3e-4);
        GradientUpdater updater = adam.instantiate(Nd4j.create(dt, 1, adam.stateSize(ps.size())), true);
        long batches = data.rows() / unlabelledPerBatch;
        Nd4j.getRandom().setSeed(1);
        return step -> {
            long from = (step % batches) * unlabelledPerBatch;
            INDArray xu = data.get(NDArrayIndex.interval(from, from + unlabelledPerBatch), NDArrayIndex.all());
            ps.zeroGradients();
            model.lossAndGradients(new Batch(xl, yl, xu), new StepContext(0, step, 1.0));
            updater.applyUpdater(ps.gradients(), step, 0);
            ps.values().subi(ps.gradients());
        };
    }

    /** Label counts 0..classes-1 of the given rows, e.g. to check a labelled subset is balanced. */
    public static int[] labelCounts(MnistData data, int[] rows, int classes) {
        int[] c = new int[classes];
        Arrays.stream(rows).forEach(r -> c[data.labels()[r]]++);
        return c;
    }
}
