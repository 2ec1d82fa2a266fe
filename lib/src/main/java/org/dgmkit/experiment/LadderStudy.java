package org.dgmkit.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;
import org.dgmkit.plot.Figure;
import org.dgmkit.plot.Plots;
import org.dgmkit.plot.TableBuilder;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * Notebook 04's Ladder VAE study on binarised MNIST: one model per depth L = 1..max (the first L entries of the
 * paper's sizes, two dense layers per ladder step, leaky ReLU), each trained with or without batch norm and KL
 * warm-up, checkpointed as {@code <modelsDir>/lvae-L<L>[-bn][-warmup].zip}, and measured by its test ELBO and IW
 * bound; the ablation retrains the deepest model with each switched off.
 */
public final class LadderStudy {
    /** The paper's deterministic widths per ladder step, bottom first. */
    public static final List<Integer> DETERMINISTIC = List.of(512, 256, 128, 64, 32);
    /** The paper's latent sizes per stochastic layer, bottom first. */
    public static final List<Integer> LATENT = List.of(64, 32, 16, 8, 4);

    private final TestBed bed;

    /**
     * One trained ladder.
     *
     * @param name      checkpoint name, e.g. lvae-L5-bn-warmup
     * @param layers    stochastic layers L
     * @param batchNorm batch normalisation on
     * @param warmup    KL warm-up on
     * @param model     the model
     * @param history   its training history
     * @param bounds    test ELBO and IW bound
     * @param seconds   training (or loading) plus evaluation time
     */
    public record Result(String name, int layers, boolean batchNorm, boolean warmup, Lvae model, TrainingHistory history,
                         TestBounds bounds, double seconds) {
        /** "LVAE L=5 +BN +WU" for the results table. */
        public String label() {
            return "LVAE L=" + layers + (batchNorm ? " +BN" : " -BN") + (warmup ? " +WU" : " -WU");
        }
    }

    /** The study; {@code trainer} holds the warm-up used by models with warm-up on. */
    public LadderStudy(INDArray xTrain, INDArray xTest, TrainerConfig trainer, Path modelsDir, int iwK, long seed) {
        this.bed = new TestBed(xTrain, xTest, trainer, modelsDir, iwK, seed);
    }

    /** Trains (or loads) and measures one ladder, printing its name and bounds. */
    public Result fit(int layers, boolean batchNorm, boolean warmup) {
        LvaeConfig config = LvaeConfig.bernoulli(784, DETERMINISTIC.subList(0, layers), LATENT.subList(0, layers))
                .withLayersPerStep(2).withBatchNorm(batchNorm).withSeed(bed.seed());
        String name = "lvae-L" + layers + (batchNorm ? "-bn" : "") + (warmup ? "-warmup" : "");
        System.out.println("== " + name);
        long t0 = System.nanoTime();
        Trainer t = bed.trainOrLoad(new Lvae(config), warmup ? bed.trainer() : bed.trainer().withWarmupEpochs(0),
                name + ".zip");
        Lvae model = t.model(Lvae.class);
        TestBounds b = bed.bounds(model);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: test ELBO %.2f nats, IW bound (K=%d) %.2f nats%n", name, b.elbo(), bed.iwK(),
                b.iw());
        return new Result(name, layers, batchNorm, warmup, model, t.history(), b, seconds);
    }

    /** Ladders with 1..maxLayers stochastic layers, all with batch norm and warm-up (the paper's setting). */
    public List<Result> byDepth(int maxLayers) {
        List<Result> results = new ArrayList<>();
        for (int layers = 1; layers <= maxLayers; layers++) {
            results.add(fit(layers, true, true));
        }
        return results;
    }

    /** {@code full} (batch norm and warm-up) beside the same depth without batch norm, without warm-up, without both. */
    public List<Result> ablation(Result full) {
        return List.of(full, fit(full.layers(), false, true), fit(full.layers(), true, false),
                fit(full.layers(), false, false));
    }

    /** ELBO and IW bound against the number of stochastic layers. */
    public static Figure loglikVsLayers(List<Result> byDepth, int iwK) {
        double[] depth = byDepth.stream().mapToDouble(Result::layers).toArray();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("ELBO", new double[][] {depth, byDepth.stream().mapToDouble(r -> r.bounds().elbo()).toArray()});
        curves.put("IW bound, K=" + iwK, new double[][] {depth, byDepth.stream().mapToDouble(r -> r.bounds().iw()).toArray()});
        return Plots.lines("Ladder VAE on MNIST: test log-likelihood vs stochastic layers", "stochastic layers", "nats",
                curves);
    }

    /** Model, depth, bounds (2 decimals) and seconds per ladder. */
    public static Table depthTable(List<Result> byDepth) {
        return TableBuilder.of("Ladder VAE by depth", byDepth).text("model", Result::name)
                .integer("stochastic layers", Result::layers)
                .number("test ELBO (nats)", r -> r.bounds().elbo(), 2)
                .number("test IW bound (nats)", r -> r.bounds().iw(), 2)
                .number("train+eval time (s)", Result::seconds, 0).build();
    }

    /** Model, batch norm and warm-up (yes/no) and bounds (2 decimals) per ablation entry. */
    public static Table ablationTable(List<Result> ablation) {
        return TableBuilder.of("Ablation at L = " + ablation.get(0).layers(), ablation).text("model", Result::name)
                .text("batch norm", r -> r.batchNorm() ? "yes" : "no")
                .text("KL warm-up", r -> r.warmup() ? "yes" : "no")
                .number("test ELBO (nats)", r -> r.bounds().elbo(), 2)
                .number("test IW bound (nats)", r -> r.bounds().iw(), 2).build();
    }

    private record LayerRow(String model, int layer, int units, int active, double kl) { }

    /**
     * Per model and latent layer (1 = next to the data): its units, active units (posterior mean variance over
     * {@code xTest} above {@link Evaluation#ACTIVE_UNIT_THRESHOLD}) and mean KL (nats, 2 decimals).
     */
    public Table layerTable(List<Result> models) {
        List<LayerRow> rows = new ArrayList<>();
        for (Result r : models) {
            int[] active = Evaluation.activeUnits(r.model(), bed.xTest(), TestBounds.BATCH);
            double[] kl = Evaluation.klPerLayer(r.model(), bed.xTest(), TestBounds.BATCH, bed.seed());
            for (int l = 0; l < active.length; l++) {
                rows.add(new LayerRow(r.name(), l + 1, LATENT.get(l), active[l], kl[l]));
            }
        }
        return TableBuilder.of("Per-layer KL and active units", rows).text("model", LayerRow::model)
                .integer("layer", LayerRow::layer).integer("units", LayerRow::units)
                .integer("active units", LayerRow::active).number("KL (nats)", LayerRow::kl, 2).build();
    }
}
