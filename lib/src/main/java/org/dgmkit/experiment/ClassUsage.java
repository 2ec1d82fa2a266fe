package org.dgmkit.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.adgm.Adgm;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How a semi-supervised classifier q(y|x) uses its classes on a set of digits: how sure it is of each digit (the mean
 * entropy of q(y|x)), how evenly it spreads the digits over the classes (the entropy of the mean of q(y|x), at most
 * log 10 = 2.303 nats), and where the digits of each true class go. Why: a model can be sure of every digit and still
 * err on 40 % of them when the unlabelled term has merged classes (M2 sending its 2s to 6, its 4s to 9); this tells
 * that apart from a model that is merely unsure.
 *
 * @param error       fraction of digits whose most probable class is not their label
 * @param meanEntropy mean over digits of H(q(y|x)), nats
 * @param usedEntropy H of the mean of q(y|x) over digits, nats
 * @param predicted   digits per most probable class
 * @param goesTo      per true class, the class most of its digits are predicted as
 * @param goesShare   per true class, the share of its digits predicted as {@code goesTo}
 */
public record ClassUsage(double error, double meanEntropy, double usedEntropy, int[] predicted, int[] goesTo,
                         double[] goesShare) {
    /** Classes that receive fewer than this share of the predictions (a tenth of a uniform share) count as unused. */
    public static final double UNUSED_SHARE = 0.01;

    /** The usage of class probabilities {@code probs} ([n][classes], rows summing to 1) against {@code labels}. */
    public static ClassUsage of(double[][] probs, int[] labels) {
        if (probs.length == 0 || probs.length != labels.length) {
            throw new IllegalArgumentException("ClassUsage: " + probs.length + " rows of probabilities, "
                    + labels.length + " labels");
        }
        int n = probs.length;
        int k = probs[0].length;
        double[] mean = new double[k];
        int[] predicted = new int[k];
        int[][] confusion = new int[k][k];
        double entropy = 0;
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int arg = 0;
            for (int c = 0; c < k; c++) {
                double p = probs[i][c];
                entropy -= p > 0 ? p * Math.log(p) / n : 0;
                mean[c] += p / n;
                arg = p > probs[i][arg] ? c : arg;
            }
            predicted[arg]++;
            confusion[labels[i]][arg]++;
            wrong += arg != labels[i] ? 1 : 0;
        }
        double used = 0;
        for (double p : mean) {
            used -= p > 0 ? p * Math.log(p) : 0;
        }
        int[] goesTo = new int[k];
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
            int total = 0;
            for (int j = 0; j < k; j++) {
                total += confusion[c][j];
                goesTo[c] = confusion[c][j] > confusion[c][goesTo[c]] ? j : goesTo[c];
            }
            share[c] = total == 0 ? Double.NaN : confusion[c][goesTo[c]] / (double) total;
        }
        return new ClassUsage(wrong / (double) n, entropy, used, predicted, goesTo, share);
    }

    /** The usage of {@code model}'s q(y|x) (a averaged over {@code samples} draws) on {@code data}. */
    public static ClassUsage of(Adgm model, MnistData data, int samples) {
        return of(model.classify(data.images(), samples).toDoubleMatrix(), data.labels());
    }

    /** Classes that receive fewer than {@link #UNUSED_SHARE} of the predictions. */
    public List<Integer> unusedClasses() {
        int n = 0;
        for (int p : predicted) {
            n += p;
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < predicted.length; c++) {
            if (predicted[c] < UNUSED_SHARE * n) {
                out.add(c);
            }
        }
        return out;
    }

    /** The true classes whose digits mostly go to another class, as "2→6 (78 %)". */
    public String merged() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < goesTo.length; c++) {
            if (goesTo[c] != c) {
                out.add(String.format(Locale.ROOT, "%d→%d (%.0f %%)", c, goesTo[c], 100 * goesShare[c]));
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** One row per model (in map order): error, the two entropies, the unused classes and the merged ones. */
    public static Table usageTable(String title, Map<String, ClassUsage> byModel) {
        List<String> names = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        List<Double> sure = new ArrayList<>();
        List<Double> spread = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        byModel.forEach((name, u) -> {
            names.add(name);
            error.add(Math.round(10000 * u.error()) / 100.0);
            sure.add(Math.round(1000 * u.meanEntropy()) / 1000.0);
            spread.add(Math.round(1000 * u.usedEntropy()) / 1000.0);
            unused.add(u.unusedClasses().isEmpty() ? "none" : u.unusedClasses().toString());
            merged.add(u.merged());
        });
        return Table.create(title, StringColumn.create("model", names), DoubleColumn.create("error (%)", error),
                DoubleColumn.create("mean H(q(y|x)) (nats)", sure),
                DoubleColumn.create("H(mean q(y|x)) (nats, max 2.303)", spread),
                StringColumn.create("classes almost never predicted (< 1 %)", unused),
                StringColumn.create("true classes mostly predicted as another", merged));
    }
}
