package org.dgmkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TableBuilderTest {
    record R(String name, int n, double v) { }

    @Test
    void oneRowPerElementOneColumnPerFunctionInOrder() {
        Table t = TableBuilder.of("title", List.of(new R("a", 1, 1.23456), new R("b", 2, Double.NaN)))
                .text("name", R::name).integer("n", R::n).number("v", R::v).number("v2", R::v, 2).build();
        assertEquals("title", t.name());
        assertEquals(List.of("name", "n", "v", "v2"), t.columnNames());
        assertEquals(List.of(ColumnType.STRING, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE),
                List.of(t.column(0).type(), t.column(1).type(), t.column(2).type(), t.column(3).type()));
        assertEquals(1.23456, t.doubleColumn("v").get(0));
        assertEquals(1.23, t.doubleColumn("v2").get(0));
        assertTrue(t.doubleColumn("v2").isMissing(1), "NaN is a missing value, also after rounding");
        assertEquals("b", t.stringColumn("name").get(1));
    }

    @Test
    void roundsLikeTheNotebooksDid() {
        for (double v : new double[] {-92.555, 84.545, 0.0049999, -0.005, 12345.6789, 1e-9}) {
            assertEquals(Math.round(v * 100) / 100.0, TableBuilder.round(v, 2), "v=" + v);
            assertEquals(Math.round(v * 1000) / 1000.0, TableBuilder.round(v, 3), "v=" + v);
        }
        assertEquals(Double.POSITIVE_INFINITY, TableBuilder.round(Double.POSITIVE_INFINITY, 2));
    }
}
