package org.dgmkit.score.nab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.data.Datasets;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabProfile;

/**
 * {@code kit nab-score}: scores a detector's results folder in NAB's layout with NAB's scorer.
 *
 * <pre>
 * nab-score --results DIR [--profile NAME] [--threshold T | --thresholds FILE] [--nab ROOT]
 *           [--subset all|artificial] [--detector NAME]
 * </pre>
 *
 * For each profile (all of config/profiles.json unless --profile) it prints the threshold, the raw, null, perfect
 * and normalised scores and the per-file scores, and ends with one line per profile:
 * {@code RESULT nab profile=<name> threshold=<t> raw=<r> normalized=<s>}.
 *
 * <p>The threshold, as NAB's {@code run.py} chooses it: {@code --threshold T} scores at T; {@code --thresholds FILE}
 * at the detector's entries in that file; otherwise, like {@code run.py --score} without {@code --optimize}, at the
 * detector's entries in the corpus's {@code config/thresholds.json} when it lists the detector (NAB's published
 * numbers were scored so), and else — or with {@code --optimize} — at the threshold NAB's sweep finds best over the
 * files scored. (For numenta low-FP and for random, the sweep finds thresholds that score slightly higher than
 * NAB's published ones, which came from NAB's earlier, local optimiser.)
 */
public final class NabScoreCommand {
    static final String USAGE = "nab-score --results DIR [--profile NAME] [--threshold T | --thresholds FILE | --optimize]"
            + " [--nab ROOT] [--subset all|artificial] [--detector NAME]";

    private NabScoreCommand() {
    }

    /** Runs the command, printing to standard output; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out);
    }

    /** Runs the command, printing to {@code out}; returns the exit code (errors are thrown). */
    public static int run(List<String> args, PrintStream out) {
        Options o = Options.parse(args);
        NabCorpus corpus = corpus(o.nab);
        List<NabProfile> profiles = new ArrayList<>();
        if (o.profile != null) {
            if (!corpus.profiles().containsKey(o.profile)) {
                throw new UsageException("unknown profile '" + o.profile + "'; expected one of "
                        + corpus.profiles().keySet());
            }
            profiles.add(corpus.profile(o.profile));
        } else {
            profiles.addAll(corpus.profiles().values());
        }
        Path results = Path.of(o.results);
        String detector = o.detector != null ? o.detector : NabResultsFolder.detectorName(results, corpus);
        Collection<String> files = o.subset.equals("artificial") ? corpus.artificialNames() : corpus.names();
        out.printf("NAB corpus %s; detector '%s' results in %s; scoring %d files%n", corpus.root(), detector,
                results, files.size());
        Map<String, double[]> scores = NabResultsFolder.read(results, corpus, files, detector);

        List<NabResult> all = new ArrayList<>();
        for (NabProfile p : profiles) {
            NabResult r;
            if (o.threshold != null) {
                r = NabScorer.scoreAt(scores, corpus, p, o.threshold);
            } else if (o.thresholds != null) {
                r = NabScorer.scoreAt(scores, corpus, p, publishedThreshold(Path.of(o.thresholds), detector, p));
            } else if (!o.optimize && listsDetector(corpus.root().resolve("config/thresholds.json"), detector)) {
                Path published = corpus.root().resolve("config/thresholds.json");
                if (all.isEmpty()) {
                    out.println("thresholds: detector '" + detector + "' is listed in " + published
                            + ", scoring at those (as NAB's run.py --score); --optimize searches instead");
                }
                r = NabScorer.scoreAt(scores, corpus, p, publishedThreshold(published, detector, p));
            } else {
                r = NabScorer.score(scores, corpus, p);
            }
            all.add(r);
            out.println();
            out.println(r);
            out.println(org.dgmkit.plot.ReadableNumbers.of(r.table()).printAll());
        }
        out.println();
        for (NabResult r : all) {
            out.println(r.resultLine());
        }
        return 0;
    }

    /** The corpus from --nab, else from the dataset cache; an error saying how to provide it otherwise. */
    public static NabCorpus corpus(String nab) {
        if (nab != null) {
            Path root = Path.of(nab);
            if (!Files.isDirectory(root)) {
                throw new KitException("--nab " + nab + ": no such folder; expected a NAB folder with data/, "
                        + "labels/ and config/");
            }
            return NabCorpus.open(root);
        }
        try {
            return NabCorpus.open(Datasets.ensure("nab"));
        } catch (KitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KitException("no NAB corpus: the dataset cache could not provide it (" + e.getMessage()
                    + "); pass --nab ROOT (a NAB folder with data/, labels/, config/), or run './kit fetch nab' "
                    + "(DGMKIT_MIRROR for a local mirror, DGMKIT_DATA for the cache folder)", e);
        }
    }

    /** Whether a NAB {@code thresholds.json} exists and has an entry for {@code detector}. */
    static boolean listsDetector(Path file, String detector) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonElement root = new JsonParser().parse(Files.readString(file));
            return root.isJsonObject() && root.getAsJsonObject().has(detector);
        } catch (IOException | JsonParseException e) {
            throw new KitException(file + ": cannot read as JSON: " + e.getMessage(), e);
        }
    }

    /** The threshold of {@code detector} and {@code profile} in a NAB {@code thresholds.json}. */
    static double publishedThreshold(Path file, String detector, NabProfile profile) {
        JsonElement root;
        try {
            root = new JsonParser().parse(Files.readString(file));
        } catch (IOException | JsonParseException e) {
            throw new KitException(file + ": cannot read as JSON: " + e.getMessage(), e);
        }
        JsonElement t = null;
        if (root.isJsonObject()) {
            JsonObject d = root.getAsJsonObject().getAsJsonObject(detector);
            JsonObject p = d == null ? null : d.getAsJsonObject(profile.name());
            t = p == null ? null : p.get("threshold");
        }
        if (t == null || !t.isJsonPrimitive() || !t.getAsJsonPrimitive().isNumber()) {
            throw new KitException(file + ": no threshold for detector '" + detector + "' and profile '"
                    + profile.name() + "'; expected {\"" + detector + "\": {\"" + profile.name()
                    + "\": {\"threshold\": T}}}");
        }
        return t.getAsDouble();
    }

    /** The parsed command line. */
    private static final class Options {
        static final List<String> FLAGS = List.of("--results", "--profile", "--threshold", "--thresholds", "--nab",
                "--subset", "--detector");
        String results;
        String profile;
        Double threshold;
        String thresholds;
        String nab;
        String subset = "all";
        String detector;
        boolean optimize;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--optimize")) {
                    o.optimize = true;
                    continue;
                }
                if (!flag.startsWith("--")) {
                    throw new UsageException("nab-score: unexpected argument '" + flag + "'; usage: " + USAGE);
                }
                if (!FLAGS.contains(flag)) {
                    throw new UsageException("nab-score: unknown flag '" + flag + "'; usage: " + USAGE);
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException("nab-score: " + flag + " needs a value; usage: " + USAGE);
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--results" -> o.results = value;
                    case "--profile" -> o.profile = value;
                    case "--threshold" -> o.threshold = threshold(value);
                    case "--thresholds" -> o.thresholds = value;
                    case "--nab" -> o.nab = value;
                    case "--detector" -> o.detector = value;
                    case "--subset" -> {
                        if (!value.equals("all") && !value.equals("artificial")) {
                            throw new UsageException("nab-score: --subset " + value
                                    + ": expected 'all' or 'artificial'");
                        }
                        o.subset = value;
                    }
                    default -> throw new UsageException("nab-score: unknown flag '" + flag + "'; usage: " + USAGE);
                }
            }
            if (o.results == null) {
                throw new UsageException("nab-score: --results DIR is required; usage: " + USAGE);
            }
            if ((o.threshold != null ? 1 : 0) + (o.thresholds != null ? 1 : 0) + (o.optimize ? 1 : 0) > 1) {
                throw new UsageException("nab-score: give one of --threshold, --thresholds and --optimize");
            }
            return o;
        }

        private static double threshold(String value) {
            try {
                double t = Double.parseDouble(value);
                if (Double.isFinite(t)) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(String.format(Locale.ROOT,
                    "nab-score: --threshold %s: expected a number (detections: anomaly score >= T)", value));
        }
    }
}
