package org.dgmkit.detect;

import java.time.LocalDateTime;

/**
 * An online anomaly detector: it consumes a series row by row and gives each row an anomaly score in [0, 1] that
 * depends on that row and the rows before it only, as NAB requires (a detector may not look ahead, nor use the
 * whole file's range). One instance per series.
 */
public interface StreamingDetector {

    /** Consumes the next row and returns its anomaly score in [0, 1]. */
    double next(LocalDateTime timestamp, double value);

    /**
     * Consumes the next rows at once and returns their scores: the numbers {@link #next} would give row by row (an
     * implementation may batch its work, never look ahead past the block's last row).
     */
    default double[] nextBlock(LocalDateTime[] timestamps, double[] values) {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + values.length + " values");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = next(timestamps[i], values[i]);
        }
        return out;
    }

    /** Scores a whole series from a fresh detector: {@link #nextBlock} of all its rows. */
    default double[] scoreAll(LocalDateTime[] timestamps, double[] values) {
        return nextBlock(timestamps, values);
    }
}
