package org.dgmkit.detect;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.nab.NabSeries;

/**
 * One user series through the streaming detector, as {@code kit detect} runs it: the usable rows (missing values
 * left out) are scored in blocks of {@link #BLOCK} rows (the scores of row-by-row scoring, {@link BlockScoringTest}),
 * and the results mapped back to the input rows: a missing row gets no score (NaN) and no alarm. Rows before the
 * detector's first fit score 0 and never alarm.
 */
public final class SeriesDetection {
    /** Rows per scoring block: large enough that model calls are full chunks, small enough for progress lines. */
    static final int BLOCK = 4096;

    private SeriesDetection() {
    }

    /**
     * What came out for one series.
     *
     * @param input        the series
     * @param probation    the probationary period in usable rows (the model is fitted at its end)
     * @param threshold    the alarm threshold on the anomaly score
     * @param scores       per input row: the anomaly score in [0, 1], NaN for a missing row
     * @param raw          per input row: the raw score (NaN where none)
     * @param alarms       per input row: score at or above the threshold
     * @param fitSeconds   seconds spent fitting models
     * @param scoreSeconds seconds spent in model calls scoring rows
     * @param seconds      wall seconds of the whole detection
     * @param description  the detector's one-line description (model, inputs, fit row)
     */
    public record Result(SeriesInput input, int probation, double threshold, double[] scores, double[] raw,
                         boolean[] alarms, double fitSeconds, double scoreSeconds, double seconds,
                         String description) {
        /** Rows that alarmed. */
        public int alarmCount() {
            int n = 0;
            for (boolean a : alarms) {
                n += a ? 1 : 0;
            }
            return n;
        }

        /** Input rows per wall second. */
        public double rowsPerSecond() {
            return seconds > 0 ? input.size() / seconds : Double.NaN;
        }

        /** The input index of the row where the probationary period ends (the first row that can alarm). */
        public int firstEvaluatedRow() {
            int[] usable = input.usableIndex();
            return probation < usable.length ? usable[probation] : input.size();
        }
    }

    /** NAB's probationary period for a series of {@code usableRows} rows (15 %, at most 750). */
    public static int defaultProbation(int usableRows) {
        return NabSeries.probationRows(usableRows);
    }

    /** Usable rows the detector needs: its first fit row and one more row to score. */
    public static int rowsNeeded(DetectorSettings s, int probation) {
        return ModelScorer.fitRow(s, probation) + 1;
    }

    /**
     * Scores a series.
     *
     * @param probation the probationary period in usable rows, or 0 for NAB's default
     * @param threshold the alarm threshold, or NaN for the settings' {@code threshold}
     * @param progress  called with the number of usable rows scored so far (may be null)
     */
    public static Result run(SeriesInput in, DetectorSettings s, int probation, double threshold,
                             java.util.function.IntConsumer progress) {
        long t0 = System.nanoTime();
        int usable = in.usableRows();
        if (usable == 0) {
            throw new KitException(in.name() + ": no usable values (" + in.size() + " rows, all missing)");
        }
        int prob = probation > 0 ? probation : defaultProbation(usable);
        double thr = Double.isNaN(threshold) ? s.getDouble("threshold") : threshold;
        int needed = rowsNeeded(s, prob);
        if (usable < needed) {
            throw new KitException(String.format(Locale.ROOT, "%s: %d usable rows (%d in the file, %d missing); the "
                            + "detector needs at least %d (it fits its model on the first %d usable rows, the "
                            + "probationary period of %d rows%s, and scores from there on)", in.name(), usable, in.size(),
                    in.missingRows(), needed, ModelScorer.fitRow(s, prob), prob,
                    probation > 0 ? "" : " = 15 % of the rows, at most 750"));
        }
        ModelDetector detector = new ModelDetector(s, prob);
        LocalDateTime[] t = in.usableTimes();
        double[] v = in.usableValues();
        double[] scores = new double[usable];
        double[] raw = new double[usable];
        for (int from = 0; from < usable; from += BLOCK) {
            int to = Math.min(usable, from + BLOCK);
            ModelDetector.Scored b = detector.scoreBlock(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(v, from, to));
            System.arraycopy(b.scores(), 0, scores, from, to - from);
            System.arraycopy(b.raw(), 0, raw, from, to - from);
            if (progress != null) {
                progress.accept(to);
            }
        }
        int n = in.size();
        double[] allScores = new double[n];
        double[] allRaw = new double[n];
        boolean[] alarms = new boolean[n];
        Arrays.fill(allScores, Double.NaN);
        Arrays.fill(allRaw, Double.NaN);
        int[] index = in.usableIndex();
        for (int k = 0; k < usable; k++) {
            int i = index[k];
            allScores[i] = scores[k];
            allRaw[i] = raw[k];
            alarms[i] = scores[k] >= thr;
        }
        EnsembleScorer e = detector.ensemble();
        return new Result(in, prob, thr, allScores, allRaw, alarms, e.trainSeconds(), e.scoreSeconds(),
                (System.nanoTime() - t0) / 1e9, e.describe());
    }
}
