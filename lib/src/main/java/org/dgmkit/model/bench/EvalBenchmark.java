package org.dgmkit.model.bench;

import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.DatasetException;
import org.dgmkit.data.Mnist;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.adgm.GenerativeForm;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code ./kit bench eval [--model vae|auxvae|lvae] [--images N] [--k K] [--batch B]}: speed of the
 * importance-weighted bound ({@link Evaluation#importanceWeightedRows}, the kit's one implementation) on the first
 * N MNIST test digits (binarised at pixel &gt; 127; random digits when MNIST cannot be had) with K samples each and
 * about B row-samples per model call (notebook 01: K = 1000 on 1000 digits, B = 5000). The model is freshly
 * initialised: the cost of the bound does not depend on the weights. Last line:
 * {@code RESULT eval model=<m> images=<n> k=<k> images_k_per_s=<x> seconds=<s> iw=<mean bound, nats>}.
 */
public final class EvalBenchmark {
    private static final List<String> MODELS = List.of("vae", "auxvae", "lvae");

    private EvalBenchmark() {
    }

    /** Runs the benchmark with command-line arguments; returns the exit code. */
    public static int run(List<String> args) {
        String model = "vae";
        int images = 1000;
        int k = 1000;
        int batch = 5000;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--model" -> model = value(args, ++i, a);
                case "--images" -> images = positive(value(args, ++i, a), a);
                case "--k" -> k = positive(value(args, ++i, a), a);
                case "--batch" -> batch = positive(value(args, ++i, a), a);
                default -> throw new UsageException("bench eval: unknown option '" + a + "'");
            }
        }
        if (!MODELS.contains(model)) {
            throw new UsageException("bench eval: unknown model '" + model + "' (" + String.join("|", MODELS) + ")");
        }
        INDArray x = testImages(images);
        TrainableModel m = switch (model) {
            case "auxvae" -> new AuxiliaryVae(AuxiliaryVaeConfig.paper(GenerativeForm.ADGM, 1));
            case "lvae" -> new Lvae(LvaeConfig.paper());
            default -> new Vae(VaeConfig.mnist());
        };
        m.setTraining(false);
        System.out.printf(Locale.ROOT, "model: %s (%s); IW bound with K=%d on %d digits, ~%d row-samples per model "
                + "call%n", model, m, k, x.rows(), batch);
        LatentVariableModel lvm = (LatentVariableModel) m;
        // warm-up on a few rows (JIT, buffers)
        Evaluation.importanceWeightedRows(lvm, x.get(NDArrayIndex.interval(0, Math.min(10, x.rows())),
                NDArrayIndex.all()), Math.min(k, 100), batch, 1, null);
        long t0 = System.nanoTime();
        double[] iw = Evaluation.importanceWeightedRows(lvm, x, k, batch, 1, System.out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double mean = 0;
        for (double v : iw) {
            mean += v / iw.length;
        }
        double rate = (double) x.rows() * k / seconds;
        System.out.printf(Locale.ROOT, "RESULT eval model=%s images=%d k=%d images_k_per_s=%.1f seconds=%.4f iw=%.3f%n",
                model, x.rows(), k, rate, seconds, mean);
        return 0;
    }

    /** The first {@code n} MNIST test digits, binarised; random binary digits when MNIST is not available. */
    private static INDArray testImages(int n) {
        try {
            var test = Mnist.test();
            INDArray all = test.binarized(127.5 / 255);
            System.out.println("data: MNIST test digits from the dataset cache, binarised at pixel > 127");
            return all.get(NDArrayIndex.interval(0, Math.min(n, all.rows())), NDArrayIndex.all()).dup();
        } catch (DatasetException e) {
            System.out.println("data: MNIST not available (" + e.getMessage() + "); using random binary digits");
            Nd4j.getRandom().setSeed(1);
            return Nd4j.rand(DataType.FLOAT, n, 784).gt(0.8).castTo(DataType.FLOAT);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException("bench eval: " + option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String s, String option) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("bench eval: " + option + " expects a positive integer, got '" + s + "'");
    }
}
