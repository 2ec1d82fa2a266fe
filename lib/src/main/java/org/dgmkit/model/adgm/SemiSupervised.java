package org.dgmkit.model.adgm;

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
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
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
     * @param trainer    the trainer (model, history, checkpoints)
     * @param testErrors test error after each epoch of this run (empty without a test set)
     */
    public record Run(Trainer trainer, List<Double> testErrors) {
        /** The trained model. */
        public Adgm model() {
            return trainer.model(Adgm.class);
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
        return train(new Trainer(model, config).printTo(out), source, model, config, testX, testLabels, testSamples, out);
    }

    private static Run train(Trainer trainer, SemiSupervisedBatches source, Adgm model, TrainerConfig config,
                             INDArray testX, int[] testLabels, int testSamples, PrintStream out) {
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("SemiSupervised.train does not hold out validation rows (validationFraction "
                    + config.validationFraction() + "); pass a test set instead");
        }
        List<Double> errors = new ArrayList<>();
        if (testX != null) {
            if (testSamples < 1) {
                throw new IllegalArgumentException("testSamples must be >= 1, got " + testSamples);
            }
            int first = trainer.epochsDone();
            // the Trainer seeds epoch e's order with seed * 31 + e just after reseeding ND4J with seed + e
            source.onEpochStart(seed -> {
                long epoch = seed - config.seed() * 31;
                if (epoch > first) {
                    report(model, testX, testLabels, testSamples, (int) epoch, errors, out);
                    Nd4j.getRandom().setSeed(config.seed() + epoch); // evaluation must not shift training noise
                }
            });
        }
        trainer.fit(source, null);
        if (testX != null && trainer.epochsDone() > 0) {
            report(model, testX, testLabels, testSamples, trainer.epochsDone(), errors, out);
        }
        return new Run(trainer, Collections.unmodifiableList(errors));
    }

    /**
     * Like {@link #train(Adgm, MnistData, int[], TrainerConfig, MnistData, int)}, but first looks at the
     * checkpoint {@code path}: when it holds a finished run of the same model configuration and training
     * settings it is loaded (and its test error printed) instead of training; otherwise training starts
     * from scratch and checkpoints to {@code path} after every epoch.
     */
    public static Run trainOrLoad(Adgm model, MnistData train, int[] labelledRows, TrainerConfig config,
                                  MnistData test, int testSamples, Path path) {
        if (Files.exists(path)) {
            Checkpoint.Header h = Checkpoint.header(path);
            String why = h.mismatch(model, config);
            int done = h.counters().get("epochsDone").getAsInt();
            if (why == null && done >= config.epochs()) {
                Trainer t = Trainer.load(path);
                System.out.println("loaded " + path + " (" + done + " epochs)");
                List<Double> errors = new ArrayList<>();
                if (test != null) {
                    report(t.model(Adgm.class), test.images(), test.labels(), testSamples, done, errors, System.out);
                }
                return new Run(t, Collections.unmodifiableList(errors));
            }
            System.out.println("checkpoint " + path + (why != null ? " does not match (" + why + ")"
                    : " has only " + done + " epochs") + "; training anew");
        }
        MnistData labelled = labelled(model, train, labelledRows);
        Trainer trainer = new Trainer(model, config).checkpointTo(path);
        SemiSupervisedBatches source = new SemiSupervisedBatches(train.images(), labelled.images(),
                labelled.oneHot(model.config().classes()), LABELLED_PER_BATCH, true, model.parameters().dataType());
        return train(trainer, source, model, config, test == null ? null : test.images(),
                test == null ? null : test.labels(), testSamples, System.out);
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

    private static void report(Adgm model, INDArray x, int[] labels, int samples, int epoch, List<Double> errors,
                               PrintStream out) {
        model.setTraining(false);
        double e = model.testError(x, labels, samples);
        model.setTraining(true);
        errors.add(e);
        out.printf("epoch %d test error %.2f %% (%d samples of a)%n", epoch, 100 * e, samples);
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
