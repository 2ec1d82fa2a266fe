package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.dgmkit.detect.TrailingNormaliserSettings.Method;
import org.junit.jupiter.api.Test;

class TrailingNormaliserTest {

    static TrailingNormaliser of(Method method, int history, int minHistory) {
        return new TrailingNormaliser(new TrailingNormaliserSettings(method, history, minHistory));
    }

    /**
     * History 4, scored from 1 remembered raw score:
     * <pre>
     * row raw  previous (last 4)   below  equal  rank
     *  0   5   -                                 0 (no history)
     *  1   3   5                   0      0      0
     *  2   5   5 3                 1      1      1.5 / 2 = 0.75
     *  3   1   5 3 5               0      0      0
     *  4   4   5 3 5 1             2      0      2 / 4 = 0.5
     *  5   9   3 5 1 4             4      0      1
     *  6   4   5 1 4 9             1      1      1.5 / 4 = 0.375
     *  7   NaN                                   0, not remembered
     *  8   5   1 4 9 4             3      0      3 / 4 = 0.75
     * </pre>
     */
    @Test
    void ranks_worked_out_by_hand() {
        double[] raw = {5, 3, 5, 1, 4, 9, 4, Double.NaN, 5};
        double[] expected = {0, 0, 0.75, 0, 0.5, 1, 0.375, 0, 0.75};
        double[] s = of(Method.RANK, 4, 1).apply(raw);
        assertEquals(Arrays.toString(expected), Arrays.toString(s));
    }

    /**
     * History 4, scored from 2 remembered raw scores; Phi from Python's {@code 0.5 * math.erfc(-z / math.sqrt(2))}:
     * <pre>
     * row raw  previous   mean   std (population)     z                      score
     *  0   1   -                                                             0 (no history)
     *  1   3   1                                                             0 (1 &lt; 2 remembered)
     *  2   4   1 3        2      1                    2                      0.9772498680518208
     *  3   2   1 3 4      8/3    sqrt(42/27)          -0.5345224838248487    0.2964900490087134
     *  4  10   1 3 4 2    2.5    sqrt(1.25)           6.7082039324993685     0.9999999999901483
     *  5   3   3 4 2 10   4.75   sqrt(9.6875)         -0.5622535302317492    0.2869716472504924
     * </pre>
     */
    @Test
    void gaussian_probabilities_worked_out_by_hand() {
        double[] raw = {1, 3, 4, 2, 10, 3};
        double[] expected = {0, 0, 0.9772498680518208, 0.2964900490087134, 0.9999999999901483, 0.2869716472504924};
        double[] s = of(Method.GAUSSIAN, 4, 2).apply(raw);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(expected[i], s[i], 1e-15, "row " + i);
        }
    }

    @Test
    void equal_previous_scores() {
        for (Method m : Method.values()) {
            TrailingNormaliser n = of(m, 50, 10);
            for (int i = 0; i < 60; i++) {
                assertEquals(i < 10 ? 0.0 : 0.5, n.next(0.1), 0, m + " row " + i);
            }
            assertEquals(0, n.fresh().remembered());
            assertEquals(50, n.remembered());
            assertEquals(1.0, n.next(0.1000001), 0, m + ": above all previous");
            assertTrue(n.next(0.0999) < 0.02, m + ": below all previous");
        }
    }

    @Test
    void ranks_equal_a_brute_force_count_with_ties() {
        Random r = new Random(2);
        int h = 37;
        TrailingNormaliser n = of(Method.RANK, h, 5);
        double[] raw = new double[2000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = r.nextDouble() < 0.02 ? Double.NaN : r.nextInt(20); // many ties
        }
        double[] s = n.apply(raw);
        double[] kept = Arrays.stream(raw).filter(Double::isFinite).toArray();
        int k = 0;
        for (int i = 0; i < raw.length; i++) {
            if (!Double.isFinite(raw[i])) {
                assertEquals(0.0, s[i], 0);
                continue;
            }
            int from = Math.max(0, k - h);
            int count = k - from;
            double expected = 0;
            if (count >= 5) {
                double below = 0;
                for (int j = from; j < k; j++) {
                    below += kept[j] < kept[k] ? 1 : kept[j] == kept[k] ? 0.5 : 0;
                }
                expected = below / count;
            }
            assertEquals(expected, s[i], 1e-15, "row " + i);
            k++;
        }
    }

    @Test
    void sliding_gaussian_moments_match_a_direct_computation_far_from_zero() {
        Random r = new Random(3);
        int h = 500;
        double[] raw = new double[6000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 1e6 + (i > 3000 ? 50 : 0) + r.nextGaussian() * (i % 700 < 300 ? 1 : 10);
        }
        double[] s = of(Method.GAUSSIAN, h, 20).apply(raw);
        for (int i = 20; i < raw.length; i++) {
            int from = Math.max(0, i - h);
            double mean = Arrays.stream(raw, from, i).average().orElseThrow();
            double var = Arrays.stream(raw, from, i).map(v -> (v - mean) * (v - mean)).sum() / (i - from);
            double z = (raw[i] - mean) / Math.sqrt(var);
            double phi = 0.5 * Math.exp(org.dgmkit.score.LogMath.logErfc(-z / Math.sqrt(2)));
            assertEquals(phi, s[i], 1e-9, "row " + i);
        }
    }

    @Test
    void a_higher_raw_score_never_scores_lower() {
        for (Method m : Method.values()) {
            Random r = new Random(4);
            double[] history = r.doubles(300).map(v -> v * v).toArray();
            double previous = -1;
            for (double raw = -0.5; raw < 2; raw += 0.01) {
                TrailingNormaliser n = of(m, 300, 1);
                n.apply(history);
                double s = n.next(raw);
                assertTrue(s >= previous && s >= 0 && s <= 1, m + " raw " + raw + ": " + s + " after " + previous);
                previous = s;
            }
            assertTrue(previous > 0.99, m + ": " + previous);
        }
    }

    @Test
    void truncated_streams_give_the_same_scores() {
        Random r = new Random(5);
        double[] raw = new double[3000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = r.nextDouble() < 0.01 ? Double.NaN : Math.exp(r.nextGaussian());
        }
        for (Method m : Method.values()) {
            double[] full = of(m, 400, 30).apply(raw);
            for (int k : new int[] {1, 30, 31, 399, 400, 401, 800, 801, 2500}) {
                double[] part = of(m, 400, 30).apply(Arrays.copyOf(raw, k));
                for (int i = 0; i < k; i++) {
                    assertEquals(Double.doubleToLongBits(full[i]), Double.doubleToLongBits(part[i]),
                            m + ": cut at " + k + ", row " + i);
                }
            }
        }
    }

    @Test
    void settings_are_validated_and_changed_one_at_a_time() {
        TrailingNormaliserSettings d = TrailingNormaliserSettings.defaults();
        assertEquals(new TrailingNormaliserSettings(Method.RANK, 8640, 100), d);
        assertEquals(Method.GAUSSIAN, d.withMethod(Method.GAUSSIAN).method());
        assertEquals(1000, d.withHistory(1000).history());
        assertEquals(1, d.withMinHistory(1).minHistory());
        assertThrows(IllegalArgumentException.class, () -> d.withHistory(0));
        assertThrows(IllegalArgumentException.class, () -> d.withHistory(50)); // < minHistory 100
        assertThrows(IllegalArgumentException.class, () -> d.withMinHistory(0));
        assertThrows(NullPointerException.class, () -> d.withMethod(null));
    }

    @Test
    void fifteen_thousand_rows_take_well_under_a_second() {
        double[] raw = new Random(6).doubles(15_000).toArray();
        for (Method m : Method.values()) {
            TrailingNormaliserSettings s = TrailingNormaliserSettings.defaults().withMethod(m);
            new TrailingNormaliser(s).apply(raw); // warm up
            long t0 = System.nanoTime();
            new TrailingNormaliser(s).apply(raw);
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.println("trailing normaliser " + m + ", 15 000 rows: " + ms + " ms");
            assertTrue(ms < 1000, m + ": " + ms + " ms");
        }
    }
}
