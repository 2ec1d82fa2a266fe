package org.dgmkit.detect.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.dgmkit.detect.StreamingDetector;

/** Shared helpers of the baseline detectors' tests. */
final class Baselines {
    private Baselines() {
    }

    /** Five-minute timestamps from 2024-01-01 (the baselines ignore them). */
    static LocalDateTime[] times(int n) {
        LocalDateTime[] t = new LocalDateTime[n];
        for (int i = 0; i < n; i++) {
            t[i] = LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(5L * i);
        }
        return t;
    }

    /** Scores of a whole series from a fresh detector. */
    static double[] scores(Supplier<? extends StreamingDetector> fresh, double[] values) {
        return fresh.get().scoreAll(times(values.length), values);
    }

    /** A random walk with noise, a daily cycle of 288 rows, some spikes and, if asked, some NaN rows. */
    static double[] randomSeries(long seed, int n, boolean withNaN) {
        Random r = new Random(seed);
        double[] v = new double[n];
        double level = 0;
        for (int i = 0; i < n; i++) {
            level += 0.05 * r.nextGaussian();
            v[i] = level + Math.sin(2 * Math.PI * i / 288.0) + 0.2 * r.nextGaussian();
            if (r.nextDouble() < 0.005) {
                v[i] += 5 * r.nextGaussian();
            }
            if (withNaN && r.nextDouble() < 0.01) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    /**
     * Causality: the scores of every prefix of {@code values} cut at {@code cuts} are, bit for bit, the first scores
     * of the whole series; all scores lie in [0, 1]; row-by-row {@code next} gives the batched numbers.
     */
    static void assertCausal(String what, Supplier<? extends StreamingDetector> fresh, double[] values, int... cuts) {
        double[] full = scores(fresh, values);
        assertEquals(values.length, full.length);
        for (int k : cuts) {
            double[] part = scores(fresh, Arrays.copyOf(values, k));
            for (int i = 0; i < k; i++) {
                assertEquals(Double.doubleToLongBits(full[i]), Double.doubleToLongBits(part[i]),
                        what + ": cut at " + k + ", row " + i + ": " + part[i] + " vs " + full[i]);
            }
        }
        StreamingDetector one = fresh.get();
        LocalDateTime[] t = times(values.length);
        for (int i = 0; i < values.length; i++) {
            double s = one.next(t[i], values[i]);
            assertEquals(Double.doubleToLongBits(full[i]), Double.doubleToLongBits(s), what + ": row " + i);
            assertTrue(s >= 0 && s <= 1, what + ": row " + i + " scores " + s);
        }
    }

    /** Index of the largest score in rows from..to-1 (the first, on ties). */
    static int argMax(double[] s, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }
}
