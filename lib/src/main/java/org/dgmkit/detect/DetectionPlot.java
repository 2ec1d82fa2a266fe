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
        boolean[] alarms = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            alarms[i] = scores[i] >= threshold;
        }
        return of(title, times, values, scores, alarms, threshold, probationRows, windows);
    }

    /**
     * A {@code kit detect} result: the usable rows (missing values left out), its alarms, the labelled segments
     * shaded when the input has labels.
     */
    public static Figure of(String title, SeriesDetection.Result r) {
        SeriesInput in = r.input();
        int[] index = in.usableIndex();
        int n = index.length;
        LocalDateTime[] t = new LocalDateTime[n];
        double[] v = new double[n];
        double[] s = new double[n];
        boolean[] a = new boolean[n];
        for (int k = 0; k < n; k++) {
            t[k] = in.times()[index[k]];
            v[k] = in.values()[index[k]];
            s[k] = r.scores()[index[k]];
            a[k] = r.alarms()[index[k]];
        }
        List<int[]> segments = new ArrayList<>();
        if (in.labelled()) {
            int start = -1;
            for (int k = 0; k <= n; k++) {
                boolean on = k < n && in.labels()[index[k]] == 1;
                if (on && start < 0) {
                    start = k;
                } else if (!on && start >= 0) { // shaded up to the next row: a one-row anomaly stays visible
                    segments.add(new int[] {start, Math.min(k, n - 1)});
                    start = -1;
                }
            }
        }
        return of(title, t, v, s, a, r.threshold(), r.probation(), segments);
    }

    /** The two panels with the given alarms; {@code windows} as inclusive row ranges. */
    public static Figure of(String title, LocalDateTime[] times, double[] values, double[] scores, boolean[] alarms,
                            double threshold, int probationRows, List<int[]> windows) {
        List<LocalDateTime> t = List.of(times);
        Figure top = Plots.timeSeries(title, t, values, windows, probationRows, "value");
        List<Date> at = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (alarms[i]) {
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
