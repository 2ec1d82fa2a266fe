package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ClassUsageTest {
    /** Three classes; class 2's digits all go to class 1, which a sure classifier then uses for both. */
    static final double[][] MERGED = {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}};
    static final int[] LABELS = {0, 0, 1, 1, 2, 2};

    @Test
    void a_sure_classifier_that_merged_two_classes() {
        ClassUsage u = ClassUsage.of(MERGED, LABELS);
        assertEquals(2.0 / 6, u.error(), 1e-12);
        assertEquals(0.0, u.meanEntropy(), 0);
        // mean q = (1/3, 2/3, 0)
        assertEquals(-(Math.log(1.0 / 3) / 3 + 2 * Math.log(2.0 / 3) / 3), u.usedEntropy(), 1e-12);
        assertArrayEquals(new int[] {2, 4, 0}, u.predicted());
        assertArrayEquals(new int[] {0, 1, 1}, u.goesTo());
        assertEquals(List.of(2), u.unusedClasses());
        assertEquals("2→1 (100 %)", u.merged());
    }

    @Test
    void an_unsure_classifier_spreads_evenly() {
        double third = 1.0 / 3;
        double[][] flat = {{third, third, third}, {third, third, third}};
        ClassUsage u = ClassUsage.of(flat, new int[] {0, 1});
        assertEquals(Math.log(3), u.meanEntropy(), 1e-12);
        assertEquals(Math.log(3), u.usedEntropy(), 1e-12);
        assertEquals(0.5, u.error(), 0, "ties go to the first class");
    }

    @Test
    void the_table_has_a_row_per_model_and_mismatched_input_fails() {
        Map<String, ClassUsage> m = new LinkedHashMap<>();
        m.put("M2", ClassUsage.of(MERGED, LABELS));
        m.put("perfect", ClassUsage.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new int[] {0, 1, 2}));
        Table t = ClassUsage.usageTable("usage", m);
        assertEquals(2, t.rowCount());
        assertEquals(33.33, t.doubleColumn("error (%)").get(0), 0);
        assertEquals("[2]", t.stringColumn("classes almost never predicted (< 1 %)").get(0));
        assertEquals("none", t.stringColumn("true classes mostly predicted as another").get(1));
        assertThrows(IllegalArgumentException.class, () -> ClassUsage.of(MERGED, new int[] {0}));
    }
}
