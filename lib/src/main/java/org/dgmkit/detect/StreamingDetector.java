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
     * Scores a whole series from a fresh detector: the same numbers as calling {@link #next} row by row (an
     * implementation may batch its work, never look ahead).
     */
    default double[] scoreAll(LocalDateTime[] timestamps, double[] values) {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + values.length + " values");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = next(timestamps[i], values[i]);
        }
        return out;
    }
}
