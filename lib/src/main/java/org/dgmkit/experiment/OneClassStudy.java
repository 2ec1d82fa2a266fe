package org.dgmkit.experiment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.data.MnistData;
import org.dgmkit.data.Rows;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.catalog.ModelCatalog;
import org.dgmkit.model.catalog.ModelShape;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainingHistory;
import org.dgmkit.plot.Exports;
import org.dgmkit.plot.Figure;
import org.dgmkit.plot.Plots;
import org.dgmkit.score.LikelihoodScorer;
import org.dgmkit.score.LikelihoodScores;
import org.dgmkit.score.Metrics;
import org.dgmkit.score.anomaly.AnomalySettings;
import org.dgmkit.score.anomaly.AnomalySplit;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 06's one-class MNIST benchmarks, for each protocol, catalogue model and digit: train a model on the
 * normal training digits (at most {@code maxTrain}), score the whole test set with L posterior samples and take the
 * AUROC of each score of {@link NoiseSweep#SCORES} (anomaly score = minus the log-likelihood).
 * <ul>
 *   <li>{@code an-cho} (An &amp; Cho 2015): the digit is the anomaly, the other nine are normal;</li>
 *   <li>{@code deep-svdd} (Ruff et al. 2018): the digit is normal, the other nine are anomalies.</li>
 * </ul>
 * Models are checkpointed as {@code oc-<protocol>-d<digit>-<model>-<hidden>-z<latent>-n<rows>-e<epochs>-s<seed>.zip}.
 */
public final class OneClassStudy {
    /** The protocols, in table order. */
    public static final List<String> PROTOCOLS = List.of("an-cho", "deep-svdd");
    /** Published one-class Deep SVDD AUROCs (%) for normal digits 0..9, Ruff et al. (2018), Table 1. */
    public static final double[] DEEP_SVDD_PUBLISHED = {98.0, 99.7, 91.7, 91.9, 94.9, 88.5, 98.3, 94.6, 93.9, 96.5};

    private final MnistData train;
    private final MnistData test;
    private final ModelShape shape;
    private final TrainerConfig trainer;
    private final Path modelsDir;
    private final int maxTrain;
    private final int samples;
    private final LikelihoodScorer scorer;
    private int[] digits = new int[0];
    // protocol -> model -> score -> AUROC per entry of digits
    private final Map<String, Map<String, Map<String, double[]>>> auroc = new LinkedHashMap<>();

    /**
     * @param train     binarised training digits with labels
     * @param test      binarised test digits with labels
     * @param shape     the size of every model
     * @param trainer   training settings of every model
     * @param modelsDir where the checkpoints go
     * @param maxTrain  at most this many normal training digits per model
     * @param samples   posterior samples L per test digit (K of the IW bound)
     * @param seed      seed of the scores' sampling
     */
    public OneClassStudy(MnistData train, MnistData test, ModelShape shape, TrainerConfig trainer, Path modelsDir,
                         int maxTrain, int samples, long seed) {
        this.train = train;
        this.test = test;
        this.shape = shape;
        this.trainer = trainer;
        this.modelsDir = modelsDir;
        this.maxTrain = maxTrain;
        this.samples = samples;
        this.scorer = LikelihoodScorer.defaults().withSeed(seed).withProgress(false);
    }

    /** Trains (or loads) and scores every model of {@code models} on every digit of the given protocols. */
    public void run(List<String> protocols, List<String> models, int[] digitsRun) {
        this.digits = digitsRun.clone();
        for (String protocol : protocols) {
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("unknown protocol '" + protocol + "'; known: " + PROTOCOLS);
            }
            Map<String, Map<String, double[]>> byModel = new LinkedHashMap<>();
            for (String name : models) {
                Map<String, double[]> byScore = new LinkedHashMap<>();
                NoiseSweep.SCORES.forEach(s -> byScore.put(s, new double[digits.length]));
                for (int i = 0; i < digits.length; i++) {
                    AnomalySplit split = protocol.equals("an-cho") ? AnomalySettings.anCho(train, test, digits[i])
                            : AnomalySettings.deepSvdd(train, test, digits[i]);
                    LatentVariableModel model = trained(name, protocol, digits[i], split.trainImages());
                    LikelihoodScores sc = scorer.all(model, split.test().images(), samples);
                    int[] labels = split.test().anomalous();
                    for (String s : NoiseSweep.SCORES) {
                        byScore.get(s)[i] = Metrics.rocAuc(LikelihoodScorer.anomalyScore(NoiseSweep.values(sc, s)), labels);
                    }
                }
                byModel.put(name, byScore);
            }
            auroc.put(protocol, byModel);
        }
    }

    private LatentVariableModel trained(String name, String protocol, int digit, INDArray normalTrain) {
        INDArray x = normalTrain.rows() > maxTrain ? Rows.first(normalTrain, maxTrain) : normalTrain;
        String file = "oc-" + protocol + "-d" + digit + "-" + shape.checkpointName(name, "n" + x.rows(), trainer.epochs());
        long t0 = System.nanoTime();
        Trainer t = Trainer.trainOrLoad(ModelCatalog.create(name, shape), trainer, modelsDir.resolve(file), x);
        List<TrainingHistory.Epoch> h = t.history().epochs();
        System.out.println(String.format(Locale.ROOT, "%s %s digit %d: %d training digits, final loss %.2f nats, %.0f s",
                name, protocol, digit, x.rows(), h.get(h.size() - 1).trainLoss(), (System.nanoTime() - t0) / 1e9));
        return (LatentVariableModel) t.model();
    }

    /** The protocols run, in order. */
    public List<String> protocols() {
        return List.copyOf(auroc.keySet());
    }

    /** AUROC (in [0, 1]) per digit run, for one protocol, model and score. */
    public double[] auroc(String protocol, String model, String score) {
        return auroc.get(protocol).get(model).get(score).clone();
    }

    private static String title(String protocol) {
        return protocol.equals("an-cho") ? "An & Cho: digit anomalous, other nine normal"
                : "Deep SVDD protocol: digit normal, other nine anomalous";
    }

    /**
     * AUROC in percent (one decimal) per digit and the mean over the digits run, one column per model and score; the
     * Deep SVDD protocol also gets the published Deep SVDD column.
     */
    public Table table(String protocol) {
        Table t = Table.create("AUROC (%), " + title(protocol));
        StringColumn digitColumn = StringColumn.create("digit");
        Arrays.stream(digits).forEach(d -> digitColumn.append(Integer.toString(d)));
        digitColumn.append("mean");
        t.addColumns(digitColumn);
        for (Map.Entry<String, Map<String, double[]>> m : auroc.get(protocol).entrySet()) {
            for (Map.Entry<String, double[]> s : m.getValue().entrySet()) {
                DoubleColumn c = DoubleColumn.create(m.getKey() + " " + s.getKey());
                for (double v : s.getValue()) {
                    c.append(Math.round(1000 * v) / 10.0);
                }
                c.append(Math.round(1000 * Arrays.stream(s.getValue()).average().orElse(Double.NaN)) / 10.0);
                t.addColumns(c);
            }
        }
        if (protocol.equals("deep-svdd")) {
            DoubleColumn ref = DoubleColumn.create("Deep SVDD (published)");
            Arrays.stream(digits).forEach(d -> ref.append(DEEP_SVDD_PUBLISHED[d]));
            ref.append(Math.round(10 * Arrays.stream(digits).mapToDouble(d -> DEEP_SVDD_PUBLISHED[d]).average()
                    .orElse(Double.NaN)) / 10.0);
            t.addColumns(ref);
        }
        return t;
    }

    /** AUROC (%) against the digit, one line per model and score (and the published Deep SVDD line). */
    public Figure figure(String protocol) {
        double[] digitAxis = Arrays.stream(digits).asDoubleStream().toArray();
        Map<String, double[][]> lines = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> m : auroc.get(protocol).entrySet()) {
            for (Map.Entry<String, double[]> s : m.getValue().entrySet()) {
                lines.put(m.getKey() + " " + s.getKey(), new double[][] {digitAxis,
                    Arrays.stream(s.getValue()).map(v -> 100 * v).toArray()});
            }
        }
        if (protocol.equals("deep-svdd")) {
            lines.put("Deep SVDD (Ruff et al. 2018)", new double[][] {digitAxis,
                Arrays.stream(digits).mapToDouble(d -> DEEP_SVDD_PUBLISHED[d]).toArray()});
        }
        return Plots.lines(protocol.equals("an-cho") ? "An & Cho protocol: AUROC with the digit as the anomaly"
                : "Deep SVDD protocol: AUROC with the digit as the normal class",
                protocol.equals("an-cho") ? "anomalous digit" : "normal digit", "AUROC (%)", lines);
    }

    /** Records the mean AUROC over the digits per protocol, model and score as headline results. */
    public void recordHeadlines(Exports out) {
        for (Map.Entry<String, Map<String, Map<String, double[]>>> p : auroc.entrySet()) {
            for (Map.Entry<String, Map<String, double[]>> m : p.getValue().entrySet()) {
                for (Map.Entry<String, double[]> s : m.getValue().entrySet()) {
                    out.result(m.getKey().toUpperCase(Locale.ROOT), "MNIST one-class, " + p.getKey()
                            + " protocol, mean over digits " + Arrays.toString(digits), "AUROC " + s.getKey()
                            + (s.getKey().equals("IW") ? " (K=" + samples + ")" : ""),
                            Arrays.stream(s.getValue()).average().orElse(Double.NaN), "AUROC");
                }
            }
        }
    }
}
