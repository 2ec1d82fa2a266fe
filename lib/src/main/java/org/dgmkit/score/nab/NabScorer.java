package org.dgmkit.score.nab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabFormatException;
import org.dgmkit.data.nab.NabProfile;
import org.dgmkit.data.nab.NabSeries;

/**
 * NAB's scorer (numenta/NAB at commit ea702d75: {@code sweeper.py}, {@code scorer.py}, {@code optimizer.py},
 * {@code runner.py normalize}) for anomaly scores held in memory.
 *
 * <pre>{@code
 * NabCorpus nab = Nab.corpus();
 * Map<String, double[]> scores = ...;                      // "category/file.csv" -> one score in [0,1] per row
 * NabResult r = NabScorer.score(scores, nab, nab.profile("standard"));     // threshold optimised
 * NabResult a = NabScorer.score(NabScorer.restrict(scores, nab.artificialNames()), nab, NabProfile.STANDARD);
 * }</pre>
 *
 * <p>The files scored are the map's keys: the threshold is optimised, and the score normalised, over those
 * files only (NAB normalises over the whole corpus it scores: null = every window of the scored files missed,
 * perfect = tpWeight × number of windows of the scored files).
 */
public final class NabScorer {
    private NabScorer() {
    }

    /** Scores with the threshold NAB's optimizer would pick over the given files. */
    public static NabResult score(Map<String, double[]> scoresByFile, NabCorpus corpus, NabProfile profile) {
        List<NabSweep> sweeps = sweeps(scoresByFile, corpus, profile);
        NabThresholdScore best = NabThresholdSweep.best(NabThresholdSweep.curve(sweeps, profile));
        return result(sweeps, corpus, profile, best.threshold(), true);
    }

    /** Scores at a given threshold (detections: anomaly score ≥ threshold). */
    public static NabResult scoreAt(Map<String, double[]> scoresByFile, NabCorpus corpus, NabProfile profile,
            double threshold) {
        return result(sweeps(scoresByFile, corpus, profile), corpus, profile, threshold, false);
    }

    /** Scores under every profile of the corpus, each with its optimised threshold, in profile order. */
    public static List<NabResult> scoreAllProfiles(Map<String, double[]> scoresByFile, NabCorpus corpus) {
        List<NabResult> out = new ArrayList<>();
        for (NabProfile p : corpus.profiles().values()) {
            out.add(score(scoresByFile, corpus, p));
        }
        return out;
    }

    /** The score-versus-threshold curve over the given files (for plots), highest threshold first. */
    public static List<NabThresholdScore> curve(Map<String, double[]> scoresByFile, NabCorpus corpus,
            NabProfile profile) {
        return NabThresholdSweep.curve(sweeps(scoresByFile, corpus, profile), profile);
    }

    /** The entries of {@code scoresByFile} for the given names only (e.g. {@code corpus.artificialNames()}). */
    public static Map<String, double[]> restrict(Map<String, double[]> scoresByFile, Collection<String> names) {
        Map<String, double[]> out = new TreeMap<>();
        for (String n : names) {
            double[] s = scoresByFile.get(n);
            if (s == null) {
                throw new NabFormatException("no anomaly scores for " + n + "; expected an entry for every name");
            }
            out.put(n, s);
        }
        return out;
    }

    /** One file's score at a threshold, as NAB's {@code scoreDataSet} computes it. */
    public static NabFileScore scoreFile(NabSweep sweep, NabProfile profile, double threshold) {
        NabThresholdScore s = NabThresholdSweep.at(NabThresholdSweep.curve(List.of(sweep), profile), threshold);
        return new NabFileScore(sweep.name(), threshold, s.score(), s.tp(), s.tn(), s.fp(), s.fn());
    }

    /** A detector that never fires: −fnWeight for every window with a scored row (NAB's null detector). */
    static double nullScore(NabSweep sweep, NabProfile profile) {
        boolean[] scored = new boolean[sweep.windowCount()];
        for (int i = 0; i < sweep.size(); i++) {
            if (!sweep.probationary(i) && sweep.windowOf(i) >= 0) {
                scored[sweep.windowOf(i)] = true;
            }
        }
        double s = 0;
        for (boolean b : scored) {
            s += b ? -profile.fnWeight() : 0;
        }
        return s;
    }

    private static NabResult result(List<NabSweep> sweeps, NabCorpus corpus, NabProfile profile, double threshold,
            boolean optimised) {
        List<NabFileScore> files = new ArrayList<>();
        double raw = 0;
        double nullScore = 0;
        for (NabSweep s : sweeps) {
            NabFileScore f = scoreFile(s, profile, threshold);
            files.add(f);
            raw += f.score();
            nullScore += nullScore(s, profile);
        }
        List<String> names = sweeps.stream().map(NabSweep::name).toList();
        double perfect = corpus.windowCount(names) * profile.tpWeight();
        return new NabResult(profile, threshold, optimised, raw, nullScore, perfect, List.copyOf(files));
    }

    /** Validates the scores (known file, one per row, finite, in [0,1]) and sweeps each file, in name order. */
    static List<NabSweep> sweeps(Map<String, double[]> scoresByFile, NabCorpus corpus, NabProfile profile) {
        if (scoresByFile.isEmpty()) {
            throw new NabFormatException("no files to score; expected anomaly scores for at least one NAB file");
        }
        Map<String, double[]> sorted = new TreeMap<>(scoresByFile);
        List<NabSeries> series = corpus.series(sorted.keySet().stream().map(n -> known(corpus, n)).toList());
        Map<String, NabSweep> out = new LinkedHashMap<>();
        for (NabSeries s : series) {
            double[] scores = sorted.get(s.name());
            if (scores == null || scores.length != s.size()) {
                throw new NabFormatException(s.name() + ": " + (scores == null ? 0 : scores.length)
                        + " anomaly scores; expected one per row (" + s.size() + ")");
            }
            for (int i = 0; i < scores.length; i++) {
                if (!(scores[i] >= 0 && scores[i] <= 1)) {
                    throw new NabFormatException(s.name() + ": row " + i + ": anomaly score " + scores[i]
                            + "; expected a number in [0, 1]");
                }
            }
            out.put(s.name(), NabSweep.of(s, scores, profile));
        }
        return new ArrayList<>(out.values());
    }

    private static String known(NabCorpus corpus, String name) {
        if (!corpus.contains(name)) {
            throw new NabFormatException("anomaly scores for '" + name + "', which is not a file of the NAB corpus "
                    + corpus.root() + "; expected names like 'artificialWithAnomaly/art_daily_jumpsup.csv'");
        }
        return name;
    }
}
