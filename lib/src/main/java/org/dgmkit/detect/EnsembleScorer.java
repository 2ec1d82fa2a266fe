package org.dgmkit.detect;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Raw anomaly scores of an ensemble: {@code ensemble} {@link ModelScorer}s whose settings differ only in their seed
 * (member k has {@code seed + k}), or, with {@code ensembleModels}, that many seeds of each listed model (member
 * {@code i * ensemble + k} is model i with {@code seed + k}), each fitted and scoring on its own, combined row by row
 * ({@code ensembleCombine}). With {@code ensembleSpans} every model comes once per window span (member
 * {@code (i * spans + j) * ensemble + k} is model i on span j with {@code seed + k}): a multi-scale ensemble, whose
 * short windows see a spike of a few rows that a long window's block means smooth away. One model's score depends on
 * its seed by several NAB points; the ensemble averages that noise away. Causal like its members: row t's combined
 * score uses the members' scores of row t only. With {@code ensembleLevel=likelihood} the members' raw scores are
 * not combined here but handed on one by one ({@link #nextMembers}) to a {@link PostProcessor} that runs a
 * likelihood per member (or a {@link SignalProcessor} that gives each its own z).
 *
 * <p>An ensemble of one is its single member, bit for bit.
 */
public final class EnsembleScorer {
    /** How the members' raw scores of a row are combined. */
    public enum Combine {
        /** Their mean (a negated bound averaged over the members). */
        MEAN,
        /**
         * The negated log of the members' mean likelihood, {@code -log(mean_k exp(-s_k))}: the ensemble as a mixture
         * density. A soft minimum: a row scores high only when every member finds it unlikely.
         */
        MIXTURE,
        /** Their median. */
        MEDIAN,
        /** Their maximum: a row is as anomalous as the member that finds it most anomalous. */
        MAX
    }

    private final List<ModelScorer> members = new ArrayList<>();
    private final Combine combine;

    /** The members of {@code settings} ({@code ensemble} of them) for a series with the given probationary period. */
    public EnsembleScorer(DetectorSettings settings, int probationRows) {
        int m = memberCount(settings);
        for (int k = 0; k < m; k++) {
            members.add(new ModelScorer(memberSettings(settings, k), probationRows));
        }
        this.combine = settings.ensembleCombine();
    }

    /** Members of the ensemble of {@code settings}: {@code ensemble} times the number of its models and spans. */
    public static int memberCount(DetectorSettings settings) {
        return settings.getInt("ensemble") * settings.ensembleModels().size() * settings.ensembleSpans().size();
    }

    /**
     * The settings of member {@code k}: the ensemble's with model {@code k / (ensemble * spans)} of its models (the
     * {@code model} when {@code ensembleModels} is empty), span {@code k / ensemble % spans} of its spans (the
     * {@code span} when {@code ensembleSpans} is empty), {@code seed + k % ensemble} and no ensemble; so a member's
     * raw scores are the single model's.
     */
    public static DetectorSettings memberSettings(DetectorSettings settings, int k) {
        int e = settings.getInt("ensemble");
        List<String> models = settings.ensembleModels();
        List<String> spans = settings.ensembleSpans();
        int count = e * models.size() * spans.size();
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("ensemble member " + k + " of " + count);
        }
        long seed = Long.parseLong(settings.get("seed")) + k % e;
        return settings.with("ensemble", "1").with("ensembleCombine", "mean").with("ensembleModels", "")
                .with("ensembleSpans", "").with("ensembleLevel", "raw")
                .with("model", models.get(k / (e * spans.size()))).with("span", spans.get(k / e % spans.size()))
                .with("seed", Long.toString(seed));
    }

    /** Consumes the next row and returns its combined raw score (NaN when no member has one). */
    public double next(LocalDateTime timestamp, double value) {
        double[] row = new double[members.size()];
        for (int k = 0; k < row.length; k++) {
            row[k] = members.get(k).next(timestamp, value);
        }
        return combine(combine, row);
    }

    /** Consumes the next row and returns each member's raw score (NaN where a member has none), in member order. */
    public double[] nextMembers(LocalDateTime timestamp, double value) {
        double[] row = new double[members.size()];
        for (int k = 0; k < row.length; k++) {
            row[k] = members.get(k).next(timestamp, value);
        }
        return row;
    }

    /** Each member's raw scores of a whole series from fresh members: the numbers {@link #nextMembers} would give. */
    public List<double[]> scoreAllMembers(LocalDateTime[] timestamps, double[] series) {
        List<double[]> raw = new ArrayList<>();
        for (ModelScorer s : members) {
            raw.add(s.scoreAll(timestamps, series));
        }
        return raw;
    }

    /** Each member's raw scores of the next rows ({@link ModelScorer#nextBlock}), in member order. */
    public List<double[]> nextBlockMembers(LocalDateTime[] timestamps, double[] series) {
        List<double[]> raw = new ArrayList<>();
        for (ModelScorer s : members) {
            raw.add(s.nextBlock(timestamps, series));
        }
        return raw;
    }

    /** Combined raw scores of the next rows: the numbers {@link #next} would give row by row. */
    public double[] nextBlock(LocalDateTime[] timestamps, double[] series) {
        return combine(combine, nextBlockMembers(timestamps, series));
    }

    /** The combination of the members' raw scores (the ensemble's raw-level score). */
    public Combine combination() {
        return combine;
    }

    /** Combined raw scores of a whole series from fresh members: the numbers {@link #next} would give. */
    public double[] scoreAll(LocalDateTime[] timestamps, double[] series) {
        return combine(combine, scoreAllMembers(timestamps, series));
    }

    /** Row-by-row combination of the members' raw scores (equal lengths). */
    public static double[] combine(Combine combine, List<double[]> raw) {
        int n = raw.get(0).length;
        for (double[] r : raw) {
            if (r.length != n) {
                throw new IllegalArgumentException("members' raw scores differ in length: " + r.length + " vs " + n);
            }
        }
        if (raw.size() == 1) {
            return raw.get(0).clone();
        }
        double[] out = new double[n];
        double[] row = new double[raw.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = raw.get(k)[i];
            }
            out[i] = combine(combine, row);
        }
        return out;
    }

    /**
     * One row's combination over the members with a score (NaN members are left out: a failed model does not veto
     * the others); NaN when none has one.
     */
    public static double combine(Combine combine, double[] row) {
        if (row.length == 1) {
            return row[0];
        }
        double[] s = Arrays.stream(row).filter(Double::isFinite).toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        switch (combine) {
            case MEAN -> {
                double sum = 0;
                for (double v : s) {
                    sum += v;
                }
                return sum / s.length;
            }
            case MIXTURE -> {
                double min = Arrays.stream(s).min().getAsDouble(); // -log mean exp(-s) = min - log mean exp(min - s)
                double sum = 0;
                for (double v : s) {
                    sum += Math.exp(min - v);
                }
                return min - Math.log(sum / s.length);
            }
            case MEDIAN -> {
                Arrays.sort(s);
                int h = s.length / 2;
                return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
            }
            case MAX -> {
                return Arrays.stream(s).max().getAsDouble();
            }
            default -> throw new IllegalStateException(combine.toString());
        }
    }

    /** The members, in member order (models, then seeds). */
    public List<ModelScorer> members() {
        return List.copyOf(members);
    }

    /** Seconds spent training, over all members. */
    public double trainSeconds() {
        return members.stream().mapToDouble(ModelScorer::trainSeconds).sum();
    }

    /** Seconds spent scoring rows, over all members. */
    public double scoreSeconds() {
        return members.stream().mapToDouble(ModelScorer::scoreSeconds).sum();
    }

    /** One line: the first member's description and the ensemble's size. */
    public String describe() {
        String one = members.get(0).describe();
        return members.size() == 1 ? one
                : String.format(Locale.ROOT, "%s; ensemble of %d members (%s)", one, members.size(),
                combine.toString().toLowerCase(Locale.ROOT));
    }
}
