package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dgmkit.plot.Figure;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/** Notebooks 02 and 04's long-run views over a small log the test makes, and without a log (no crash). */
class LongRunComparisonTest {
    private static LongRunFile semiLog() {
        return LongRunFile.empty(SemiSupervisedLongRun.COLUMNS).withModel("sdgm", List.of("sdgm: s"), List.of(
                new LongRunFile.Row("sdgm", new double[] {1, 20.0, 18.0, 3e-4, 0.5}),
                new LongRunFile.Row("sdgm", new double[] {2, 4.8, 4.0, 3e-4, 1.0}),
                new LongRunFile.Row("sdgm", new double[] {3, 2.4, 2.2, 3e-4, 1.5}),
                new LongRunFile.Row("sdgm", new double[] {4, 3.0, 2.9, 3e-4, 2.0})));
    }

    @Test
    void time_to_accuracy_is_the_first_epoch_at_or_below_each_level_then_the_published_runs() {
        Table t = LongRunComparison.timeTo(semiLog());
        assertEquals(3, t.rowCount()); // the kit's run, the authors' ADGM log, the official SDGM code
        assertEquals(4.0, t.doubleColumn("epochs").get(0), 0);
        assertEquals(3.0, t.doubleColumn("last error (%)").get(0), 0);
        assertEquals(2.4, t.doubleColumn("best error (%)").get(0), 0);
        assertEquals(1.0, t.doubleColumn("hours to 5.0 %").get(0), 0);
        assertEquals(1.5, t.doubleColumn("hours to 2.5 %").get(0), 0);
        assertTrue(t.doubleColumn("hours to 2.0 %").isMissing(0), "never reached 2 %"); // Tablesaw keeps NaN as missing
        assertEquals(2.33, t.doubleColumn("hours to 2.0 %").get(1), 0);
    }

    @Test
    void the_error_figure_shows_this_run_the_long_runs_and_the_authors_log_up_to_300_epochs() {
        Figure f = LongRunComparison.errorFigure("t", Map.of("ADGM (this run)", new double[][] {{1, 2}, {21, 19}}),
                semiLog());
        XYChart chart = (XYChart) f.chart();
        assertEquals(List.of("ADGM (this run)", "SDGM (kit long run)", "ADGM (authors' log)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        double[] authorsEpochs = chart.getSeriesMap().get("ADGM (authors' log)").getXData();
        assertEquals(300, authorsEpochs[authorsEpochs.length - 1], 0);
        assertArrayEquals(new double[] {1, 2, 3, 4}, chart.getSeriesMap().get("SDGM (kit long run)").getXData(), 0);
        for (var s : chart.getSeriesMap().values()) { // one colour per run: markers as their line
            assertEquals(s.getLineColor(), s.getMarkerColor(), s.getName());
        }
        assertEquals(3, chart.getSeriesMap().values().stream().map(s -> s.getLineColor()).distinct().count());
    }

    @Test
    void without_a_log_the_views_show_only_the_published_figures() {
        assertEquals(2, LongRunComparison.timeTo(null).rowCount());
        assertEquals(1, LongRunComparison.ladderTable(null).rowCount());
        XYChart chart = (XYChart) LongRunComparison.ladderFigure("t", null).chart();
        assertEquals(1, chart.getSeriesMap().size());
        var paper = chart.getSeriesMap().values().iterator().next();
        assertEquals(paper.getLineColor(), paper.getMarkerColor());
        assertEquals(1, ((XYChart) LongRunComparison.errorFigure("t", Map.of(), null).chart()).getSeriesMap().size());
    }
}
