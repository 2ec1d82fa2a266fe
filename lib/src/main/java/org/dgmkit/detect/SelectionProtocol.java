package org.dgmkit.detect;

import java.util.List;
import java.util.Map;

/**
 * How the kit chooses a detector's settings, declared before any result it governs (committed before the runs
 * under it; a figure obtained any other way is labelled exploratory). It replaces NAB's 18-file tuning split
 * ({@link NabDetection#TUNING_CATEGORIES}), which mis-ranked settings against the held-out files again and again.
 *
 * <h2>Data</h2>
 * <ul>
 *   <li><b>NAB</b>: all 58 files, each whole, with NAB's own probationary period (15 % of the file, at most 750 rows)
 *       and NAB's scorer.</li>
 *   <li><b>KPI</b> (the 29 web-service KPIs of the 2018 AIOps challenge): for choosing, the <em>train part</em> of
 *       each KPI cut to its first {@link #KPI_SELECTION_ROWS} rows (what a 2-core machine can score for every
 *       candidate); for reporting, each KPI's train part followed by its test part streamed through the detector, the
 *       figures computed on the test rows only (the challenge's split). Probation as in NAB (15 %, at most 750 rows):
 *       rows before its end are not evaluated.</li>
 * </ul>
 *
 * <h2>Folds</h2>
 * Five folds, each mixing NAB categories and KPI series ({@link #fold}): NAB's {@code artificialNoAnomaly} and
 * {@code artificialWithAnomaly} in fold 0, {@code realAdExchange} and {@code realTraffic} in 1,
 * {@code realAWSCloudwatch} in 2, {@code realKnownCause} in 3, {@code realTweets} in 4; the KPI series in the order of
 * their ids, the i-th in fold {@code i mod 5}.
 *
 * <h2>Objective</h2>
 * For a candidate on a set of folds: J = (NAB / 100 + F1 + AP) / 3, where NAB is the normalised NAB score of the
 * standard profile over the NAB files of those folds at NAB's optimised threshold over them, F1 is the KPI challenge's
 * official F1 (delay 7, points pooled over series) at the best threshold over the KPI series of those folds, and AP
 * is the mean average precision of the anomaly score over those KPI series (rows after probation). All three reward a
 * detector that ranks anomalous rows high and fires early in a labelled segment; none can be raised by tuning on one
 * corpus alone.
 *
 * <h2>Rounds</h2>
 * The first 16 candidates were run first (the run repeated once after a fix of the KPI selection rows' metric). The
 * last four were added afterwards, before their run: the corrected run's ablations of its choice (exploratory, on
 * the same selection data: {@code kit evaluate}) put the rest period, chosen on NAB's tuning split before this
 * protocol, as the part that costs most (J 0.505 without it against 0.450). They are the rest period off on the
 * best candidates of each kind. The second round's out-of-fold figures estimate the choice among all 20; that the
 * four were proposed after looking at the same selection data makes them optimistic, which the held-out KPI test
 * parts are there to show. A third round of four (declared in the repository before its run) adds what exploratory
 * {@code kit evaluate} runs on the same selection data suggested for the second round's choice: the largest signal
 * instead of the sum (J 0.515 against 0.506 there), and a multi-scale model ({@code ensembleSpans=rows:12,P1D} at
 * member level: a VAE on the last 12 rows beside the one on the day's block means, each its own model signal;
 * the model signal alone went from J 0.363 to 0.468 with it, NAB 58.0 to 59.8, KPI F1 0.338 to 0.467, AP 0.171 to
 * 0.339), with the sum at model weight 0.3 and 0.5 or the largest signal. The same caveat holds, more so: the
 * third round's out-of-fold figures include the optimism of proposals made on the data they are estimated on.
 *
 * <h2>Choice</h2>
 * <ul>
 *   <li>The candidates are a list fixed in the repository before the selection run ({@code Candidates}); a tie goes
 *       to the earlier (simpler) one.</li>
 *   <li><b>Out-of-fold estimate</b>: for each fold k the candidate with the highest J over the other four folds is
 *       chosen and its scores on fold k kept; the pooled out-of-fold figures (NAB's three profiles over all 58 files
 *       at NAB's optimised threshold, KPI F1 and AP over the 29 series) are the honest estimate of the procedure.</li>
 *   <li><b>The chosen settings</b>: the candidate with the highest J over all five folds becomes the default of
 *       {@code kit detect} and {@code kit nab-detect}. Its all-58 NAB scores are reported beside the out-of-fold
 *       figures (they are in-sample); its KPI test-part figures are held out: official F1 at the threshold that
 *       maximised F1 on the KPI selection rows (carried over), the best F1 over thresholds (optimistic, for
 *       comparison with papers that report it), and the mean AP. Its alarm threshold ({@code threshold}, what
 *       {@code kit detect} alarms at) becomes that carried-over threshold.</li>
 *   <li>Baselines (windowed Gaussian, spectral residual, the model's raw score with a causal normalisation) run on the
 *       same data and are reported beside every candidate; they are not candidates for the default.</li>
 * </ul>
 */
public final class SelectionProtocol {
    /** Folds of the cross-validation. */
    public static final int FOLDS = 5;
    /** Rows of each KPI train part used for choosing (its first ones). */
    public static final int KPI_SELECTION_ROWS = 30_000;
    /** NAB categories by fold. */
    public static final Map<String, Integer> NAB_FOLDS = Map.of("artificialNoAnomaly", 0, "artificialWithAnomaly", 0,
            "realAdExchange", 1, "realTraffic", 1, "realAWSCloudwatch", 2, "realKnownCause", 3, "realTweets", 4);

    /**
     * A candidate for the default detector: a name and its settings over {@code DetectorSettings.numentaTuned(model)}
     * (the defaults before this protocol).
     *
     * @param name     short name for tables
     * @param model    the catalogue model
     * @param settings {@code key=value} assignments
     */
    public record Candidate(String name, String model, List<String> settings) {
        /** The candidate's detector settings. */
        public DetectorSettings detectorSettings() {
            return DetectorSettings.numentaTuned(model).withAll(settings.toArray(new String[0]));
        }
    }

    private static final String[] SIGNALS = {"post=signals", "restScale=0.5", "restLevel=0.95"};
    private static final String[] REFIT = {"refitEvery=2000", "refitRows=4000", "refitEpochs=10"};
    private static final String[] NO_REST = {"restWindow=0"};
    private static final String[] MULTI_SCALE = {"ensembleSpans=rows:12,P1D", "ensembleLevel=likelihood"};

    private static Candidate candidate(String name, String... settings) {
        return new Candidate(name, "vae", List.of(settings));
    }

    private static String[] join(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /**
     * The candidates, fixed before the selection run (committed before it; the raw scores and post-processing
     * variants were explored on the same data beforehand, so the out-of-fold figures are the protocol's honest
     * estimate of the choice among these, not of the exploration that proposed them). All use the VAE; the
     * signal candidates (post=signals, quiet rows halved, rest at score 0.95) differ in the model's raw score
     * (-ELBO, or the predictive score), how the signals combine (largest z, or the sum with the model's z weighted 0.3
     * or 1), the windows' statistics (mean or median), the novelty rule, the rest level and refits.
     */
    public static final List<Candidate> CANDIDATES = List.of(
            new Candidate("numenta-ens3", "vae", List.of()),
            candidate("numenta", "ensemble=1"),
            candidate("numenta-predict", "ensemble=1", "score=predict"),
            candidate("signals-max", join(new String[] {"ensemble=1"}, SIGNALS)),
            candidate("signals-sum.3", join(new String[] {"ensemble=1", "signalCombine=sum", "modelWeight=0.3"},
                    SIGNALS)),
            candidate("signals-sum1", join(new String[] {"ensemble=1", "signalCombine=sum"}, SIGNALS)),
            candidate("signals-max-predict", join(new String[] {"ensemble=1", "score=predict"}, SIGNALS)),
            candidate("signals-sum.3-predict", join(new String[] {"ensemble=1", "score=predict", "signalCombine=sum",
                "modelWeight=0.3"}, SIGNALS)),
            candidate("signals-sum1-predict", join(new String[] {"ensemble=1", "score=predict", "signalCombine=sum"},
                    SIGNALS)),
            candidate("signals-sum.3-median", join(new String[] {"ensemble=1", "signalCombine=sum", "modelWeight=0.3",
                "signalStats=median"}, SIGNALS)),
            candidate("signals-sum.3-predict-median", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=sum", "modelWeight=0.3", "signalStats=median"}, SIGNALS)),
            candidate("signals-sum.3-rest0.8", join(new String[] {"ensemble=1", "signalCombine=sum", "modelWeight=0.3"},
                    SIGNALS, new String[] {"restLevel=0.8"})),
            candidate("signals-sum.3-no-novelty", join(new String[] {"ensemble=1", "signalCombine=sum",
                "modelWeight=0.3", "novelty=false"}, SIGNALS)),
            candidate("numenta-refit", join(new String[] {"ensemble=1"}, REFIT)),
            candidate("signals-sum.3-refit", join(new String[] {"ensemble=1", "signalCombine=sum", "modelWeight=0.3"},
                    SIGNALS, REFIT)),
            candidate("signals-sum.3-predict-refit", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=sum", "modelWeight=0.3"}, SIGNALS, REFIT)),
            // second round, added after the corrected run's report (see the class comment): the rest period off
            candidate("signals-sum.3-no-rest", join(new String[] {"ensemble=1", "signalCombine=sum", "modelWeight=0.3"},
                    SIGNALS, NO_REST)),
            candidate("signals-sum.3-no-novelty-no-rest", join(new String[] {"ensemble=1", "signalCombine=sum",
                "modelWeight=0.3", "novelty=false"}, SIGNALS, NO_REST)),
            candidate("signals-sum.3-refit-no-rest", join(new String[] {"ensemble=1", "signalCombine=sum",
                "modelWeight=0.3"}, SIGNALS, REFIT, NO_REST)),
            candidate("signals-sum.3-predict-refit-no-rest", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=sum", "modelWeight=0.3"}, SIGNALS, REFIT, NO_REST)),
            // third round (see the class comment): the largest signal; the multi-scale model
            candidate("signals-max-predict-refit-no-rest", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=max", "modelWeight=0.3"}, SIGNALS, REFIT, NO_REST)),
            candidate("signals-sum.3-predict-refit-no-rest-ms", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=sum", "modelWeight=0.3"}, SIGNALS, REFIT, NO_REST, MULTI_SCALE)),
            candidate("signals-sum.5-predict-refit-no-rest-ms", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=sum", "modelWeight=0.5"}, SIGNALS, REFIT, NO_REST, MULTI_SCALE)),
            candidate("signals-max-predict-refit-no-rest-ms", join(new String[] {"ensemble=1", "score=predict",
                "signalCombine=max", "modelWeight=0.3"}, SIGNALS, REFIT, NO_REST, MULTI_SCALE)));

    /**
     * The candidate the protocol chose (highest J over all folds; {@code kit select}): the default of
     * {@link DetectorSettings#forModel}. The first run chose {@code signals-sum.3-no-novelty}; repeated after the KPI
     * selection rows stopped judging a segment under way when probation ends, {@code signals-sum.3-refit}; the second
     * round {@code signals-sum.3-predict-refit-no-rest}, by 0.00004 J over the same with the -ELBO; the third round
     * (the last four) this one, by 0.00016 J over the same with the sum at model weight 0.5, while its out-of-fold J
     * fell from 0.503 to 0.489 (notebooks/results/09-selection.csv).
     */
    public static final String CHOSEN = "signals-max-predict-refit-no-rest-ms";

    private SelectionProtocol() {
    }

    /** The fold of a NAB file ({@code category/name.csv}); fails for a category the protocol does not know. */
    public static int nabFold(String nabFile) {
        String category = NabDetection.category(nabFile);
        Integer f = NAB_FOLDS.get(category);
        if (f == null) {
            throw new IllegalArgumentException("NAB category '" + category + "' has no fold; known: " + NAB_FOLDS);
        }
        return f;
    }

    /** The fold of a KPI series: its index among all KPI ids sorted as strings, mod {@link #FOLDS}. */
    public static int kpiFold(String id, List<String> allIds) {
        List<String> sorted = allIds.stream().sorted().toList();
        int i = sorted.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("KPI '" + id + "' is not among the " + allIds.size() + " ids");
        }
        return i % FOLDS;
    }

    /** The objective J of the class comment from its three parts (NAB normalised score in [.., 100], F1, AP). */
    public static double objective(double nabStandard, double kpiBestF1, double kpiMeanAp) {
        return (nabStandard / 100.0 + kpiBestF1 + kpiMeanAp) / 3.0;
    }
}
