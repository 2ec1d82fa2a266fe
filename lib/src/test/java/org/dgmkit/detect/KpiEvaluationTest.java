package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.kpi.KpiCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiEvaluationTest {
    @TempDir
    Path dir;

    /** A KPI of {@code train + test} minutely rows, labelled at the given rows (indices over train then test). */
    private void kpi(String id, int train, int test, int... anomalous) throws Exception {
        List<String> tr = new ArrayList<>(List.of("timestamp,value,label"));
        List<String> te = new ArrayList<>(List.of("timestamp,value,label"));
        for (int i = 0; i < train + test; i++) {
            boolean a = false;
            for (int k : anomalous) {
                a |= k == i;
            }
            String line = (1_500_000_000L + 60L * i) + "," + (i % 7) + "," + (a ? 1 : 0);
            (i < train ? tr : te).add(line);
        }
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("test"));
        Files.write(dir.resolve("train/" + id + ".csv"), tr);
        Files.write(dir.resolve("test/" + id + ".csv"), te);
    }

    @Test
    void the_test_part_is_judged_on_its_rows_only_with_a_carried_threshold() throws Exception {
        kpi("a", 1000, 200, 1100, 1101, 1150);
        kpi("b", 1000, 200, 500, 1190);
        KpiCorpus c = KpiCorpus.open(dir);
        List<EvalSeries> test = KpiEvaluation.series(c, KpiEvaluation.Part.TEST);
        assertEquals(List.of("kpi/a", "kpi/b"), test.stream().map(EvalSeries::name).toList());
        assertEquals(1200, test.get(0).size());
        assertEquals(180, test.get(0).probation()); // NAB's 15 %
        // a's scores: 0.9 on the segment 1100-1101, 0.8 at 1150, 0.5 elsewhere; b's: 0.95 at 500 (a train row: not
        // judged), 0.7 at 1190
        double[] a = new double[1200];
        double[] b = new double[1200];
        java.util.Arrays.fill(a, 0.5);
        java.util.Arrays.fill(b, 0.5);
        a[1100] = 0.9;
        a[1101] = 0.9;
        a[1150] = 0.8;
        b[500] = 0.95;
        b[1190] = 0.7;
        KpiEvaluation e = KpiEvaluation.of(c, KpiEvaluation.Part.TEST, Map.of("kpi/a", a, "kpi/b", b), 0.75);
        // at 0.7 every segment (4 labelled points) is detected and nothing else alarms: F1 1
        assertEquals(1.0, e.best().f1(), 1e-12);
        assertTrue(e.bestThreshold() <= 0.7 && e.bestThreshold() > 0.5, "threshold " + e.bestThreshold());
        // carried 0.75: a's two segments (3 points) detected, b's 1190 missed: tp 3, fn 1 -> F1 6 / 7
        assertEquals(6 / 7.0, e.carried().f1(), 1e-12);
        assertEquals(1.0, e.ap().get("a"), 1e-12);
        assertEquals(1.0, e.ap().get("b"), 1e-12);
        assertNull(KpiEvaluation.of(c, KpiEvaluation.Part.TEST, Map.of("kpi/a", a), Double.NaN).carried());
        assertThrows(IllegalArgumentException.class,
                () -> KpiEvaluation.of(c, KpiEvaluation.Part.TEST, Map.of("kpi/a", new double[10]), Double.NaN));
    }

    @Test
    void the_selection_rows_are_the_train_parts_evaluated_after_probation() throws Exception {
        kpi("a", 1000, 200, 100, 600);
        KpiCorpus c = KpiCorpus.open(dir);
        List<EvalSeries> sel = KpiEvaluation.series(c, KpiEvaluation.Part.SELECTION);
        assertEquals(List.of("kpi-selection/a"), sel.stream().map(EvalSeries::name).toList());
        assertEquals(1000, sel.get(0).size()); // the train part (shorter than the selection cap)
        double[] s = new double[1000];
        s[100] = 1; // inside probation (150 rows): not judged
        s[600] = 0.5;
        KpiEvaluation e = KpiEvaluation.of(c, KpiEvaluation.Part.SELECTION, Map.of("kpi-selection/a", s), Double.NaN);
        assertEquals(1.0, e.best().f1(), 1e-12);
        assertEquals(1.0, e.meanAp(), 1e-12);
    }

    @Test
    void a_segment_under_way_when_probation_ends_is_left_out_of_the_selection_rows() throws Exception {
        // probation is 150 rows; the segment 140-159 is under way at row 150, the segment 600-604 starts later
        int[] rows = new int[25];
        for (int i = 0; i < 20; i++) {
            rows[i] = 140 + i;
        }
        for (int i = 0; i < 5; i++) {
            rows[20 + i] = 600 + i;
        }
        kpi("a", 1000, 200, rows);
        KpiCorpus c = KpiCorpus.open(dir);
        double[] s = new double[1000];
        s[150] = 1; // would "detect" the cut segment at its first judged row
        s[600] = 0.5;
        KpiEvaluation e = KpiEvaluation.of(c, KpiEvaluation.Part.SELECTION, Map.of("kpi-selection/a", s), 0.9);
        // rows 150-159 are not judged: the alarm at 150 is neither a hit nor a false alarm
        assertEquals(5, e.best().tp() + e.best().fn());
        assertEquals(1.0, e.best().f1(), 1e-12);
        assertEquals(0, e.carried().tp() + e.carried().fp());
        assertEquals(5, e.carried().fn());
        assertEquals(160, KpiEvaluation.pastRunningSegment(c.series("a").labels(), 150, 1000));
        assertEquals(140, KpiEvaluation.pastRunningSegment(c.series("a").labels(), 140, 1000)); // starts there: kept
    }

    @Test
    void average_precision_is_undefined_without_anomalies_and_perfect_when_every_row_is_one() {
        assertTrue(Double.isNaN(KpiEvaluation.averagePrecision(new double[] {0.2, 0.9}, new int[] {0, 0})));
        assertEquals(1.0, KpiEvaluation.averagePrecision(new double[] {0.2, 0.9, Double.NaN}, new int[] {1, 1, 0}), 0);
        assertEquals(0.5, KpiEvaluation.averagePrecision(new double[] {0.9, 0.2}, new int[] {0, 1}), 1e-12);
    }
}
