package org.dgmkit.detect;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.catalog.ModelCatalog;
import org.dgmkit.model.catalog.ModelShape;
import org.dgmkit.model.nn.OmpThreads;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.train.TrainerConfig;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.VaeConfig;
import org.dgmkit.score.LikelihoodScorer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The raw anomaly scores of a {@link ModelDetector}: a density model of the series' windows, fitted on the first rows
 * and optionally refitted, scores every later row by a negated likelihood bound ({@link RawScore}). Causal: the score
 * of row t uses rows 0..t only.
 *
 * <p>Life of a series with probationary period P: rows before the fit row F = {@code fitFraction * P} get no raw
 * score (NaN). At row F the window features are chosen from the rows seen ({@link InputSpec}), the inputs are
 * standardised on the windows ending before F ({@link FeatureScaler}) and a fresh model of the
 * {@link ModelCatalog} (Gaussian likelihood with a shared learned variance) is trained on them. Every
 * {@code refitEvery} rows after F the scaler is re-fitted and the model trained on for {@code refitEpochs} epochs
 * (warm start) on the windows of the last {@code refitRows} rows. A failed refit keeps the previous model.
 *
 * <p>Rows are scored in chunks of {@code chunk} rows aligned to the start of each model's segment, padded with zero
 * rows, with a random seed per chunk: a row's score is the same whether it is scored as soon as it arrives
 * ({@link #next}, which re-runs its partly filled chunk) or with its whole chunk ({@link #scoreAll}), and whether the
 * series goes on after it or not (the rows of a model call do not influence each other).
 */
public final class ModelScorer {
    private final DetectorSettings settings;
    private final int probationRows;
    private final int fitRow;
    private final int chunk;
    private final int samples;
    private final RawScore rawScore;
    private final long seed;
    private final boolean windowScale;

    private double[] values = new double[1024];
    private long[] seconds = new long[1024];
    private int size;

    private WindowFeatures features;
    private int calendar; // calendar inputs after the window features: 0, 2 (time of day) or 4 (and day of week)
    private int inputSize;
    private FeatureScaler scaler;
    private TrainableModel model;
    private boolean modelFailed;
    private int segmentStart;
    private int segmentIndex;
    private double[] window;
    private float[] chunkInput;
    private float[] chunkMasked; // score=predict: the chunk's windows with their newest values hidden
    private PredictiveScore predictive;
    private int chunkStart = -1;
    private int chunkFilled;
    private double[] raw = new double[1024];
    private int rawEvaluated; // rows [0, rawEvaluated) have their final raw score in raw[]
    private boolean lastAdded; // whether the last pushed row went into the current chunk

    private int refits;
    private int failedRefits;
    private double trainSeconds;
    private double scoreSeconds;
    private String failure;

    /**
     * @param settings      the detector's settings
     * @param probationRows the series' probationary period (NAB: 15 % of its rows, at most 750)
     */
    public ModelScorer(DetectorSettings settings, int probationRows) {
        if (probationRows < 1) {
            throw new IllegalArgumentException("probation period must be at least 1 row, got " + probationRows);
        }
        this.settings = settings;
        this.probationRows = probationRows;
        this.fitRow = fitRow(settings, probationRows);
        this.chunk = settings.getInt("chunk");
        this.samples = settings.getInt("samples");
        this.rawScore = settings.rawScore();
        this.seed = Long.parseLong(settings.get("seed"));
        this.windowScale = settings.windowScale();
    }

    /** The row at which the model is first fitted: {@code fitFraction * probation}, at least twice the minimum span. */
    public static int fitRow(DetectorSettings settings, int probationRows) {
        return Math.max(2 * settings.getInt("spanMinRows"),
                (int) Math.round(settings.getDouble("fitFraction") * probationRows));
    }

    /** The fit row F. */
    public int fitRow() {
        return fitRow;
    }

    /** The probationary period this scorer was built for. */
    public int probationRows() {
        return probationRows;
    }

    /**
     * Consumes the next row and returns its raw score (NaN before the fit row, for rows without a full window, or
     * when the model failed), computed at once.
     */
    public double next(LocalDateTime timestamp, double value) {
        int row = push(timestamp, value);
        if (lastAdded) {
            evaluateChunk();
        }
        return raw[row];
    }

    /** Raw scores of a whole series from a fresh scorer: the numbers {@link #next} would give, in fewer model calls. */
    public double[] scoreAll(LocalDateTime[] timestamps, double[] series) {
        if (size != 0) {
            throw new IllegalStateException("scoreAll needs a fresh scorer (this one has seen " + size + " rows)");
        }
        return nextBlock(timestamps, series);
    }

    /**
     * Consumes the next rows at once and returns their raw scores: the numbers {@link #next} would give row by row,
     * with one model call per full chunk and one for the block's last, partly filled chunk (which the next block
     * scores again with its new rows, as {@link #next} does).
     */
    public double[] nextBlock(LocalDateTime[] timestamps, double[] series) {
        if (timestamps.length != series.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + series.length + " values");
        }
        int first = size;
        for (int i = 0; i < series.length; i++) {
            push(timestamps[i], series[i]);
            if (chunkStart >= 0 && chunkFilled == chunk) {
                evaluateChunk();
            }
        }
        if (chunkStart >= 0 && chunkFilled > 0 && rawEvaluated < size) {
            evaluateChunk();
        }
        return Arrays.copyOfRange(raw, first, size);
    }

    /** Adds one row: fits or refits the model when due, adds the row's input to the current chunk. */
    private int push(LocalDateTime timestamp, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("row " + size + ": value " + value + "; expected a finite number");
        }
        int row = size;
        ensureCapacity(row + 1);
        values[row] = value;
        seconds[row] = timestamp == null ? row : timestamp.toEpochSecond(ZoneOffset.UTC);
        size++;
        raw[row] = Double.NaN;
        lastAdded = false;
        if (row < fitRow) {
            rawEvaluated = size;
            return row;
        }
        if (row == fitRow) {
            flushChunk();
            fit(row);
        } else if (settings.getInt("refitEvery") > 0 && (row - fitRow) % settings.getInt("refitEvery") == 0) {
            flushChunk();
            refit(row);
        }
        if (model == null || modelFailed || row < features.rows() - 1) {
            rawEvaluated = size;
            return row;
        }
        if (chunkStart < 0 || row - chunkStart >= chunk) {
            flushChunk();
            chunkStart = row;
            chunkFilled = 0;
            Arrays.fill(chunkInput, 0f);
            if (chunkMasked != null) {
                Arrays.fill(chunkMasked, 0f);
            }
        }
        input(row, window);
        int d = inputSize;
        if (chunkMasked != null) {
            double[] masked = window.clone();
            hideNewest(masked);
            scaler.apply(masked, masked);
            for (int j = 0; j < d; j++) {
                chunkMasked[chunkFilled * d + j] = (float) masked[j];
            }
        }
        scaler.apply(window, window);
        for (int j = 0; j < d; j++) {
            chunkInput[chunkFilled * d + j] = (float) window[j];
        }
        chunkFilled++;
        lastAdded = true;
        return row;
    }

    /** Scores the rows of the current chunk that are not final yet, then closes it. */
    private void flushChunk() {
        if (chunkStart >= 0 && chunkFilled > 0 && rawEvaluated < chunkStart + chunkFilled) {
            evaluateChunk();
        }
        chunkStart = -1;
        chunkFilled = 0;
    }

    /** Runs the model on the (zero-padded) current chunk and stores the scores of its filled rows. */
    private void evaluateChunk() {
        OmpThreads.onOneThread(this::evaluateChunkHere);
    }

    /**
     * {@link #evaluateChunk} on the calling thread. The model's arrays are small ([32, 64]): handing each ND4J op to a
     * team of threads costs more than the op, and two series scored at once put two teams on two cores, so a
     * detector's model runs on one thread (scores unchanged, bit for bit; {@code kit detect}, 20 000 KPI rows per
     * series with refits, paired runs: two series at once 31.9 -> 25.7 s median, one series alone 17.8 -> 17.1 s).
     */
    private void evaluateChunkHere() {
        long t0 = System.nanoTime();
        int d = inputSize;
        INDArray x = Nd4j.create(chunkInput.clone(), new long[] {chunk, d}, 'c');
        long chunkIndex = (chunkStart - segmentStart) / chunk;
        long chunkSeed = new SplittableRandom(seed * 1_000_003L + segmentIndex * 65_537L + chunkIndex).nextLong();
        double[] scores;
        if (rawScore == RawScore.PREDICT) {
            Nd4j.getRandom().setSeed(chunkSeed);
            INDArray m = Nd4j.create(chunkMasked.clone(), new long[] {chunk, d}, 'c');
            scores = predictive.score(x.castTo(model.parameters().dataType()), m.castTo(model.parameters().dataType()),
                    chunkFilled);
        } else {
            scores = rawScore.of(LikelihoodScorer.defaults().withProgress(false).withSeed(chunkSeed)
                    .withTileRows(chunk * samples).all((LatentVariableModel) model, x, samples));
        }
        for (int i = 0; i < chunkFilled; i++) {
            double s = scores[i];
            raw[chunkStart + i] = Double.isFinite(s) ? s : Double.NaN;
        }
        rawEvaluated = Math.max(rawEvaluated, chunkStart + chunkFilled);
        scoreSeconds += (System.nanoTime() - t0) / 1e9;
    }

    private void fit(int row) {
        long t0 = System.nanoTime();
        features = InputSpec.resolve(settings, seconds, row);
        calendar = settings.calendarFeatures();
        inputSize = features.size() + calendar;
        window = new double[inputSize];
        chunkInput = new float[chunk * inputSize];
        chunkMasked = rawScore == RawScore.PREDICT ? new float[chunk * inputSize] : null;
        double[][] train = windows(Math.max(features.rows() - 1, 0), row - 1);
        scaler = scaler(train);
        ModelShape shape = new ModelShape(inputSize, settings.getInts("hidden"), settings.getInt("latent"), seed);
        model = ModelCatalog.create(settings.get("model"), shape, VaeConfig.Likelihood.GAUSSIAN_SHARED_VARIANCE,
                settings.getDouble("logVar0"));
        try {
            train(settings.getInt("epochs"), seed, train);
            fitPredictive(train, seed);
        } catch (IllegalStateException e) {
            modelFailed = true;
            failure = "fit at row " + row + ": " + e.getMessage();
        }
        segmentStart = row;
        segmentIndex = 0;
        trainSeconds += (System.nanoTime() - t0) / 1e9;
    }

    private void refit(int row) {
        if (model == null || modelFailed) {
            return;
        }
        long t0 = System.nanoTime();
        int first = Math.max(features.rows() - 1, row - settings.getInt("refitRows"));
        double[][] train = windows(first, row - 1);
        FeatureScaler before = scaler;
        INDArray params = model.parameters().values().dup();
        try {
            scaler = scaler(train);
            train(settings.getInt("refitEpochs"), seed + 7919L * (refits + 1), train);
            fitPredictive(train, seed + 7919L * (refits + 1));
            refits++;
        } catch (IllegalStateException e) {
            scaler = before;
            model.parameters().values().assign(params);
            failedRefits++;
        }
        segmentStart = row;
        segmentIndex++;
        trainSeconds += (System.nanoTime() - t0) / 1e9;
    }

    private FeatureScaler scaler(double[][] train) {
        double clip = settings.getDouble("clip");
        return settings.standardise() ? FeatureScaler.fit(train, clip) : FeatureScaler.identity(inputSize, clip);
    }

    /** Scaled input vectors of the windows ending at rows {@code from..to} (raw, before scaling: scaled later). */
    private double[][] windows(int from, int to) {
        int n = Math.max(0, to - from + 1);
        double[][] out = new double[n][inputSize];
        for (int i = 0; i < n; i++) {
            input(from + i, out[i]);
        }
        return out;
    }

    /**
     * The unscaled input of row {@code row}: the window features, then the calendar of its timestamp (time of day
     * and, with {@code calendar=week}, day of week, each as a point on the unit circle).
     */
    private void input(int row, double[] out) {
        features.extract(values, row, out);
        if (windowScale && features instanceof BlockMeanWindow) { // a spectrogram frame has no level to remove
            standardiseWindow(row, out);
        }
        if (calendar > 0) {
            int base = features.size();
            long sec = Math.floorMod(seconds[row], 7L * 86_400L); // epoch day 0 was a Thursday
            double day = (sec % 86_400L) / 86_400.0;
            out[base] = Math.sin(2 * Math.PI * day);
            out[base + 1] = Math.cos(2 * Math.PI * day);
            if (calendar == 4) {
                double week = sec / (7.0 * 86_400.0);
                out[base + 2] = Math.sin(2 * Math.PI * week);
                out[base + 3] = Math.cos(2 * Math.PI * week);
            }
        }
    }

    /**
     * The window features ending at {@code row} minus the mean of the window's rows, divided by their standard
     * deviation (at least 1e-9 of the mean's size, so a flat window stays finite: all zeros).
     */
    private void standardiseWindow(int row, double[] out) {
        int n = features.rows();
        int from = row - n + 1;
        double sum = 0;
        for (int i = from; i <= row; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = from; i <= row; i++) {
            double e = values[i] - mean;
            ss += e * e;
        }
        double sd = Math.max(Math.sqrt(ss / n), 1e-9 * (1 + Math.abs(mean)));
        int k = features.size();
        for (int j = 0; j < k; j++) {
            out[j] = (out[j] - mean) / sd;
        }
    }

    /** For {@code score=predict}: the residual variances of the model on its (unscaled) training windows. */
    private void fitPredictive(double[][] rows, long fitSeed) {
        if (rawScore != RawScore.PREDICT) {
            return;
        }
        int d = inputSize;
        float[] x = new float[rows.length * d];
        float[] m = new float[rows.length * d];
        double[] a = new double[d];
        for (int i = 0; i < rows.length; i++) {
            scaler.apply(rows[i], a);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) a[j];
            }
            double[] h = rows[i].clone();
            hideNewest(h);
            scaler.apply(h, a);
            for (int j = 0; j < d; j++) {
                m[i * d + j] = (float) a[j];
            }
        }
        Nd4j.getRandom().setSeed(fitSeed);
        var dt = model.parameters().dataType();
        predictive = PredictiveScore.fit((LatentVariableModel) model,
                PredictiveScore.matrix(x, rows.length, d).castTo(dt), PredictiveScore.matrix(m, rows.length, d).castTo(dt));
    }

    /**
     * Replaces a raw window's newest values by its last block's mean (unscaled features), so the encoder learns
     * nothing of them; windows without newest values (spectrogram frames) stay as they are.
     */
    private void hideNewest(double[] w) {
        if (features instanceof BlockMeanWindow b && b.recentRows() > 0) {
            double last = w[b.blocks() - 1];
            for (int r = 0; r < b.recentRows(); r++) {
                w[b.blocks() + r] = last;
            }
        }
    }

    private void train(int epochs, long trainSeed, double[][] rows) {
        int d = inputSize;
        float[] flat = new float[rows.length * d];
        double[] scaled = new double[d];
        for (int i = 0; i < rows.length; i++) {
            scaler.apply(rows[i], scaled);
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) scaled[j];
            }
        }
        INDArray x = Nd4j.create(flat, new long[] {rows.length, d}, 'c');
        TrainerConfig config = TrainerConfig.defaults().withEpochs(epochs).withBatchSize(settings.getInt("batch"))
                .withLearningRate(settings.getDouble("lr")).withSeed(trainSeed).withProgress(false);
        // on one thread, as evaluateChunkHere says why
        OmpThreads.onOneThread(() -> new Trainer(model, config).skipNonFiniteSteps(5)
                .fit(x.castTo(model.parameters().dataType())));
    }

    private void ensureCapacity(int n) {
        if (n > values.length) {
            int c = Math.max(n, values.length * 2);
            values = Arrays.copyOf(values, c);
            seconds = Arrays.copyOf(seconds, c);
            raw = Arrays.copyOf(raw, c);
        }
    }

    /** The input features chosen at the fit row (null before). */
    public WindowFeatures features() {
        return features;
    }

    /** The density model (null before the fit row). */
    public TrainableModel model() {
        return model;
    }

    /** Refits done, and refits that failed (their model was kept). */
    public int refits() {
        return refits;
    }

    /** Refits that failed and kept the previous model. */
    public int failedRefits() {
        return failedRefits;
    }

    /** Seconds spent training, and scoring. */
    public double trainSeconds() {
        return trainSeconds;
    }

    /** Seconds spent in model calls scoring rows. */
    public double scoreSeconds() {
        return scoreSeconds;
    }

    /** Why the first fit failed (its rows then have no raw score), or null. */
    public String failure() {
        return failure;
    }

    /** One line: model, features, fit row, refits. */
    public String describe() {
        return settings.get("model") + " on " + (features == null ? "(not fitted yet)" : features.describe())
                + ", fitted at row " + fitRow + (refits > 0 ? ", " + refits + " refits" : "")
                + (failure != null ? ", FAILED: " + failure : "");
    }
}
