package org.dgmkit.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.data.MnistData;
import org.dgmkit.data.Rows;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.plot.Exports;
import org.dgmkit.plot.Figure;
import org.dgmkit.plot.Plots;
import org.dgmkit.plot.TableBuilder;
import org.dgmkit.score.LikelihoodScorer;
import org.dgmkit.score.LikelihoodScores;
import org.dgmkit.score.Metrics;
import org.dgmkit.score.RocCurve;
import org.dgmkit.score.anomaly.Noise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/**
 * Notebook 05's experiment: clean test digits against noisy copies of the same digits, for every noise type and
 * level, scored by every model with three likelihood scores. Clean and noisy sets are binarised alike (sampled, with
 * the same seed, so clean and noisy copies are paired); a set is named {@code "<NOISE> <level>"}, e.g.
 * {@code "GAUSSIAN 0.05"}. Anomaly score = minus the log-likelihood, label 1 = noisy; the AUROC of each score is
 * computed over the clean set plus one noisy set (half anomalous).
 */
public final class NoiseSweep {
    /** The scores compared: reconstruction log-likelihood (the study's), ELBO, IW bound. */
    public static final List<String> SCORES = List.of("recon LL", "ELBO", "IW");

    private final Map<Noise, double[]> levels;
    private final INDArray clean;
    private final Map<String, INDArray> noisy = new LinkedHashMap<>();
    private final Map<String, Map<String, LikelihoodScores>> scores = new LinkedHashMap<>();
    private int samples;
    private List<Row> rows;

    /**
     * One model, noise type and level: the ROC curve of every score (in {@link #SCORES} order) and the average
     * precision of the reconstruction log-likelihood.
     */
    public record Row(String model, Noise noise, double level, int levelIndex, List<RocCurve> rocs, double averagePrecision) {
    }

    /**
     * The most and least anomalous clean digits of one model (row indices into the clean set): lowest reconstruction
     * log-likelihood first, and the highest last.
     */
    public record Extremes(String model, int[] most, int[] least, double[] logLikelihood, Figure mostFigure,
                           Figure leastFigure) {
        /** One line with the log-likelihood range of both groups. */
        public String summary() {
            int n = most.length;
            return String.format(Locale.ROOT, "%s: recon LL of the most anomalous %.1f ... %.1f nats, least anomalous"
                    + " %.1f ... %.1f nats", model, logLikelihood[most[0]], logLikelihood[most[n - 1]],
                    logLikelihood[least[0]], logLikelihood[least[n - 1]]);
        }
    }

    private NoiseSweep(Map<Noise, double[]> levels, INDArray clean) {
        this.levels = levels;
        this.clean = clean;
    }

    /**
     * The clean set (grey test digits binarised with {@code seed + 1}) and one noisy set per noise type and level:
     * level i of noise n is drawn with seed {@code seed + 100 * n.ordinal() + i}, then binarised like the clean set.
     */
    public static NoiseSweep of(INDArray testGrey, Map<Noise, double[]> levels, long seed) {
        NoiseSweep sweep = new NoiseSweep(new LinkedHashMap<>(levels), binarise(testGrey, seed + 1));
        for (Map.Entry<Noise, double[]> e : sweep.levels.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                double level = e.getValue()[i];
                INDArray grey = e.getKey().apply(testGrey, level, seed + 100L * e.getKey().ordinal() + i);
                sweep.noisy.put(setName(e.getKey(), level), binarise(grey, seed + 1));
            }
        }
        return sweep;
    }

    private static INDArray binarise(INDArray grey, long seed) {
        return new MnistData(grey, new int[(int) grey.rows()]).sampleBinarized(seed);
    }

    /** The name of a noisy set. */
    public static String setName(Noise noise, double level) {
        return noise + " " + level;
    }

    /** The binarised clean digits. */
    public INDArray clean() {
        return clean;
    }

    /** The noisy sets by name, in noise and level order. */
    public Map<String, INDArray> noisySets() {
        return java.util.Collections.unmodifiableMap(noisy);
    }

    /** The first {@code digits} of every noisy set, one row per set labelled e.g. "G 0.05". */
    public Figure examples(int digits) {
        List<INDArray> parts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Map.Entry<Noise, double[]> e : levels.entrySet()) {
            for (double level : e.getValue()) {
                parts.add(Rows.first(noisy.get(setName(e.getKey(), level)), digits));
                labels.add(e.getKey().name().charAt(0) + " " + level);
            }
        }
        return Plots.imageGrid("Binarised test digits with noise (G = Gaussian sd, S = salt-and-pepper, U = uniform"
                + " fraction)", Nd4j.vstack(parts.toArray(new INDArray[0])), digits, labels);
    }

    /** Scores the clean set and every noisy set with {@code model}, {@code samples} posterior samples per digit. */
    public void score(String name, LatentVariableModel model, LikelihoodScorer scorer, int samples) {
        this.samples = samples;
        this.rows = null;
        Map<String, LikelihoodScores> bySet = new LinkedHashMap<>();
        bySet.put("clean", scorer.all(model, clean, samples));
        for (Map.Entry<String, INDArray> s : noisy.entrySet()) {
            bySet.put(s.getKey(), scorer.all(model, s.getValue(), samples));
        }
        scores.put(name, bySet);
    }

    /** Every model's scores: model -> set ("clean" first) -> scores. */
    public Map<String, Map<String, LikelihoodScores>> scores() {
        return java.util.Collections.unmodifiableMap(scores);
    }

    /** The values of one of {@link #SCORES}. */
    public static double[] values(LikelihoodScores s, String score) {
        return switch (score) {
            case "recon LL" -> s.reconstructionLogLikelihood();
            case "ELBO" -> s.elbo();
            case "IW" -> s.importanceWeighted();
            default -> throw new IllegalArgumentException("unknown score '" + score + "'; known: " + SCORES);
        };
    }

    private record MeanRow(String model, String set, LikelihoodScores s) { }

    /** Mean of each score per model and set (nats). */
    public Table meanScores() {
        List<MeanRow> means = new ArrayList<>();
        scores.forEach((m, bySet) -> bySet.forEach((set, s) -> means.add(new MeanRow(m, set, s))));
        return TableBuilder.of("mean scores (nats)", means).text("model", MeanRow::model).text("set", MeanRow::set)
                .number("recon LL", r -> mean(r.s().reconstructionLogLikelihood()))
                .number("ELBO", r -> mean(r.s().elbo()))
                .number("IW (K=" + samples + ")", r -> mean(r.s().importanceWeighted())).build();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Per model and noise type: histograms of the clean and every level's reconstruction log-likelihood. */
    public Map<String, Figure> histograms() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, LikelihoodScores>> m : scores.entrySet()) {
            for (Map.Entry<Noise, double[]> e : levels.entrySet()) {
                Map<String, double[]> h = new LinkedHashMap<>();
                h.put("clean", m.getValue().get("clean").reconstructionLogLikelihood());
                for (double level : e.getValue()) {
                    String set = setName(e.getKey(), level);
                    h.put(set, m.getValue().get(set).reconstructionLogLikelihood());
                }
                figures.put(m.getKey() + "-histogram-" + e.getKey().name().toLowerCase(Locale.ROOT),
                        Plots.histograms(m.getKey() + ": reconstruction log-likelihood, clean vs " + e.getKey()
                                + " noise", "E_q[log p(x|z)] (nats)", h, 60));
            }
        }
        return figures;
    }

    /** The ROC of every score for every model, noise type and level, in that order (computed once). */
    public List<Row> rows() {
        if (rows == null) {
            int n = (int) clean.rows();
            int[] labels = new int[2 * n];
            Arrays.fill(labels, n, labels.length, 1);
            List<Row> out = new ArrayList<>();
            for (Map.Entry<String, Map<String, LikelihoodScores>> m : scores.entrySet()) {
                LikelihoodScores c = m.getValue().get("clean");
                for (Map.Entry<Noise, double[]> e : levels.entrySet()) {
                    for (int i = 0; i < e.getValue().length; i++) {
                        double level = e.getValue()[i];
                        LikelihoodScores noisyScores = m.getValue().get(setName(e.getKey(), level));
                        List<RocCurve> rocs = new ArrayList<>();
                        for (String score : SCORES) {
                            rocs.add(Metrics.roc(anomaly(c, noisyScores, score), labels));
                        }
                        out.add(new Row(m.getKey(), e.getKey(), level, i, List.copyOf(rocs),
                                Metrics.averagePrecision(anomaly(c, noisyScores, "recon LL"), labels)));
                    }
                }
            }
            rows = List.copyOf(out);
        }
        return rows;
    }

    /** Anomaly scores (higher = more anomalous) of the clean then the noisy digits. */
    private static double[] anomaly(LikelihoodScores clean, LikelihoodScores noisy, String score) {
        double[] a = values(clean, score);
        double[] b = values(noisy, score);
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return LikelihoodScorer.anomalyScore(c);
    }

    /** AUROC of every score and the average precision of the reconstruction log-likelihood per row. */
    public Table aurocTable() {
        return TableBuilder.of("AUROC, clean vs noisy", rows()).text("model", Row::model)
                .text("noise", r -> r.noise().name()).number("level", Row::level)
                .number("AUROC recon LL", r -> r.rocs().get(0).auc()).number("AUROC ELBO", r -> r.rocs().get(1).auc())
                .number("AUROC IW (K=" + samples + ")", r -> r.rocs().get(2).auc())
                .number("AP recon LL", Row::averagePrecision).build();
    }

    /** Per model and noise type: the ROC curves of the reconstruction log-likelihood, one per level. */
    public Map<String, Figure> rocFigures() {
        Map<String, Map<String, RocCurve>> curves = new LinkedHashMap<>();
        for (Row r : rows()) {
            curves.computeIfAbsent(r.model() + "-roc-" + r.noise().name().toLowerCase(Locale.ROOT),
                    k -> new LinkedHashMap<>()).put("level " + r.level(), r.rocs().get(0));
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Row r : rows()) {
            String name = r.model() + "-roc-" + r.noise().name().toLowerCase(Locale.ROOT);
            figures.computeIfAbsent(name, k -> Plots.roc(r.model() + ": ROC, clean vs " + r.noise()
                    + " noise (reconstruction log-likelihood)", curves.get(name)));
        }
        return figures;
    }

    /**
     * Records the AUROC of every score at level index {@code headlineLevel} of each noise type as headline results,
     * e.g. model "VAE", task "MNIST clean vs GAUSSIAN noise 0.05", metric "AUROC IW (K=100)".
     */
    public void recordHeadlines(Exports out, int headlineLevel) {
        for (Row r : rows()) {
            if (r.levelIndex() != headlineLevel) {
                continue;
            }
            for (int k = 0; k < SCORES.size(); k++) {
                out.result(r.model().toUpperCase(Locale.ROOT), "MNIST clean vs " + r.noise() + " noise " + r.level(),
                        "AUROC " + SCORES.get(k) + (k == 2 ? " (K=" + samples + ")" : ""), r.rocs().get(k).auc(), "AUROC");
            }
        }
    }

    /** Per noise type: the AUROC against the level, one line per model and score. */
    public Map<String, Figure> aurocVsLevel() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Map.Entry<Noise, double[]> e : levels.entrySet()) {
            Noise noise = e.getKey();
            Map<String, double[][]> lines = new LinkedHashMap<>();
            for (String model : scores.keySet()) {
                List<Row> mine = rows().stream().filter(r -> r.model().equals(model) && r.noise() == noise).toList();
                for (int k = 0; k < SCORES.size(); k++) {
                    int score = k;
                    lines.put(model + " " + SCORES.get(k), new double[][] {mine.stream().mapToDouble(Row::level).toArray(),
                        mine.stream().mapToDouble(r -> r.rocs().get(score).auc()).toArray()});
                }
            }
            figures.put("auroc-vs-level-" + noise.name().toLowerCase(Locale.ROOT), Plots.lines("AUROC against " + noise
                    + " noise level", noise == Noise.GAUSSIAN ? "noise standard deviation" : "fraction of pixels",
                    "AUROC", lines));
        }
        return figures;
    }

    /** The {@code n} clean digits {@code model} finds least and most likely, with their image grids. */
    public Extremes extremes(String model, int n) {
        double[] ll = scores.get(model).get("clean").reconstructionLogLikelihood();
        Integer[] order = new Integer[ll.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> ll[i]));
        int k = Math.min(n, ll.length);
        int[] most = Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
        int[] least = Arrays.stream(order).skip(ll.length - k).mapToInt(Integer::intValue).toArray();
        return new Extremes(model, most, least, ll,
                Plots.imageGrid(model + ": most anomalous clean test digits (lowest recon LL first)",
                        Nd4j.pullRows(clean, 1, most), 10, null),
                Plots.imageGrid(model + ": least anomalous clean test digits (highest recon LL last)",
                        Nd4j.pullRows(clean, 1, least), 10, null));
    }
}
