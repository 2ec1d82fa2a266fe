package org.dgmkit.score.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.dgmkit.score.AnomalyLikelihood;
import org.dgmkit.score.LikelihoodScorer;
import org.dgmkit.score.SeriesScores;
import org.dgmkit.signal.FittedNormalisation;
import org.dgmkit.signal.Normalisation;
import org.dgmkit.signal.Spectrogram;
import org.dgmkit.signal.Stft;
import org.dgmkit.signal.StftConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ./kit bench score [--images N] [--samples L] [--nab-csv FILE]}: scoring throughput.
 *
 * <ol>
 *   <li>images x samples per second of reconstruction-log-likelihood scoring of N (default 10 000)
 *       MNIST-sized inputs with L (default 100) samples each;</li>
 *   <li>seconds to score one NAB artificial series end to end: spectrogram (defaults), PER_FREQUENCY
 *       normalisation fitted on the first 15 %, L-sample reconstruction log-likelihood per frame, anomaly
 *       likelihood per row. The series is a 4032-point synthetic daily pattern with a jump unless
 *       {@code --nab-csv} names a NAB data file (timestamp,value).</li>
 * </ol>
 * Last line: {@code RESULT score images_samples_per_s=<x> nab_series_s=<y>}.
 *
 * <p>The models are the kit's own {@link Vae} with its initial weights (scoring cost does not depend on training):
 * the MNIST model 784-512-512-(32) Bernoulli for the images, and the NAB detector's size for spectrogram frames
 * (encoder 128-64, 8 latent units, Gaussian likelihood) with {@code --nab-samples} (default 10) samples per frame.
 */
public final class ScoreBenchmark {
    private ScoreBenchmark() {
    }

    /** Runs the benchmark; returns the exit code. */
    public static int run(List<String> args) {
        int images = 10_000;
        int samples = 100;
        int nabSamples = 10;
        Path nabCsv = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException("bench score: " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--images" -> images = positive(option, value);
                case "--samples" -> samples = positive(option, value);
                case "--nab-samples" -> nabSamples = positive(option, value);
                case "--nab-csv" -> nabCsv = Path.of(value);
                default -> throw new UsageException("bench score: unknown option '" + option + "'");
            }
        }
        double rate = imagesBenchmark(images, samples);
        double seconds = nabBenchmark(nabCsv == null ? syntheticDaily() : readNab(nabCsv), nabSamples);
        System.out.printf(Locale.ROOT, "RESULT score images_samples_per_s=%.1f nab_series_s=%.3f%n", rate, seconds);
        return 0;
    }

    private static double imagesBenchmark(int images, int samples) {
        Vae vae = new Vae(VaeConfig.mnist());
        INDArray x = Nd4j.rand(DataType.FLOAT, images, 784);
        LikelihoodScorer scorer = LikelihoodScorer.defaults();
        scorer.withProgress(false).reconstructionLogLikelihood(vae, x.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(images, 50)),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), Math.min(samples, 10)); // warm-up
        long start = System.nanoTime();
        scorer.reconstructionLogLikelihood(vae, x, samples);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = (double) images * samples / seconds;
        System.out.printf(Locale.ROOT, "images: %d x %d samples in %.2f s = %.1f image-samples/s%n",
                images, samples, seconds, rate);
        return rate;
    }

    private static double nabBenchmark(double[] series, int samples) {
        long start = System.nanoTime();
        Spectrogram spectrogram = Stft.spectrogram(series, StftConfig.defaults());
        int train = Math.max(1, (int) (0.15 * spectrogram.frames()));
        FittedNormalisation normalisation = Normalisation.PER_FREQUENCY.fit(spectrogram, train);
        Spectrogram scaled = normalisation.apply(spectrogram);
        Vae vae = new Vae(VaeConfig.bernoulli(scaled.bins(), List.of(128, 64), 8)
                .withLikelihood(VaeConfig.Likelihood.GAUSSIAN, 0.0));
        double[] frameLl = LikelihoodScorer.defaults().reconstructionLogLikelihood(vae, scaled.values(), samples);
        double[] likelihood = SeriesScores.anomalyLikelihoodPerRow(scaled, frameLl, AnomalyLikelihood.gaussianTail());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "NAB series: %d points, %d frames x %d bins, %d samples, %d likelihoods in %.3f s%n",
                series.length, scaled.frames(), scaled.bins(), samples, likelihood.length, seconds);
        return seconds;
    }

    /** 14 days of 5-minute points (4032), a daily cycle with noise and a level jump on day 10. */
    static double[] syntheticDaily() {
        java.util.Random random = new java.util.Random(7);
        double[] x = new double[4032];
        for (int i = 0; i < x.length; i++) {
            x[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian() + (i >= 2880 ? 30 : 0);
        }
        return x;
    }

    private static double[] readNab(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new KitException("cannot read " + csv + ": " + e.getMessage());
        }
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(",");
            try {
                values.add(Double.parseDouble(parts[parts.length - 1]));
            } catch (NumberFormatException e) {
                throw new KitException(csv + " line " + (i + 1) + ": expected 'timestamp,value', got '" + line + "'");
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("bench score: " + option + " needs a positive integer, got '" + value + "'");
    }
}
