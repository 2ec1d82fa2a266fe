package org.dgmkit.detect;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabProfile;
import org.dgmkit.score.nab.NabResult;
import org.dgmkit.score.nab.NabScorer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * NAB scores of a detector without fooling ourselves: per profile, the threshold is optimised on the tuning split
 * ({@link NabDetection#tuningFiles}) and carried over to the held-out files and to all files, beside NAB's own
 * optimised threshold on each. Subsets with no scored file are left out (NaN).
 *
 * @param profiles one row per profile, in the corpus's profile order
 */
public record NabEvaluation(List<Row> profiles) {

    /**
     * One profile's figures (normalised NAB scores; thresholds; NaN where the subset was not scored).
     *
     * @param tuningThreshold  threshold optimised on the tuning files
     * @param tuning           score of the tuning files at that threshold
     * @param heldOutCarried   held-out files at the tuning threshold
     * @param heldOutOptimised held-out files at their own optimised threshold
     * @param heldOutThreshold that threshold
     * @param allCarried       all scored files at the tuning threshold
     * @param allOptimised     all scored files at their optimised threshold
     * @param allThreshold     that threshold
     * @param files            number of files scored
     */
    public record Row(String profile, double tuningThreshold, double tuning, double heldOutCarried,
                      double heldOutOptimised, double heldOutThreshold, double allCarried, double allOptimised,
                      double allThreshold, int files) { }

    /** Evaluates per-file anomaly scores (any subset of the corpus). */
    public static NabEvaluation of(NabCorpus corpus, Map<String, double[]> scores) {
        Map<String, double[]> tuning = NabDetection.subset(scores, NabDetection.tuningFiles(corpus));
        Map<String, double[]> heldOut = NabDetection.subset(scores, NabDetection.heldOutFiles(corpus));
        List<Row> rows = new ArrayList<>();
        for (NabProfile p : corpus.profiles().values()) {
            double tThr = Double.NaN;
            double t = Double.NaN;
            if (!tuning.isEmpty()) {
                NabResult r = NabScorer.score(tuning, corpus, p);
                tThr = r.threshold();
                t = r.normalized();
            }
            double hCarried = Double.NaN;
            double hOpt = Double.NaN;
            double hThr = Double.NaN;
            if (!heldOut.isEmpty()) {
                NabResult r = NabScorer.score(heldOut, corpus, p);
                hOpt = r.normalized();
                hThr = r.threshold();
                if (!tuning.isEmpty()) {
                    hCarried = NabScorer.scoreAt(heldOut, corpus, p, tThr).normalized();
                }
            }
            NabResult all = NabScorer.score(scores, corpus, p);
            double aCarried = tuning.isEmpty() ? Double.NaN : NabScorer.scoreAt(scores, corpus, p, tThr).normalized();
            rows.add(new Row(p.name(), tThr, t, hCarried, hOpt, hThr, aCarried, all.normalized(), all.threshold(),
                    scores.size()));
        }
        return new NabEvaluation(List.copyOf(rows));
    }

    /** The row of a profile ("standard", "reward_low_FP_rate", "reward_low_FN_rate"). */
    public Row profile(String name) {
        return profiles.stream().filter(r -> r.profile().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile '" + name + "'"));
    }

    /** As a table, one row per profile. */
    public Table table() {
        return Table.create("NAB scores: tuning split, held-out files, all files",
                StringColumn.create("profile", profiles.stream().map(Row::profile)),
                DoubleColumn.create("tuning threshold", profiles.stream().mapToDouble(Row::tuningThreshold)),
                DoubleColumn.create("tuning", profiles.stream().mapToDouble(Row::tuning)),
                DoubleColumn.create("held-out (carried over)", profiles.stream().mapToDouble(Row::heldOutCarried)),
                DoubleColumn.create("held-out (optimised)", profiles.stream().mapToDouble(Row::heldOutOptimised)),
                DoubleColumn.create("all (carried over)", profiles.stream().mapToDouble(Row::allCarried)),
                DoubleColumn.create("all (optimised)", profiles.stream().mapToDouble(Row::allOptimised)),
                IntColumn.create("files", profiles.stream().mapToInt(Row::files).toArray()));
    }

    /**
     * {@code RESULT nab-detect model=M profile=P normalized=S} per profile (all files scored, NAB's optimised
     * threshold), then the same with {@code split=tuning|heldout-carried|heldout-optimised|all-carried}.
     */
    public List<String> resultLines(String model) {
        List<String> out = new ArrayList<>();
        for (Row r : profiles) {
            out.add(line(model, r.profile(), "", r.allOptimised()));
        }
        for (Row r : profiles) {
            out.add(line(model, r.profile(), " split=tuning", r.tuning()));
            out.add(line(model, r.profile(), " split=heldout-carried", r.heldOutCarried()));
            out.add(line(model, r.profile(), " split=heldout-optimised", r.heldOutOptimised()));
            out.add(line(model, r.profile(), " split=all-carried", r.allCarried()));
        }
        return out;
    }

    private static String line(String model, String profile, String split, double v) {
        return String.format(Locale.ROOT, "RESULT nab-detect model=%s profile=%s%s normalized=%.2f", model, profile,
                split, v);
    }

    /** As JSON (for the results folder). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        for (Row r : profiles) {
            JsonObject p = new JsonObject();
            p.addProperty("tuningThreshold", r.tuningThreshold());
            p.addProperty("tuning", r.tuning());
            p.addProperty("heldOutCarriedOver", r.heldOutCarried());
            p.addProperty("heldOutOptimised", r.heldOutOptimised());
            p.addProperty("heldOutThreshold", r.heldOutThreshold());
            p.addProperty("allCarriedOver", r.allCarried());
            p.addProperty("allOptimised", r.allOptimised());
            p.addProperty("allThreshold", r.allThreshold());
            p.addProperty("files", r.files());
            o.add(r.profile(), p);
        }
        return o;
    }

    /** One compact line: standard / low FP / low FN for tuning, held-out carried, all optimised. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (String what : List.of("tuning", "heldout", "all")) {
            b.append(what).append(' ');
            for (Row r : profiles) {
                double v = what.equals("tuning") ? r.tuning() : what.equals("heldout") ? r.heldOutCarried()
                        : r.allOptimised();
                b.append(String.format(Locale.ROOT, "%.2f/", v));
            }
            b.setLength(b.length() - 1);
            b.append("  ");
        }
        return b.toString().trim();
    }
}
