package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmkit.TestData;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.score.nab.NabResultsFolder;
import org.dgmkit.score.nab.NabScoreCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit nab-detect} on the 11 artificial series with a tiny model: the results folder is in NAB's layout,
 * {@code kit nab-score --results DIR --optimize} (the kit's NAB scorer, which reproduces NAB's published scores)
 * reading it back prints the same three scores, and the raw-score cache gives the same numbers without training.
 */
class NabDetectionTest {
    @TempDir
    Path dir;

    static final String[] TINY = {"--set", "hidden=8", "--set", "latent=2", "--set", "epochs=2", "--set", "samples=2",
        "--set", "rest=0.2"};

    private static String capture(java.util.function.Consumer<PrintStream> command) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        command.accept(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static double result(String output, String pattern) {
        Matcher m = Pattern.compile(pattern + "( threshold=\\S+ raw=\\S+)? normalized=(-?[0-9.]+)\n").matcher(output);
        assertTrue(m.find(), "no '" + pattern + "' in\n" + output);
        return Double.parseDouble(m.group(2));
    }

    @Test
    void results_folder_read_back_by_the_nab_scorer_gives_the_printed_scores() throws Exception {
        Path nab = TestData.sharedData().resolve("nab");
        Path out = dir.resolve("dgmkit_test");
        List<String> args = new ArrayList<>(List.of("--model", "vae", "--files", "artificial", "--out",
                out.toString(), "--cache", dir.resolve("cache").toString(), "--nab", nab.toString()));
        args.addAll(List.of(TINY));
        String first = capture(o -> NabDetectCommand.run(args, o));
        assertTrue(first.contains("11 files computed, 0 from the cache"), first);
        // NAB's layout and columns
        Path f = out.resolve("artificialWithAnomaly/dgmkit_test_art_daily_jumpsup.csv");
        List<String> lines = Files.readAllLines(f);
        assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
        assertEquals(4033, lines.size());
        assertTrue(Files.readString(out.resolve("detector.json")).contains("\"tuningCategories\""));
        // read back with the kit's scorer
        String scored = capture(o -> NabScoreCommand.run(List.of("--results", out.toString(), "--nab", nab.toString(),
                "--optimize", "--subset", "artificial"), o));
        for (String p : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            assertEquals(result(first, "RESULT nab-detect model=vae profile=" + p),
                    result(scored, "RESULT nab profile=" + p), 0, p + "\n" + scored);
        }
        // the cache: no training, the same files
        NabCorpus corpus = NabCorpus.open(nab);
        Map<String, double[]> back = NabResultsFolder.read(out, corpus, corpus.artificialNames(), "dgmkit_test");
        String second = capture(o -> NabDetectCommand.run(args, o));
        assertTrue(second.contains("0 files computed, 11 from the cache"), second);
        Map<String, double[]> back2 = NabResultsFolder.read(out, corpus, corpus.artificialNames(), "dgmkit_test");
        for (String n : back.keySet()) {
            assertArrayEquals(back.get(n), back2.get(n), 0, n);
        }
    }

    @Test
    void likelihood_level_ensemble_on_nab_files_gives_the_streaming_detectors_scores() {
        Path nab = TestData.sharedData().resolve("nab");
        NabCorpus corpus = NabCorpus.open(nab);
        List<String> files = List.of("artificialWithAnomaly/art_daily_jumpsup.csv");
        DetectorSettings s = DetectorSettings.defaults().withAll("hidden=8", "latent=2", "epochs=2", "samples=2",
                "ensemble=2", "ensembleModels=vae,lvae", "ensembleLevel=likelihood", "ensembleCombine=max");
        NabDetection.RawRun run = NabDetection.rawScores(corpus, files, s, dir.resolve("cache"), null);
        assertEquals(4, run.members().get(files.get(0)).size());
        double[] got = NabDetection.anomalyScores(corpus, run, s).get(files.get(0));
        var series = corpus.series(files.get(0));
        double[] want = new ModelDetector(s, series.probationRows()).scoreAll(series.timestamps(), series.values());
        assertArrayEquals(want, got, 0);
        // the combined raw scores alone are not enough at likelihood level
        assertThrows(IllegalArgumentException.class, () -> NabDetection.anomalyScores(corpus, run.raw(), s));
        // raw level: the combined raw scores through one likelihood, as before
        DetectorSettings r = s.with("ensembleLevel", "raw");
        assertArrayEquals(NabDetection.anomalyScores(corpus, run.raw(), r).get(files.get(0)),
                NabDetection.anomalyScores(corpus, run, r).get(files.get(0)), 0);
    }
}
