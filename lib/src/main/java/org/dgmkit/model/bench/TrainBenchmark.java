package org.dgmkit.model.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.Mnist;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.FlatAdam;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@code ./kit bench train --model vae|adgm|lvae [--batch N] [--seconds S] [--no-reference]}: training
 * throughput of the kit's models (ADGM and Ladder VAE: the papers' MNIST models, ours only, FLOP estimate). VAE 784-512-512-(32)-512-512-784 ReLU, Bernoulli, Adam 1e-3, one sample,
 * binarised MNIST (pixel &gt; 127) or random binary data when MNIST is not available. Times chunks of steps
 * after a warm-up and reports the median; beside it DL4J's built-in VariationalAutoencoder layer on the
 * same model. Last line: {@code RESULT train model=<m> batch=<n> samples_per_s=<x> gflops=<y>}.
 */
public final class TrainBenchmark {
    private static final int STEPS_PER_CHUNK = 20;

    private TrainBenchmark() {
    }

    /** Runs the benchmark with command-line arguments; returns the exit code. */
    public static int run(List<String> args) {
        String model = null;
        int batch = 100;
        double seconds = 20;
        boolean reference = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--model" -> model = value(args, ++i, a);
                case "--batch" -> batch = intValue(value(args, ++i, a), a);
                case "--seconds" -> seconds = doubleValue(value(args, ++i, a), a);
                case "--no-reference" -> reference = false;
                default -> throw new UsageException("bench train: unknown option '" + a + "'");
            }
        }
        if (model == null) {
            throw new UsageException("bench train needs --model vae|adgm|lvae");
        }
        if (batch < 1 || !(seconds > 0)) {
            throw new UsageException("bench train: --batch and --seconds must be positive");
        }
        if (!List.of("vae", "adgm", "lvae").contains(model)) {
            throw new UsageException("bench train: unknown model '" + model + "' (vae|adgm|lvae)");
        }
        MnistLike mnist = data();
        if (!model.equals("vae")) {
            return otherModel(model, mnist, batch, seconds);
        }
        INDArray data = mnist.images();
        VaeConfig config = VaeConfig.mnist();
        double flopsPerSample = flopsPerSample(config);
        System.out.printf("model: VAE %s, batch %d, Adam 1e-3, one sample, FLOAT; %.2f MFLOP per example "
                + "(forward + backward)%n", config.encoderSizes(), batch, flopsPerSample / 1e6);
        System.out.println("ND4J backend: " + Nd4j.getBackend().getClass().getSimpleName() + ", threads: "
                + Runtime.getRuntime().availableProcessors() + " cores visible");
        double ours = measure("ours", oursStep(config, data, batch), batch, seconds);
        if (reference) {
            double dl4j = measure("dl4j-vae", dl4jStep(config, data, batch), batch, seconds);
            System.out.printf("REFERENCE dl4j-vae batch=%d samples_per_s=%.1f gflops=%.3f%n", batch, dl4j,
                    dl4j * flopsPerSample / 1e9);
        }
        System.out.printf("RESULT train model=%s batch=%d samples_per_s=%.1f gflops=%.3f%n", model, batch, ours,
                ours * flopsPerSample / 1e9);
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException("bench train: " + option + " needs a value");
        }
        return args.get(i);
    }

    private static int intValue(String s, String option) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException("bench train: " + option + " expects an integer, got '" + s + "'");
        }
    }

    private static double doubleValue(String s, String option) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException("bench train: " + option + " expects a number, got '" + s + "'");
        }
    }

    /** Binary images [n, 784] and one-hot labels [n, 10]. */
    record MnistLike(INDArray images, INDArray oneHot) { }

    /** Binarised MNIST training images from the shared folder or the dataset cache, else random binary data. */
    static MnistLike data() {
        for (Path dir : candidateDirs()) {
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            if (Files.isRegularFile(images) && Files.isRegularFile(labels)) {
                System.out.println("data: MNIST training images from " + dir + ", binarised at pixel > 127");
                var m = Mnist.read(images, labels);
                return new MnistLike(m.binarized(127.5 / 255), m.oneHot(10));
            }
        }
        System.out.println("data: MNIST not found (set DGMKIT_SHARED); using random binary data [60000, 784]");
        Nd4j.getRandom().setSeed(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 60000, 10);
        for (int i = 0; i < 60000; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new MnistLike(Nd4j.rand(DataType.FLOAT, 60000, 784).gt(0.8).castTo(DataType.FLOAT), y);
    }

    /** ADGM (paper model, 100 labelled + batch unlabelled rows per step) or Ladder VAE (paper model). */
    private static int otherModel(String name, MnistLike data, int batch, double seconds) {
        // ADGM: the paper's network with batch norm and one draw of a, as torch_adgm.py --bn
        TrainableModel m = name.equals("adgm")
                ? new org.dgmkit.model.adgm.Adgm(org.dgmkit.model.adgm.AdgmConfig.paper().withAuxSamples(1))
                : new org.dgmkit.model.lvae.Lvae(org.dgmkit.model.lvae.LvaeConfig.paper());
        ParameterSpace ps = m.parameters();
        long weights = 0;
        for (ParameterSpace.Block b : ps.blocks()) {
            if (b.trainable() && b.shape().length == 2 && b.shape()[0] > 1) {
                weights += b.length();
            }
        }
        // estimate: 2 flops per weight forward, 4 backward, per example (ADGM's unlabelled rows cost more)
        double flopsPerSample = 6.0 * weights;
        int labelled = name.equals("adgm") ? 100 : 0;
        System.out.printf("model: %s (%s), batch %d%s, Adam 1e-3; ~%.2f MFLOP per example (estimate 6 x %d weights)%n",
                name, m, batch, labelled > 0 ? " unlabelled + " + labelled + " labelled" : "", flopsPerSample / 1e6,
                weights);
        Adam adam = new Adam(1e-3);
        FlatAdam updater = new FlatAdam(adam, Nd4j.create(ps.dataType(), 1, adam.stateSize(ps.size())));
        long batches = data.images().rows() / batch;
        Nd4j.getRandom().setSeed(1);
        m.setTraining(true);
        IntConsumer step = i -> {
            long from = (i % batches) * batch;
            Batch b = labelled == 0 ? Batch.of(rows(data.images(), from, batch))
                    : new Batch(rows(data.images(), (i % 100) * labelled % (data.images().rows() - labelled), labelled),
                    rows(data.oneHot(), (i % 100) * labelled % (data.images().rows() - labelled), labelled),
                    rows(data.images(), from, batch));
            ps.zeroGradients();
            m.lossAndGradients(b, new StepContext(0, i, 1.0));
            updater.apply(ps.gradients(), i, 0);
            ps.values().subi(ps.gradients());
        };
        double rate = measure(name, step, batch + labelled, seconds);
        System.out.printf("RESULT train model=%s batch=%d samples_per_s=%.1f gflops=%.3f%n", name, batch, rate,
                rate * flopsPerSample / 1e9);
        return 0;
    }

    private static List<Path> candidateDirs() {
        List<Path> dirs = new ArrayList<>();
        String shared = System.getProperty("DGMKIT_SHARED", System.getenv("DGMKIT_SHARED"));
        if (shared != null) {
            dirs.add(Path.of(shared, "mnist"));
            dirs.add(Path.of(shared, "data", "mnist"));
        }
        dirs.add(Path.of("..", "shared", "data", "mnist"));
        dirs.add(Path.of("..", "..", "shared", "data", "mnist"));
        String cache = System.getenv("DGMKIT_DATA");
        if (cache != null) {
            dirs.add(Path.of(cache, "mnist"));
        }
        return dirs;
    }

    /** Multiply-adds of all dense layers, x2 for flops, x3 for forward + both backward products. */
    static double flopsPerSample(VaeConfig c) {
        List<long[]> layers = new ArrayList<>();
        int w = c.inputSize();
        for (int h : c.encoderSizes()) {
            layers.add(new long[] {w, h});
            w = h;
        }
        layers.add(new long[] {w, 2L * c.latentSize()});
        w = c.latentSize();
        for (int h : c.decoderSizes()) {
            layers.add(new long[] {w, h});
            w = h;
        }
        layers.add(new long[] {w, c.inputSize()});
        double macs = 0;
        for (long[] l : layers) {
            macs += l[0] * l[1];
        }
        // the first layer needs no input gradient
        double firstLayer = layers.get(0)[0] * layers.get(0)[1];
        return 2 * (3 * macs - firstLayer);
    }

    private static INDArray rows(INDArray x, long from, int n) {
        return x.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
    }

    private static IntConsumer oursStep(VaeConfig config, INDArray data, int batch) {
        Vae vae = new Vae(config);
        ParameterSpace ps = vae.parameters();
        Adam adam = new Adam(1e-3);
        FlatAdam updater = new FlatAdam(adam, Nd4j.create(DataType.FLOAT, 1, adam.stateSize(ps.size())));
        long batches = data.rows() / batch;
        Nd4j.getRandom().setSeed(1);
        return step -> {
            INDArray x = rows(data, (step % batches) * batch, batch);
            ps.zeroGradients();
            vae.lossAndGradients(Batch.of(x), new StepContext(0, step, 1.0));
            updater.apply(ps.gradients(), step, 0);
            ps.values().subi(ps.gradients());
        };
    }

    private static IntConsumer dl4jStep(VaeConfig config, INDArray data, int batch) {
        int[] enc = config.encoderSizes().stream().mapToInt(Integer::intValue).toArray();
        int[] dec = config.decoderSizes().stream().mapToInt(Integer::intValue).toArray();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(1)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder.Builder()
                        .nIn(config.inputSize()).nOut(config.latentSize()).encoderLayerSizes(enc)
                        .decoderLayerSizes(dec).activation(org.nd4j.linalg.activations.Activation.RELU)
                        .pzxActivationFunction(org.nd4j.linalg.activations.Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(
                                org.nd4j.linalg.activations.Activation.SIGMOID))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        long batches = data.rows() / batch;
        return step -> net.pretrainLayer(0, rows(data, (step % batches) * batch, batch));
    }

    /** Warm-up, then timed chunks of steps until {@code seconds} pass; prints and returns the median rate. */
    static double measure(String name, IntConsumer step, int batch, double seconds) {
        int s = 0;
        long warmEnd = System.nanoTime() + (long) (Math.min(5, seconds / 4) * 1e9);
        while (System.nanoTime() < warmEnd || s < 10) {
            step.accept(s++);
        }
        List<Double> rates = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || rates.size() < 3) {
            long t0 = System.nanoTime();
            for (int i = 0; i < STEPS_PER_CHUNK; i++) {
                step.accept(s++);
            }
            double rate = STEPS_PER_CHUNK * batch / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.printf("\r%s: chunk %d, %.1f samples/s   ", name, rates.size(), rate);
            System.out.flush();
        }
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("\r%s: median %.1f samples/s over %d chunks of %d steps (min %.1f, max %.1f)%n", name,
                median, rates.size(), STEPS_PER_CHUNK, sorted.get(0), sorted.get(sorted.size() - 1));
        if (rates.isEmpty()) {
            throw new KitException("no timing chunks");
        }
        return median;
    }
}
