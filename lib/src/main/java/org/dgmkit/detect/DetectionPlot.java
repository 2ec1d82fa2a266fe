package org.dgmkit.detect;

import java.awt.Color;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.plot.Figure;
import org.dgmkit.plot.Plots;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A detector's output over time in two panels: the series with its alarms marked (red dots at the rows whose score
 * reaches the threshold), and the anomaly score with the threshold line; anomaly windows (when known) shaded red,
 * the probationary period grey.
 */
public final class DetectionPlot {
    private static final Color ALARM = new Color(214, 39, 40);

    private DetectionPlot() {
    }

    /** For a series without labels. */
    public static Figure of(String title, LocalDateTime[] times, double[] values, double[] scores, double threshold,
                            int probationRows) {
        return of(title, times, values, scores, threshold, probationRows, List.of());
    }

    /** For a NAB series: its windows shaded. */
    public static Figure of(NabSeries series, double[] scores, double threshold, String detector) {
        List<int[]> windows = new ArrayList<>();
        series.windows().forEach(w -> windows.add(new int[] {w.firstRow(), w.lastRow()}));
        return of(series.name() + " (" + detector + ")", series.timestamps(), series.values(), scores, threshold,
                series.probationRows(), windows);
    }

    /**
     * {@code v} scaled to [0, 1] by its own minimum and maximum (NaN rows, e.g. before the model is fitted, at 0),
     * so scores in nats of very different ranges share one axis.
     */
    public static double[] scaled(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = !Double.isFinite(v[i]) || !(hi > lo) ? 0 : (v[i] - lo) / (hi - lo);
        }
        return out;
    }

    /** The two panels; {@code windows} as inclusive row ranges. */
    public static Figure of(String title, LocalDateTime[] times, double[] values, double[] scores, double threshold,
                            int probationRows, List<int[]> windows) {
        List<LocalDateTime> t = List.of(times);
        Figure top = Plots.timeSeries(title, t, values, windows, probationRows, "value");
        List<Date> at = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold) {
                at.add(Date.from(times[i].toInstant(ZoneOffset.UTC)));
                y.add(values[i]);
            }
        }
        if (!at.isEmpty()) {
            XYChart chart = (XYChart) top.chart();
            XYSeries s = chart.addSeries("alarms (" + at.size() + ")", at, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ALARM);
        }
        double[] line = new double[scores.length];
        java.util.Arrays.fill(line, threshold);
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("anomaly score", scores);
        curves.put(String.format(java.util.Locale.ROOT, "threshold %.3f", threshold), line);
        Figure bottom = Plots.timeSeries("anomaly score", t, curves, windows, probationRows, "score");
        return Figure.grid(List.of(top, bottom), 1);
    }
}
