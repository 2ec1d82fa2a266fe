package org.dgmkit.detect;

import java.time.Duration;
import java.util.Arrays;

/**
 * Picks a detector's {@link WindowFeatures} when the model is first fitted, from the rows seen so far (causal): the
 * window covers the {@code span} setting (e.g. one day) in rows of the series' median sampling interval, at most
 * {@code spanMaxFraction} of the fit rows (so there are training windows) and at least {@code spanMinRows}. A raw
 * window becomes {@code blocks} block means plus the {@code recent} newest values; a spectrogram frame covers the
 * span, at most {@code frameMaxRows} rows.
 */
public final class InputSpec {
    private InputSpec() {
    }

    /**
     * The features for a series whose first {@code fitRows} rows have the given timestamps (epoch seconds).
     *
     * @param seconds timestamps of the rows seen so far, in seconds (at least {@code fitRows})
     */
    public static WindowFeatures resolve(DetectorSettings s, long[] seconds, int fitRows) {
        int span = spanRows(s, seconds, fitRows);
        if (s.spectrogramInput()) {
            return new SpectrogramFrame(Math.max(2, Math.min(span, s.getInt("frameMaxRows"))), s.taper());
        }
        int blocks = Math.min(s.getInt("blocks"), span);
        int blockRows = Math.max(1, (int) Math.round(span / (double) blocks));
        while (blocks * blockRows > span && blockRows > 1) {
            blockRows--;
        }
        int recent = Math.min(s.getInt("recent"), blocks * blockRows);
        return new BlockMeanWindow(blocks, blockRows, recent);
    }

    /** The window span in rows for the settings and the rows seen (see the class comment). */
    static int spanRows(DetectorSettings s, long[] seconds, int fitRows) {
        int wanted = s.spanRows();
        if (wanted == 0) {
            Duration d = s.spanDuration();
            double step = medianStepSeconds(seconds, fitRows);
            wanted = step > 0 ? (int) Math.round(d.getSeconds() / step) : s.getInt("spanMinRows");
        }
        int max = Math.max(s.getInt("spanMinRows"), (int) Math.floor(s.getDouble("spanMaxFraction") * fitRows));
        int span = Math.max(s.getInt("spanMinRows"), Math.min(wanted, max));
        return Math.min(span, fitRows);
    }

    /** Median difference between consecutive timestamps among the first {@code n} rows (0 when undefined). */
    static double medianStepSeconds(long[] seconds, int n) {
        if (n < 2) {
            return 0;
        }
        long[] d = new long[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = seconds[i] - seconds[i - 1];
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
