package org.dgmkit.detect.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.TestData;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.score.nab.NabResult;
import org.dgmkit.score.nab.NabScorer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowedGaussian} against NAB's published windowedGaussian detector. The shared data holds NAB's published
 * per-row results of the numenta and random detectors only, so the per-row check uses an excerpt of NAB's
 * windowedGaussian files kept beside this test ({@code nab-windowedGaussian-excerpt.csv}: 4 files, 1 524 rows, among
 * them the rows where the 6400-row window fills and first slides); the whole corpus is checked through NAB's
 * scoreboard ({@code results/final_results.json}) at NAB's thresholds for the detector ({@code config/thresholds.json}).
 *
 * <p>NAB wrote its results files with Python 2's {@code str}, 12 significant digits, and scored those files: every
 * score above 1 - 5e-13 reads back as 1.0, which is what NAB's threshold of 1.0 selects. The scoreboard check rounds
 * the detector's scores the same way ({@link #asNabPrinted}); the detector itself keeps full precision.
 */
class WindowedGaussianPublishedResultsTest {
    static NabCorpus corpus;

    @BeforeAll
    static void open() {
        corpus = NabCorpus.open(TestData.sharedData().resolve("nab"));
    }

    /** A score as NAB's results files print it: 12 significant digits, read back as a double. */
    static double asNabPrinted(double score) {
        return new BigDecimal(score).round(new MathContext(12, RoundingMode.HALF_EVEN)).doubleValue();
    }

    @Test
    void reproduces_nabs_published_scores_row_for_row() throws IOException {
        Map<String, Map<Integer, String>> excerpt = readExcerpt();
        assertEquals(4, excerpt.size());
        int rows = 0;
        double worst = 0;
        for (var e : excerpt.entrySet()) {
            NabSeries s = corpus.series(e.getKey());
            double[] mine = WindowedGaussian.nab().scoreAll(s.timestamps(), s.values());
            for (var row : e.getValue().entrySet()) {
                int i = row.getKey();
                double published = Double.parseDouble(row.getValue());
                String where = e.getKey() + " row " + i;
                assertEquals(published, mine[i], 1e-9, where);
                worst = Math.max(worst, Math.abs(published - mine[i]));
                // the printed number is this score rounded to 12 digits (a "1.0" is a score above 1 - 5e-13)
                assertEquals(published, asNabPrinted(mine[i]), 2e-12, where);
                rows++;
            }
        }
        assertEquals(1524, rows);
        assertTrue(worst < 1e-12, "largest difference " + worst); // the printed digits' rounding, 5e-13
    }

    @Test
    void reproduces_nabs_scoreboard_for_windowed_gaussian() throws IOException {
        Path nab = TestData.sharedData().resolve("nab");
        JsonObject thresholds = new JsonParser().parse(Files.readString(nab.resolve("config/thresholds.json")))
                .getAsJsonObject().getAsJsonObject("windowedGaussian");
        JsonObject published = new JsonParser().parse(Files.readString(nab.resolve("results/final_results.json")))
                .getAsJsonObject().getAsJsonObject("windowedGaussian");
        Map<String, double[]> printed = new TreeMap<>();
        for (String name : corpus.names()) {
            NabSeries s = corpus.series(name);
            double[] scores = WindowedGaussian.nab().scoreAll(s.timestamps(), s.values());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = asNabPrinted(scores[i]);
            }
            printed.put(name, scores);
        }
        assertEquals(58, printed.size());
        // NAB's scoreboard: standard 39.6, low FP 20.9, low FN 47.4, all at threshold 1.0
        Map<String, Double> expected = Map.of("standard", 39.649523496077585, "reward_low_FP_rate", 20.86798582474138,
                "reward_low_FN_rate", 47.4100271583046);
        for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            double threshold = thresholds.getAsJsonObject(profile).get("threshold").getAsDouble();
            assertEquals(1.0, threshold, 0, profile);
            NabResult r = NabScorer.scoreAt(printed, corpus, corpus.profile(profile), threshold);
            assertEquals(expected.get(profile), published.get(profile).getAsDouble(), 0, profile);
            assertEquals(published.get(profile).getAsDouble(), r.normalized(), 1e-6, profile);
        }
    }

    /** File name -> (row -> published score as printed). */
    static Map<String, Map<Integer, String>> readExcerpt() throws IOException {
        Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
        try (InputStream in = WindowedGaussianPublishedResultsTest.class
                .getResourceAsStream("nab-windowedGaussian-excerpt.csv")) {
            assertNotNull(in, "nab-windowedGaussian-excerpt.csv beside the test class");
            Map<Integer, String> current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("file ")) {
                    current = new TreeMap<>();
                    out.put(line.substring(5).trim(), current);
                    continue;
                }
                String[] p = line.split(",");
                current.put(Integer.parseInt(p[0]), p[1].trim());
            }
        }
        return out;
    }
}
