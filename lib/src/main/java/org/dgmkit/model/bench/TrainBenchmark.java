package org.dgmkit.model.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.DatasetException;
import org.dgmkit.data.Mnist;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.adgm.Adgm;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.nn.Gemm;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.StepProfile;
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
 * {@code ./kit bench train --model vae|auxvae|adgm|sdgm|lvae [--batch N] [--seconds S] [--halves on|off] [--dl4j]}:
 * training throughput
 * of the kit's MNIST models with Adam 1e-3 on MNIST binarised at pixel &gt; 127 (from the dataset cache, fetched
 * through {@code DGMKIT_MIRROR} like every other command; random binary digits when MNIST cannot be had):
 * <ul>
 *   <li>vae: 784-512-512-(32)-512-512-784 ReLU Bernoulli, one sample ({@code torch_vae.py});</li>
 *   <li>auxvae: the Auxiliary VAE of the paper's unsupervised experiments, ADGM form, one stochastic layer;</li>
 *   <li>adgm / sdgm: {@link AdgmConfig#paper} with batch norm and one draw of a, 100 labelled + N unlabelled rows
 *       per step, samples counting both ({@code torch_adgm.py --bn [--form sdgm]});</li>
 *   <li>lvae: {@link LvaeConfig#paper} ({@code torch_lvae.py}).</li>
 * </ul>
 * Times chunks of steps after a warm-up and reports the median (min, max); then profiles steps (time in matrix
 * products, in the optimiser, the rest: element-wise passes, allocation, Java; a split step's halves' gradients are
 * added inside the optimiser's pass, as {@code Trainer.fit} does, so its "merging" part reads 0 and the optimiser's
 * includes it), and measures a gemm roofline in
 * the same run: the step's own products (same shapes, transposes and count), timed alone on the faster of the two
 * routes of {@link Gemm}. Last line:
 * {@code RESULT train model=<m> batch=<n> samples_per_s=<x> gflops=<y> gemm_gflops=<g> roofline_gflops=<r>
 * roofline_fraction=<f>} where gflops is samples/s x 6 x weights (the estimate the PyTorch references print),
 * gemm_gflops the measured flops of the step's products per second of step, and roofline_fraction =
 * gemm_gflops / roofline_gflops (the share of the step a gemm-only implementation would need).
 */
public final class TrainBenchmark {
    private static final int STEPS_PER_CHUNK = 20;
    private static final int PROFILED_STEPS = 20;
    private static final List<String> MODELS = List.of("vae", "auxvae", "adgm", "sdgm", "lvae");

    private TrainBenchmark() {
    }

    /** Runs the benchmark with command-line arguments; returns the exit code. */
    public static int run(List<String> args) {
        String model = null;
        int batch = 100;
        double seconds = 20;
        boolean dl4j = false;
        Boolean halves = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--model" -> model = value(args, ++i, a);
                case "--batch" -> batch = intValue(value(args, ++i, a), a);
                case "--seconds" -> seconds = doubleValue(value(args, ++i, a), a);
                case "--dl4j" -> dl4j = true;
                case "--halves" -> {
                    String v = value(args, ++i, a);
                    if (!v.equals("on") && !v.equals("off")) {
                        throw new UsageException("bench train: --halves expects on or off, got '" + v + "'");
                    }
                    halves = v.equals("on");
                }
                case "--no-reference" -> dl4j = false; // the DL4J reference is opt-in now
                default -> throw new UsageException("bench train: unknown option '" + a + "'");
            }
        }
        if (model == null) {
            throw new UsageException("bench train needs --model " + String.join("|", MODELS));
        }
        if (batch < 2 || !(seconds > 0)) {
            throw new UsageException("bench train: --batch must be at least 2 and --seconds positive");
        }
        if (!MODELS.contains(model)) {
            throw new UsageException("bench train: unknown model '" + model + "' (" + String.join("|", MODELS) + ")");
        }
        boolean was = HalfBatch.enabled();
        if (halves != null) {
            HalfBatch.setEnabled(halves);
        }
        try {
            return bench(model, batch, seconds, dl4j);
        } finally {
            HalfBatch.setEnabled(was);
        }
    }

    private static int bench(String model, int batch, double seconds, boolean dl4j) {
        MnistLike data = data();
        Setup s = setup(model, data, batch);
        boolean split = HalfBatch.applies(batch + s.labelled); // every model's training step splits (see HalfBatch)
        System.out.printf(Locale.ROOT, "model: %s (%s), batch %d%s, Adam 1e-3; ~%.2f MFLOP per example (estimate 6 x %d "
                + "weights)%n", model, s.model, batch, s.labelled > 0 ? " unlabelled + " + s.labelled + " labelled" : "",
                s.flopsPerSample / 1e6, s.weights);
        System.out.println("ND4J backend: " + Nd4j.getBackend().getClass().getSimpleName() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores visible, gemm route " + System.getProperty(
                        "dgmkit.gemm", "auto") + ", batch halves on two threads: " + (split ? "on"
                        : "off"));
        int samplesPerStep = batch + s.labelled;
        Timing t = measure(model, s.step, samplesPerStep, seconds);
        double rate = t.median;
        Profile p = profile(s, seconds);
        double stepSeconds = samplesPerStep / rate;
        double gemmGflops = p.gemmFlopsPerStep / stepSeconds / 1e9;
        Roofline roof = roofline(p.shapes);
        double fraction = gemmGflops / roof.gflops;
        if (p.halvesMs > 0) {
            // wall time of the step's own thread; inside the halves, products and fused passes of both threads add up
            System.out.printf(Locale.ROOT, "profile (%d steps, ms per step, wall): total %.2f | both halves at once %.2f "
                    + "(in them, both threads added up: matrix products %.2f in %d calls at %.1f GFLOP/s, fused "
                    + "element-wise passes %.2f, waiting for each other %.2f, other %.2f) | merging the halves' "
                    + "gradients %.2f | optimiser %.2f (zeroing %.2f, Adam %.2f) | rest (noise, ND4J ops, Java) %.2f | "
                    + "ND4J op launches per step %s%n",
                    PROFILED_STEPS, p.stepMs, p.halvesMs, p.gemmMs, p.gemmCallsPerStep,
                    p.gemmFlopsPerStep / (p.gemmMs / 1e3) / 1e9, p.fusedMs - p.waitMs, p.waitMs,
                    2 * p.halvesMs - p.gemmMs - p.fusedMs, p.mergeMs, p.zeroMs + p.adamMs, p.zeroMs, p.adamMs,
                    p.stepMs - p.halvesMs - p.mergeMs - p.zeroMs - p.adamMs, launches(p));
        } else {
            System.out.printf(Locale.ROOT, "profile (%d steps, ms per step): total %.2f | matrix products %.2f (%d "
                    + "calls, %.1f GFLOP/s) | fused element-wise passes %.2f | optimiser %.2f (zeroing %.2f, Adam %.2f) "
                    + "| rest (ND4J ops, allocation, Java) %.2f | ND4J op launches per step %s%n",
                    PROFILED_STEPS, p.stepMs, p.gemmMs, p.gemmCallsPerStep,
                    p.gemmFlopsPerStep / (p.gemmMs / 1e3) / 1e9, p.fusedMs, p.zeroMs + p.adamMs, p.zeroMs, p.adamMs,
                    p.stepMs - p.gemmMs - p.fusedMs - p.zeroMs - p.adamMs, launches(p));
        }
        System.out.printf(Locale.ROOT, "roofline: the step's %d products (%d shapes, %.1f MFLOP) alone take %.2f ms "
                + "= %.1f GFLOP/s (%s); the step runs them at %.1f GFLOP/s = %.0f %% of the roofline%n",
                p.gemmCallsPerStep, p.shapes.size(), p.gemmFlopsPerStep / 1e6, roof.seconds * 1e3, roof.gflops,
                roof.routes, gemmGflops, 100 * fraction);
        printSlowestProducts(p, roof);
        if (dl4j && model.equals("vae")) {
            double ref = measure("dl4j-vae", dl4jStep(VaeConfig.mnist(), data.images(), batch), batch, seconds).median;
            System.out.printf(Locale.ROOT, "REFERENCE dl4j-vae batch=%d samples_per_s=%.1f gflops=%.3f%n", batch, ref,
                    ref * s.flopsPerSample / 1e9);
        }
        System.out.printf(Locale.ROOT, "RESULT train model=%s batch=%d samples_per_s=%.1f gflops=%.3f gemm_gflops=%.3f "
                + "roofline_gflops=%.3f roofline_fraction=%.3f%n", model, batch, rate, rate * s.flopsPerSample / 1e9,
                gemmGflops, roof.gflops, fraction);
        return 0;
    }

    /**
     * The shapes whose products take the most time in the step, each against the same product timed alone (hot
     * caches, the faster route): where the step loses its roofline.
     */
    private static void printSlowestProducts(Profile p, Roofline roof) {
        List<StepProfile.Shape> byTime = new ArrayList<>(p.shapeMs.keySet());
        byTime.sort((a, b) -> Double.compare(p.shapeMs.get(b), p.shapeMs.get(a)));
        System.out.println("products taking the most time in the step (ms per step, both threads added up; "
                + "GFLOP/s in the step vs the same product alone):");
        for (StepProfile.Shape sh : byTime.subList(0, Math.min(8, byTime.size()))) {
            int calls = p.shapes.get(sh);
            double ms = p.shapeMs.get(sh);
            System.out.printf(Locale.ROOT, "  [%d x %d]%s x [%d x %d]%s (%s) %d per step: %.2f ms, %.1f vs %.1f "
                    + "GFLOP/s%n", sh.m(), sh.k(), sh.transposeA() ? "^T" : "", sh.k(), sh.n(),
                    sh.transposeB() ? "^T" : "", sh.route() == Gemm.Route.BLAS ? "OpenBLAS" : "Nd4j.gemm", calls, ms,
                    calls * sh.flops() / (ms / 1e3) / 1e9, sh.flops() / roof.alone.get(sh) / 1e9);
        }
    }

    private static String launches(Profile p) {
        return p.opLaunches < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", p.opLaunches);
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

    /** Binarised MNIST training images from the dataset cache (fetched like every command), else random digits. */
    static MnistLike data() {
        try {
            MnistData m = Mnist.train();
            System.out.println("data: MNIST training images from the dataset cache, binarised at pixel > 127");
            return new MnistLike(m.binarized(127.5 / 255), m.oneHot(10));
        } catch (DatasetException e) {
            System.out.println("data: MNIST not available (" + e.getMessage() + "); using random binary data [60000, 784]");
        }
        Nd4j.getRandom().setSeed(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 60000, 10);
        for (int i = 0; i < 60000; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new MnistLike(Nd4j.rand(DataType.FLOAT, 60000, 784).gt(0.8).castTo(DataType.FLOAT), y);
    }

    /** A model with its parameters, optimiser and one training step (step i on batch i). */
    private record Setup(TrainableModel model, ParameterSpace ps, int labelled, long weights, double flopsPerSample,
                         StepBody step) { }

    /** One training step, with the optimiser's share timed apart when asked. */
    interface StepBody extends IntConsumer {
        /** Runs step i; adds the nanoseconds of zeroing the gradients and of Adam into {@code opt} when not null. */
        void run(int i, long[] opt);

        @Override
        default void accept(int i) {
            run(i, null);
        }
    }

    private static Setup setup(String name, MnistLike data, int batch) {
        TrainableModel m = switch (name) {
            case "vae" -> new Vae(VaeConfig.mnist());
            case "auxvae" -> new AuxiliaryVae(AuxiliaryVaeConfig.paper(GenerativeForm.ADGM, 1));
            // the paper's network with batch norm and one draw of a, as torch_adgm.py --bn
            case "adgm" -> new Adgm(AdgmConfig.paper().withAuxSamples(1));
            case "sdgm" -> new Adgm(AdgmConfig.paper(GenerativeForm.SDGM).withAuxSamples(1));
            default -> new Lvae(LvaeConfig.paper());
        };
        ParameterSpace ps = m.parameters();
        long weights = 0;
        for (ParameterSpace.Block b : ps.blocks()) {
            if (b.trainable() && b.shape().length == 2 && b.shape()[0] > 1) {
                weights += b.length();
            }
        }
        int labelled = name.equals("adgm") || name.equals("sdgm") ? 100 : 0;
        Adam adam = new Adam(1e-3);
        FlatAdam updater = new FlatAdam(adam, Nd4j.create(ps.dataType(), 1, adam.stateSize(ps.size())));
        INDArray images = data.images();
        long batches = images.rows() / batch;
        long labelledStart = images.rows() - labelled;
        Nd4j.getRandom().setSeed(1);
        m.setTraining(true);
        StepBody step = (i, opt) -> {
            long from = (i % batches) * batch;
            Batch b;
            if (labelled == 0) {
                b = Batch.of(rows(images, from, batch));
            } else {
                long lf = (i % 100) * (long) labelled % labelledStart;
                b = new Batch(rows(images, lf, labelled), rows(data.oneHot(), lf, labelled), rows(images, from, batch));
            }
            long t0 = System.nanoTime();
            long t1 = t0; // FlatAdam.update leaves the gradients zero (they start zero)
            // the merge of the halves' gradients deferred into Adam's pass, as Trainer.fit does
            ps.deferReplicaMerge(true);
            try {
                m.lossAndGradients(b, new StepContext(0, i, 1.0));
            } finally {
                ps.deferReplicaMerge(false);
            }
            long t2 = System.nanoTime();
            updater.update(ps.values(), ps.gradients(), ps.takePendingReplicaGradients(), i, 0);
            if (opt != null) {
                opt[0] += t1 - t0;
                opt[1] += System.nanoTime() - t2;
            }
        };
        // estimate: 2 flops per weight forward, 4 backward, per example (ADGM's tiled rows cost more)
        return new Setup(m, ps, labelled, weights, 6.0 * weights, step);
    }

    private static INDArray rows(INDArray x, long from, int n) {
        return x.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
    }

    /** Per-step breakdown of {@link #PROFILED_STEPS} steps. */
    private record Profile(double stepMs, double gemmMs, long gemmCallsPerStep, double gemmFlopsPerStep,
                           double fusedMs, double waitMs, double halvesMs, double mergeMs, double zeroMs,
                           double adamMs, double opLaunches, Map<StepProfile.Shape, Integer> shapes,
                           Map<StepProfile.Shape, Double> shapeMs) { }

    private static Profile profile(Setup s, double seconds) {
        int base = 1_000_000; // step indices after the timed ones (batches cycle anyway)
        // warm-up with a profile active: the profiling branches were never taken in the timed steps, so the JIT
        // compiled them as traps; the first profiled steps ran deoptimised code (the Ladder VAE's at half speed)
        StepProfile.start(true);
        long warmEnd = System.nanoTime() + (long) (Math.min(2, seconds / 4) * 1e9);
        for (int i = 0; i < PROFILED_STEPS || System.nanoTime() < warmEnd; i++) {
            s.step.run(base + i, null);
        }
        StepProfile p = StepProfile.start(true);
        long[] opt = new long[2];
        long t0 = System.nanoTime();
        for (int i = 0; i < PROFILED_STEPS; i++) {
            s.step.run(base + PROFILED_STEPS + i, opt);
        }
        long total = System.nanoTime() - t0;
        StepProfile.stop();
        double ops = countOpLaunches(s, base + 2 * PROFILED_STEPS);
        double n = PROFILED_STEPS;
        Map<StepProfile.Shape, Integer> perStep = new LinkedHashMap<>();
        Map<StepProfile.Shape, Double> msPerStep = new LinkedHashMap<>();
        Map<StepProfile.Shape, Long> nanos = p.shapeNanos();
        p.shapes().forEach((shape, calls) -> {
            perStep.put(shape, (int) Math.round(calls / n));
            msPerStep.put(shape, nanos.get(shape) / n / 1e6);
        });
        return new Profile(total / n / 1e6, p.gemmNanos() / n / 1e6, Math.round(p.gemmCalls() / n),
                p.gemmFlops() / n, p.fusedNanos() / n / 1e6, p.waitNanos() / n / 1e6, p.halvesNanos() / n / 1e6,
                p.mergeNanos() / n / 1e6, opt[0] / n / 1e6, opt[1] / n / 1e6, ops, perStep, msPerStep);
    }

    /** ND4J op launches per step (ND4J's own op counter over 3 steps), or -1 when the counter is unavailable. */
    private static double countOpLaunches(Setup s, int base) {
        try {
            var ex = Nd4j.getExecutioner();
            var profiler = org.nd4j.linalg.profiler.OpProfiler.getInstance();
            ex.setProfilingConfig(org.nd4j.linalg.profiler.ProfilerConfig.builder().checkElapsedTime(true).build());
            profiler.reset();
            long before = profiler.getInvocationsCount();
            for (int i = 0; i < 3; i++) {
                s.step.run(base + i, null);
            }
            long launches = profiler.getInvocationsCount() - before;
            ex.setProfilingConfig(org.nd4j.linalg.profiler.ProfilerConfig.builder().build());
            profiler.reset();
            return launches > 0 ? launches / 3.0 : -1;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** The step's products alone: seconds per step on the faster route of each shape, and their GFLOP/s. */
    private record Roofline(double seconds, double gflops, String routes, Map<StepProfile.Shape, Double> alone) { }

    private static Roofline roofline(Map<StepProfile.Shape, Integer> shapes) {
        double seconds = 0;
        double flops = 0;
        int blasWins = 0;
        Map<StepProfile.Shape, Double> alone = new LinkedHashMap<>();
        for (Map.Entry<StepProfile.Shape, Integer> e : shapes.entrySet()) {
            StepProfile.Shape sh = e.getKey();
            DataType dt = sh.dataType();
            INDArray a = sh.transposeA() ? Nd4j.rand(dt, sh.k(), sh.m()) : Nd4j.rand(dt, sh.m(), sh.k());
            INDArray b = sh.transposeB() ? Nd4j.rand(dt, sh.n(), sh.k()) : Nd4j.rand(dt, sh.k(), sh.n());
            INDArray c = Nd4j.create(dt, sh.m(), sh.n());
            double best = Double.POSITIVE_INFINITY;
            Gemm.Route winner = Gemm.Route.ND4J;
            for (Gemm.Route r : Gemm.Route.values()) {
                double t = timeProduct(r, a, b, c, sh.transposeA(), sh.transposeB(), sh.flops());
                if (t < best) {
                    best = t;
                    winner = r;
                }
            }
            if (winner == Gemm.Route.BLAS) {
                blasWins++;
            }
            alone.put(sh, best);
            seconds += best * e.getValue();
            flops += sh.flops() * e.getValue();
        }
        String routes = "faster route per shape: OpenBLAS for " + blasWins + ", Nd4j.gemm for "
                + (shapes.size() - blasWins);
        return new Roofline(seconds, flops / seconds / 1e9, routes, alone);
    }

    /** Median seconds per product over 5 rounds of about 20 ms each (after a warm-up round). */
    private static double timeProduct(Gemm.Route r, INDArray a, INDArray b, INDArray c, boolean ta, boolean tb,
                                      double flops) {
        int reps = (int) Math.max(3, Math.min(2000, 0.02 / (flops / 40e9)));
        List<Double> per = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Gemm.mm(r, a, b, c, ta, tb);
            }
            if (round > 0) {
                per.add((System.nanoTime() - t0) / 1e9 / reps);
            }
        }
        Collections.sort(per);
        return per.get(per.size() / 2);
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

    /** Median, min and max samples/s over the timed chunks. */
    record Timing(double median, double min, double max, int chunks) { }

    /** Warm-up, then timed chunks of steps until {@code seconds} pass; prints and returns the rates. */
    static Timing measure(String name, IntConsumer step, int batch, double seconds) {
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
            System.out.printf(Locale.ROOT, "\r%s: chunk %d, %.1f samples/s   ", name, rates.size(), rate);
            System.out.flush();
        }
        if (rates.isEmpty()) {
            throw new KitException("no timing chunks");
        }
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        Timing t = new Timing(sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), rates.size());
        System.out.printf(Locale.ROOT, "\r%s: median %.1f samples/s over %d chunks of %d steps (min %.1f, max %.1f)%n",
                name, t.median, t.chunks, STEPS_PER_CHUNK, t.min, t.max);
        return t;
    }
}
