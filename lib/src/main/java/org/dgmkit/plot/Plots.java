package org.dgmkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kit's figures, each with title, axis labels and legend set: time series with anomaly windows, image grids,
 * heat maps, line and histogram plots. Every method returns a {@link Figure}; a notebook cell shows it with
 * {@code figure.image()} or saves and shows it with {@code figure.save(dir, name)}.
 */
public final class Plots {

    static final Color WINDOW = new Color(220, 50, 47, 60);
    static final Color PROBATION = new Color(120, 120, 120, 45);
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private Plots() {
    }

    /**
     * A time series with its anomaly windows shaded red and the probationary period (the first rows a NAB detector
     * may use to learn, not scored) shaded grey.
     *
     * @param times         timestamps, one per value
     * @param windows       anomaly windows as inclusive row ranges {first, last}
     * @param probationRows number of leading rows in the probationary period (0 for none)
     */
    public static Figure timeSeries(String title, List<LocalDateTime> times, double[] values, List<int[]> windows,
                                    int probationRows, String valueLabel) {
        return timeSeries(title, times, Map.of(valueLabel, values), windows, probationRows, valueLabel);
    }

    /** Several series over the same timestamps (e.g. a value and its anomaly score), windows and probation shaded. */
    public static Figure timeSeries(String title, List<LocalDateTime> times, Map<String, double[]> series,
                                    List<int[]> windows, int probationRows, String yLabel) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to plot");
        }
        List<Date> dates = new ArrayList<>(times.size());
        for (LocalDateTime t : times) {
            dates.add(Date.from(t.toInstant(ZoneOffset.UTC)));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : series.values()) {
            if (v.length != times.size()) {
                throw new IllegalArgumentException(v.length + " values for " + times.size() + " timestamps");
            }
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        double bottom = lo - pad;
        double top = hi + pad;
        XYChart chart = new XYChartBuilder().width(1100).height(380).title(title).xAxisTitle("time").yAxisTitle(yLabel).build();
        style(chart);
        chart.getStyler().setYAxisMin(bottom).setYAxisMax(top).setDatePattern("yyyy-MM-dd");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (probationRows > 0) {
            band(chart, "probationary period", dates.get(0), dates.get(Math.min(probationRows, dates.size()) - 1), top, bottom, PROBATION);
        }
        for (int i = 0; i < windows.size(); i++) {
            int[] w = windows.get(i);
            band(chart, i == 0 ? "anomaly window" : "anomaly window " + (i + 1), dates.get(w[0]), dates.get(w[1]), top, bottom, WINDOW);
        }
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), dates, toList(e.getValue()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[k++ % PALETTE.length]);
            s.setLineWidth(1.2f);
        }
        // hide legend entries of the second and later windows
        chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("anomaly window "))
                .forEach(s -> s.setShowInLegend(false));
        return Figure.of(chart);
    }

    /** A NAB series with its anomaly windows and probationary period, titled with its name. */
    public static Figure nab(org.dgmkit.data.nab.NabSeries series) {
        List<int[]> windows = new ArrayList<>();
        series.windows().forEach(w -> windows.add(new int[] {w.firstRow(), w.lastRow()}));
        return timeSeries(series.name(), List.of(series.timestamps()), series.values(), windows, series.probationRows(), "value");
    }

    /** A NAB series with extra per-row curves on a second panel's scale (e.g. anomaly scores in [0, 1]). */
    public static Figure nab(org.dgmkit.data.nab.NabSeries series, Map<String, double[]> curves, String yLabel) {
        List<int[]> windows = new ArrayList<>();
        series.windows().forEach(w -> windows.add(new int[] {w.firstRow(), w.lastRow()}));
        return timeSeries(series.name(), List.of(series.timestamps()), curves, windows, series.probationRows(), yLabel);
    }

    private static void band(XYChart chart, String name, Date from, Date to, double top, double bottom, Color color) {
        chart.getStyler().setYAxisMin(bottom);
        // a closed polygon: XChart's Area style would fill down to y = 0, not to the bottom of the plot
        XYSeries s = chart.addSeries(name, List.of(from, from, to, to), List.of(bottom, top, top, bottom));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(color);
        s.setLineColor(color);
        s.setLineStyle(SeriesLines.NONE);
    }

    /**
     * Square images (e.g. 28×28 digits, one per row of {@code images}, values in [0,1]) in a grid, with a title.
     *
     * @param columns   images per grid row
     * @param rowLabels optional labels drawn left of each grid row (may be null)
     */
    public static Figure imageGrid(String title, INDArray images, int columns, List<String> rowLabels) {
        int n = (int) images.rows();
        int side = (int) Math.round(Math.sqrt(images.columns()));
        if (side * side != images.columns()) {
            throw new IllegalArgumentException("images must be square: " + images.columns() + " pixels per row");
        }
        if (n == 0 || columns <= 0) {
            throw new IllegalArgumentException("need at least one image and one column, got " + n + " images, " + columns + " columns");
        }
        int rows = (n + columns - 1) / columns;
        int scale = Math.max(1, 84 / side);
        int cell = side * scale + 2;
        int left = rowLabels == null ? 8 : 60;
        int titleHeight = 34;
        BufferedImage img = new BufferedImage(left + columns * cell + 8, titleHeight + rows * cell + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 24);
        float[] px = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        for (int i = 0; i < n; i++) {
            int x0 = left + (i % columns) * cell;
            int y0 = titleHeight + (i / columns) * cell;
            for (int p = 0; p < side * side; p++) {
                float v = Math.max(0f, Math.min(1f, px[i * side * side + p]));
                int grey = 255 - Math.round(v * 255);
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x0 + (p % side) * scale, y0 + (p / side) * scale, scale, scale);
            }
        }
        if (rowLabels != null) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            for (int r = 0; r < Math.min(rows, rowLabels.size()); r++) {
                g.drawString(rowLabels.get(r), 6, titleHeight + r * cell + cell / 2 + 5);
            }
        }
        g.dispose();
        return Figure.of(img);
    }

    /**
     * A heat map of a matrix, e.g. a spectrogram with frames along x and frequency bins along y. Wide matrices
     * are averaged down to at most 400 columns so the chart stays quick to draw.
     *
     * @param matrix [x, y] values: row i is drawn at x = i
     */
    public static Figure heatMap(String title, INDArray matrix, String xLabel, String yLabel, String valueLabel) {
        int nx = (int) matrix.rows();
        int ny = (int) matrix.columns();
        int step = Math.max(1, (nx + 399) / 400);
        int bx = (nx + step - 1) / step;
        double[][] m = matrix.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        List<Number[]> heat = new ArrayList<>(bx * ny);
        int[] xs = new int[bx];
        for (int b = 0; b < bx; b++) {
            xs[b] = b * step;
            for (int j = 0; j < ny; j++) {
                double sum = 0;
                int count = 0;
                for (int i = b * step; i < Math.min(nx, (b + 1) * step); i++) {
                    sum += m[i][j];
                    count++;
                }
                heat.add(new Number[] {b, j, sum / count});
            }
        }
        int[] ys = new int[ny];
        for (int j = 0; j < ny; j++) {
            ys[j] = j;
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(1100).height(420).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(10, 10, 60), new Color(40, 120, 180), new Color(250, 220, 60)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("#").setYAxisDecimalPattern("#");
        chart.addSeries(valueLabel, toList(xs), toList(ys), heat);
        thinAxisLabels(chart, bx, ny);
        return Figure.of(chart);
    }

    private static void thinAxisLabels(HeatMapChart chart, int nx, int ny) {
        int everyX = Math.max(1, nx / 12);
        int everyY = Math.max(1, ny / 10);
        chart.setCustomXAxisTickLabelsFormatter(x -> ((int) Math.round(x)) % everyX == 0 ? String.valueOf((int) Math.round(x)) : " ");
        chart.setCustomYAxisTickLabelsFormatter(y -> ((int) Math.round(y)) % everyY == 0 ? String.valueOf((int) Math.round(y)) : " ");
    }

    /** Line plot of several named y-series over a shared x (e.g. loss curves, ROC curves). */
    public static Figure lines(String title, String xLabel, String yLabel, Map<String, double[][]> xyByName) {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart);
        int k = 0;
        for (Map.Entry<String, double[][]> e : xyByName.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[k++ % PALETTE.length]);
        }
        return Figure.of(chart);
    }

    /** Overlaid histograms (as step outlines, normalised to densities) of several samples, e.g. scores per class. */
    public static Figure histograms(String title, String xLabel, Map<String, double[]> samples, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : samples.values()) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double width = (hi - lo) / bins;
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] counts = new double[bins];
            int total = 0;
            for (double x : e.getValue()) {
                if (Double.isFinite(x)) {
                    counts[Math.min(bins - 1, (int) ((x - lo) / width))]++;
                    total++;
                }
            }
            double[] xs = new double[2 * bins + 2];
            double[] ys = new double[2 * bins + 2];
            xs[0] = lo;
            for (int b = 0; b < bins; b++) {
                double d = total == 0 ? 0 : counts[b] / (total * width);
                xs[2 * b + 1] = lo + b * width;
                ys[2 * b + 1] = d;
                xs[2 * b + 2] = lo + (b + 1) * width;
                ys[2 * b + 2] = d;
            }
            xs[2 * bins + 1] = hi;
            curves.put(e.getKey() + " (n=" + total + ")", new double[][] {xs, ys});
        }
        Figure f = lines(title, xLabel, "density", curves);
        ((XYChart) f.chart()).getSeriesMap().values().forEach(s -> s.setLineStyle(new BasicStroke(1.6f)));
        return f;
    }

    static void style(XYChart chart) {
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setLegendBorderColor(Color.WHITE);
    }

    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    private static List<Integer> toList(int[] v) {
        List<Integer> l = new ArrayList<>(v.length);
        for (int x : v) {
            l.add(x);
        }
        return l;
    }
}
