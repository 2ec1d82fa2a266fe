package org.dgmkit.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.signal.Normalisation;
import org.dgmkit.signal.Spectrogram;
import org.dgmkit.signal.Stft;
import org.dgmkit.signal.StftConfig;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real NAB artificial series: spectrogram, normalisation fitted on the first 15 %, per-frame
 * log-likelihood under a fixed N(0, I) model, per-row anomaly likelihood. The level jump of
 * art_daily_jumpsup.csv (labelled window rows 2787..3189) must give the largest anomaly score.
 */
class NabPipelineTest {

    private static double[] values(String file) throws Exception {
        Path path = org.dgmkit.TestData.sharedData().resolve("nab").resolve("data").resolve("artificialWithAnomaly").resolve(file);
        List<String> lines = Files.readAllLines(path);
        return lines.stream().skip(1).filter(l -> !l.isBlank())
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(',') + 1))).toArray();
    }

    @Test
    void jump_up_gets_the_highest_anomaly_score_inside_the_labelled_window() throws Exception {
        double[] series = values("art_daily_jumpsup.csv");
        assertEquals(4032, series.length);
        Spectrogram raw = Stft.spectrogram(series, StftConfig.defaults());
        int probationRows = (int) (0.15 * series.length);
        int trainFrames = raw.framesEndingBefore(probationRows);
        assertEquals(probationRows - 63, trainFrames);
        Spectrogram scaled = Normalisation.PER_FREQUENCY.fit(raw, trainFrames).apply(raw);
        StandardNormalModel model = new StandardNormalModel(scaled.bins());
        double[] frameLl = LikelihoodScorer.defaults().withProgress(false)
                .reconstructionLogLikelihood(model, scaled.values(), 2);
        double[] rowScore = SeriesScores.toRows(scaled, LikelihoodScorer.anomalyScore(frameLl), Double.NaN);
        int worst = probationRows;
        for (int r = probationRows; r < rowScore.length; r++) {
            if (rowScore[r] > rowScore[worst]) {
                worst = r;
            }
        }
        assertTrue(worst >= 2787 && worst <= 3189, "most anomalous row " + worst + " outside the window 2787..3189");
        double[] likelihood = SeriesScores.anomalyLikelihoodPerRow(scaled, frameLl, AnomalyLikelihood.gaussianTail());
        assertEquals(4032, likelihood.length);
        assertEquals(0.5, likelihood[0]);
        assertTrue(likelihood[worst] > 0.99, "likelihood at the jump: " + likelihood[worst]);
    }
}
