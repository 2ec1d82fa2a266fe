package org.dgmkit.experiment;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmkit.data.Mnist;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.train.BinarizingBatchSource;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Ladder VAE on its paper's protocol (Sønderby et al. 2016) as a resumable command: MNIST binarised afresh in
 * every batch (dynamic binarisation), the paper's ladder (deterministic 512-256-128-64-32, latent 64-32-16-8-4, two
 * dense layers per step, batch norm) cut to {@code layers} stochastic layers, batch 256, Adam 2e-4, KL warm-up over
 * 200 epochs. Every {@code evalEvery} epochs the test ELBO and importance-weighted bound are logged — K =
 * {@code curveK} on the first {@code curveImages} test digits for the curve; at the last epoch K = {@code finalK} on
 * all 10 000, the paper's figure — into the committed result file {@code notebooks/results/04-long-run.csv}
 * (columns {@link #COLUMNS}). The test digits are binarised by sampling, once, with a fixed seed: the paper's
 * dynamically binarised MNIST (threshold-binarised digits are easier and give bounds several nats higher).
 * One stochastic layer is a VAE with the same deterministic stack: the VAE at equal budget.
 *
 * <p>The logged rows live in the trainer's checkpoint, so a run killed at any point resumes bit for bit and rewrites
 * the same rows.
 */
public final class LadderLongRun {
    /** The seed of the test digits' one binarisation (fixed across runs and depths, so bounds compare). */
    public static final long TEST_SEED = 20161;
    /** The result file's columns: bounds in nats, K, test digits, KL weight of the epoch, training hours. */
    public static final List<String> COLUMNS = List.of("model", "epoch", "test_elbo", "test_iw", "iw_k",
            "test_images", "kl_weight", "hours");

    /**
     * What a ladder long run trains.
     *
     * @param layers       stochastic layers (1-5; 1 = a VAE)
     * @param epochs       epochs to train (the paper: 2 000)
     * @param warmupEpochs KL warm-up epochs (the paper: 200)
     * @param evalEvery    epochs between curve points (10)
     * @param curveImages  test digits for the curve (1 000)
     * @param curveK       importance samples for the curve (100)
     * @param finalK       importance samples at the last epoch, all 10 000 test digits (5 000, the paper's)
     * @param seed         seed of the model and of the training (1)
     */
    public record Settings(int layers, int epochs, int warmupEpochs, int evalEvery, int curveImages, int curveK,
                           int finalK, long seed) {
        public Settings {
            if (layers < 1 || layers > 5 || epochs < 1 || warmupEpochs < 0 || evalEvery < 1 || curveImages < 1
                    || curveK < 1 || finalK < 1) {
                throw new IllegalArgumentException("ladder long run: layers 1-5 and positive counts, got " + this);
            }
        }

        /** The paper's protocol cut to {@code epochs} epochs (its warm-up, batch, learning rate, final K). */
        public static Settings paper(int layers, int epochs) {
            return new Settings(layers, epochs, 200, 10, 1000, 100, 5000, 1);
        }

        public Settings withEvaluation(int every, int images, int k, int finalKValue) {
            return new Settings(layers, epochs, warmupEpochs, every, images, k, finalKValue, seed);
        }

        public Settings withEpochs(int v) {
            return new Settings(layers, v, warmupEpochs, evalEvery, curveImages, curveK, finalK, seed);
        }

        public Settings withWarmupEpochs(int v) {
            return new Settings(layers, epochs, v, evalEvery, curveImages, curveK, finalK, seed);
        }

        /** The model's name in the result file. */
        public String model() {
            return "lvae-L" + layers;
        }

        String describe() {
            return String.format(Locale.ROOT, "layers=%d epochs=%d warmup=%d batch=256 lr=2e-4 batchNorm=true "
                    + "binarisation=dynamic curve=K%d on %d test digits every %d epochs, final=K%d on all test digits, "
                    + "test digits sampled once (seed %d), seed=%d", layers, epochs, warmupEpochs, curveK, curveImages,
                    evalEvery, finalK, TEST_SEED, seed);
        }
    }

    private LadderLongRun() {
    }

    /** The model configuration: the paper's ladder cut to the settings' depth. */
    public static LvaeConfig config(Settings s) {
        return LvaeConfig.paper().withSeed(s.seed()).withDepth(s.layers());
    }

    /** The trainer: the paper's, for the settings' epochs and warm-up. */
    public static TrainerConfig trainer(Settings s) {
        return LvaeConfig.paperTrainer(s.epochs()).withWarmupEpochs(s.warmupEpochs()).withSeed(s.seed());
    }

    /** Runs (or resumes) on MNIST; returns the last row logged. */
    public static LongRunFile.Row run(Settings s, Path resultFile, Path checkpoints, String provenance,
                                      PrintStream log) {
        return run(s, Mnist.train(), Mnist.test(), resultFile, checkpoints, provenance, log);
    }

    /** Runs (or resumes) on the given digits (grey levels in [0, 1]). */
    static LongRunFile.Row run(Settings s, MnistData train, MnistData test, Path resultFile, Path checkpoints,
                               String provenance, PrintStream log) {
        LvaeConfig config = config(s);
        TrainerConfig trainerConfig = trainer(s);
        // named by everything but the number of epochs: asking for more epochs resumes the shorter run
        Path checkpoint = checkpoints.resolve(String.format("longrun-%s-%08x.zip", s.model(),
                (config.toJson().toString() + s.withEpochs(1).describe()).hashCode()));
        Trainer t = Files.exists(checkpoint) ? Trainer.load(checkpoint, trainerConfig)
                : new Trainer(new Lvae(config), trainerConfig);
        List<String> lines = new ArrayList<>();
        lines.add(s.model() + ": settings " + s.describe() + "; checkpoint " + checkpoint.getFileName());
        if (t.extras().has("processes")) {
            t.extras().getAsJsonArray("processes").forEach(e -> lines.add(e.getAsString()));
        }
        String process = String.format(Locale.ROOT, "%s: process from epoch %d, started %s, %s", s.model(),
                t.epochsDone() + 1, Instant.now().truncatedTo(ChronoUnit.SECONDS), provenance);
        lines.add(process);
        JsonArray processes = new JsonArray();
        lines.subList(1, lines.size()).forEach(processes::add);
        t.extras().add("processes", processes);
        INDArray allX = test.sampleBinarized(TEST_SEED);
        INDArray curveX = allX.get(NDArrayIndex.interval(0, Math.min(s.curveImages(), test.size())),
                NDArrayIndex.all()).dup();
        t.checkpointTo(checkpoint).checkpointEvery(1);
        t.afterEpoch(done -> {
            boolean last = done == s.epochs();
            if (done % s.evalEvery() != 0 && !last && done != 1) {
                return;
            }
            Lvae model = t.model(Lvae.class);
            INDArray x = last ? allX : curveX;
            int k = last ? s.finalK() : s.curveK();
            TestBounds b = TestBounds.of(model, x, k, s.seed());
            double hours = t.history().epochs().stream().mapToDouble(e -> e.seconds()).sum() / 3600;
            JsonObject row = new JsonObject();
            row.addProperty("epoch", done);
            row.addProperty("test", "sampled");
            row.addProperty("elbo", b.elbo());
            row.addProperty("iw", b.iw());
            row.addProperty("k", k);
            row.addProperty("images", x.rows());
            row.addProperty("kl", trainerConfig.klWeightAt(done));
            row.addProperty("hours", hours);
            JsonArray rows = t.extras().has("rows") ? t.extras().getAsJsonArray("rows") : new JsonArray();
            rows.add(row);
            t.extras().add("rows", rows);
            SemiSupervisedLongRun.update(resultFile, s.model(), lines, rows(s, rows), COLUMNS);
            log.printf(Locale.ROOT, "long-run %s: epoch %d test ELBO %.2f, IW bound %.2f (K=%d, %d digits), %.2f h%n",
                    s.model(), done, b.elbo(), b.iw(), k, x.rows(), hours);
        });
        if (t.epochsDone() < s.epochs()) {
            t.fit(new BinarizingBatchSource(train.images(), null, config.dataType()), null);
        }
        List<LongRunFile.Row> rows = t.extras().has("rows") ? rows(s, t.extras().getAsJsonArray("rows")) : List.of();
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    private static List<LongRunFile.Row> rows(Settings s, JsonArray rows) {
        List<LongRunFile.Row> out = new ArrayList<>();
        for (JsonElement e : rows) {
            JsonObject o = e.getAsJsonObject();
            if (!o.has("test")) {
                continue; // evaluated on threshold-binarised test digits (runs before the fix): not the paper's bound
            }
            out.add(new LongRunFile.Row(s.model(), new double[] {o.get("epoch").getAsInt(),
                round(o.get("elbo").getAsDouble()), round(o.get("iw").getAsDouble()), o.get("k").getAsInt(),
                o.get("images").getAsInt(), o.get("kl").getAsDouble(), Math.round(o.get("hours").getAsDouble() * 1e4)
                    / 1e4}));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
