package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmkit.TestData;
import org.dgmkit.data.nab.NabSeries;
import org.junit.jupiter.api.Test;

/**
 * NAB's published numenta results hold, per row, the input value, HTM's raw anomaly score and the detector's final
 * anomaly score. Feeding the first two through {@link NumentaLikelihood#forProbation} and {@link NoveltyRule#numenta}
 * (NAB's {@code numenta_detector.py}) must give the third, on every row of all 58 files.
 */
class NumentaPublishedResultsTest {

    @Test
    void likelihood_and_novelty_rule_reproduce_nabs_published_numenta_scores() throws IOException {
        Path dir = TestData.sharedData().resolve("nab/results/numenta");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, 2)) {
            files = s.filter(p -> p.getParent() != null && !p.getParent().equals(dir))
                    .filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(58, files.size());
        double worst = 0;
        long rows = 0;
        long novel = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            List<String> header = List.of(lines.get(0).split(","));
            int iValue = header.indexOf("value");
            int iScore = header.indexOf("anomaly_score");
            int iRaw = header.indexOf("raw_score");
            int n = lines.size() - 1;
            NumentaLikelihood likelihood = NumentaLikelihood.forProbation(NabSeries.probationRows(n));
            NoveltyRule rule = NoveltyRule.numenta();
            for (int i = 0; i < n; i++) {
                String[] p = lines.get(i + 1).split(",");
                double value = Double.parseDouble(p[iValue]);
                double raw = Double.parseDouble(p[iRaw]);
                boolean isNovel = rule.test(value);
                double score = likelihood.update(value, raw);
                if (isNovel) {
                    score = 1.0;
                    novel++;
                }
                double published = Double.parseDouble(p[iScore]);
                double tail = Math.exp(likelihood.lastLogTailProbability());
                // nupic's 1 - (1 - tail) in doubles is off by up to 1.1e-16, i.e. by 1.1e-16 / (tail + 1e-10) / 23 on
                // the log scale (see NumentaLikelihood); the published file prints 12 digits
                double tolerance = 1e-10 + (isNovel ? 0 : 1e-17 / (tail + 1e-10));
                assertEquals(published, score, tolerance, f.getFileName() + " row " + i + " (line " + (i + 2) + ")");
                if (isNovel || tail > 1e-6) {
                    worst = Math.max(worst, Math.abs(published - score));
                }
                rows++;
            }
        }
        assertEquals(365_558, rows);
        assertTrue(novel > 100, "novelty rule fired on " + novel + " rows");
        assertTrue(worst < 1e-10, "largest difference " + worst);
    }
}
