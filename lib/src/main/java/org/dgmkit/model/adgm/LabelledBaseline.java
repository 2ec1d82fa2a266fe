package org.dgmkit.model.adgm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.BinarizingBatchSource;
import org.dgmkit.model.train.ModelBase;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The labelled-only baseline of a semi-supervised run: the classifier network of the model without auxiliary
 * variable, q(y | x) (an MLP with the configuration's hidden widths, activation and batch norm, then softmax),
 * trained by cross-entropy on the labelled digits alone (re-binarised every step). What it reaches is what the
 * labels give; the gap to an {@link Adgm} trained on the same labels is what the unlabelled digits add.
 */
public final class LabelledBaseline extends ModelBase<AdgmConfig> {
    /** Type name (not registered: the baseline trains in seconds and is not checkpointed). */
    public static final String TYPE = "labelled-baseline";
    private static final int CHUNK = 2000;
    private final ConcatNet net;
    private final DenseLayer out;
    private boolean training = true;

    /** The classifier of {@code config} (its inputSize, classes, hidden, activation, batchNorm, init, seed). */
    public LabelledBaseline(AdgmConfig config) {
        super(TYPE, config);
        net = new ConcatNet(params, "qy", new int[] {config.inputSize()}, config.hidden(), config.activation(),
                config.batchNorm());
        out = new DenseLayer(params, "qy.out", net.outputWidth(), config.classes(), Activation.IDENTITY,
                WeightInit.XAVIER);
        params.allocate(config.seed());
        if (config.init() == AdgmInit.OFFICIAL) {
            Nd4j.getRandom().setSeed(config.seed() * 31 + 7);
            Activation a = config.activation();
            net.initialiseOfficial(a == Activation.RELU || a == Activation.LEAKY_RELU ? Math.sqrt(2) : 1);
        }
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
        net.setTraining(training);
    }

    /** Mean cross-entropy of the labelled rows of {@code batch} (x, one-hot y). */
    @Override
    protected double batchLoss(Batch batch, double klWeight, boolean withGradients) {
        if (batch.x() == null || batch.y() == null) {
            throw new IllegalArgumentException("LabelledBaseline trains on labelled rows (x and one-hot y) only");
        }
        INDArray x = typed(batch.x());
        INDArray y = batch.y().castTo(config.dataType());
        long n = x.rows();
        INDArray logits = out.forward(net.forward(x));
        INDArray logP = Adgm.logSoftmax(logits);
        double loss = -logP.mul(y).sumNumber().doubleValue() / n;
        if (withGradients) {
            INDArray g = Transforms.exp(logP, true).subi(y).divi(n);
            net.backward(out.backward(g, true), false);
        }
        return loss;
    }

    /** Class probabilities [n, classes] (batch norm on its running averages). */
    public INDArray classify(INDArray x) {
        boolean was = training;
        setTraining(false);
        try {
            x = typed(x);
            INDArray probs = Nd4j.create(config.dataType(), x.rows(), config.classes());
            for (long from = 0; from < x.rows(); from += CHUNK) {
                long to = Math.min(x.rows(), from + CHUNK);
                INDArray xc = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
                probs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                        .assign(Transforms.exp(Adgm.logSoftmax(out.forward(net.forward(xc))), false));
            }
            return probs;
        } finally {
            setTraining(was);
        }
    }

    /** Fraction of the (grey-level) images of {@code data} whose most probable class is not their label. */
    public double testError(MnistData data) {
        int[] p = classify(data.images()).argMax(1).toIntVector();
        int wrong = 0;
        for (int i = 0; i < p.length; i++) {
            wrong += p[i] != data.labels()[i] ? 1 : 0;
        }
        return wrong / (double) p.length;
    }

    /**
     * A trained baseline with its error curve.
     *
     * @param model      the classifier after the last step
     * @param steps      the steps after which the errors were measured
     * @param testErrors test error at those steps
     */
    public record Result(LabelledBaseline model, List<Integer> steps, List<Double> testErrors) {
        /** {steps, test error in %} for a line plot. */
        public double[][] testCurve() {
            return new double[][] {steps.stream().mapToDouble(Integer::doubleValue).toArray(),
                    testErrors.stream().mapToDouble(e -> 100 * e).toArray()};
        }

        /** The last measured test error. */
        public double finalError() {
            return testErrors.get(testErrors.size() - 1);
        }
    }

    /**
     * Trains the classifier of {@code config} for {@code steps} Adam steps (rate {@code learningRate}) on the
     * labelled rows of {@code train} (one batch = all of them, re-binarised), measuring the error on {@code test}
     * every {@code every} steps and after the last.
     */
    public static Result train(AdgmConfig config, MnistData train, int[] labelledRows, int steps, double learningRate,
                               MnistData test, int every, PrintStream printTo) {
        if (steps < 1 || every < 1) {
            throw new IllegalArgumentException("LabelledBaseline.train needs steps >= 1 and every >= 1, got " + steps
                    + ", " + every);
        }
        MnistData labelled = train.subset(labelledRows);
        LabelledBaseline model = new LabelledBaseline(config);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(steps).withBatchSize(labelledRows.length)
                .withLearningRate(learningRate).withProgress(false).withSeed(config.seed());
        List<Integer> at = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        Trainer t = new Trainer(model, tc).printTo(printTo).afterEpoch(done -> {
            if (done % every == 0 || done == steps) {
                at.add(done);
                errors.add(model.testError(test));
            }
        });
        t.fit(new BinarizingBatchSource(labelled.images(), labelled.oneHot(config.classes()), config.dataType()), null);
        printTo.printf("labelled-only baseline (%d labels, %d steps): test error %.2f %%%n", labelledRows.length, steps,
                100 * errors.get(errors.size() - 1));
        return new Result(model, Collections.unmodifiableList(at), Collections.unmodifiableList(errors));
    }
}
