package org.dgmkit.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.plot.TableBuilder;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * Notebook 03's comparison of unsupervised models on the same data: each is trained (or loaded from
 * {@code <modelsDir>/<name>-<training rows>.zip}) with the same settings, then its test ELBO, IW bound and active
 * units (all latent layers) are measured on the same test rows.
 */
public final class LikelihoodComparison {
    private final TestBed bed;
    private final List<Result> results = new ArrayList<>();

    /**
     * One model's numbers.
     *
     * @param name   its name (also the checkpoint's)
     * @param model  the trained model
     * @param bounds test ELBO and IW bound
     * @param active active latent units summed over layers
     */
    public record Result(String name, TrainableModel model, TestBounds bounds, int active) {
    }

    /** The comparison; {@code seed} seeds the evaluations. */
    public LikelihoodComparison(INDArray xTrain, INDArray xTest, TrainerConfig trainer, Path modelsDir, int iwK,
                                long seed) {
        this.bed = new TestBed(xTrain, xTest, trainer, modelsDir, iwK, seed);
    }

    /** Trains or loads {@code fresh} as {@code name}, measures it, prints one line and keeps the result. */
    public Result fit(String name, TrainableModel fresh) {
        System.out.println("== " + name);
        Trainer t = bed.trainOrLoad(fresh, bed.trainer(), name + "-" + bed.xTrain().rows() + ".zip");
        TestBounds b = bed.bounds((LatentVariableModel) t.model());
        int active = Arrays.stream(Evaluation.activeUnits((LatentLayers) t.model(), bed.xTest(), TestBounds.BATCH)).sum();
        System.out.printf(Locale.ROOT, "%s: ELBO %.2f nats, IW(K=%d) %.2f nats, %d active units%n", name, b.elbo(),
                bed.iwK(), b.iw(), active);
        Result r = new Result(name, t.model(), b, active);
        results.add(r);
        return r;
    }

    /** The results so far, in fitting order. */
    public List<Result> results() {
        return List.copyOf(results);
    }

    /** Model, test ELBO, IW bound (2 decimals) and active units of every result. */
    public Table table(String title) {
        return TableBuilder.of(title, results).text("model", Result::name)
                .number("test ELBO (nats)", r -> r.bounds().elbo(), 2)
                .number("test IW bound K=" + bed.iwK() + " (nats)", r -> r.bounds().iw(), 2)
                .integer("active units (all layers)", Result::active).build();
    }
}
