package org.dgmkit.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.data.nab.NabWindow;
import org.dgmkit.plot.Figure;
import org.dgmkit.plot.Plots;
import org.dgmkit.plot.TableBuilder;
import org.dgmkit.signal.SpectrumScale;
import org.dgmkit.signal.Spectrogram;
import org.dgmkit.signal.Stft;
import org.dgmkit.signal.StftConfig;
import org.dgmkit.signal.WindowFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.Table;

/**
 * Notebook 07's look at the model inputs of the NAB series: spectrogram frames, "the amplitudes at a time". The
 * artificial series are sampled every 5 minutes, so a day is {@link #DAY} rows.
 */
public final class SpectrogramInputs {
    /** Rows per day at NAB's 5-minute steps. */
    public static final int DAY = 288;

    private SpectrogramInputs() {
    }

    private record WindowRow(int window, Spectrogram s, int probationRows) { }

    /**
     * Window length against resolution for one series: per window (samples), its hours, bins, bin spacing in cycles
     * per day, frames, frames ending in the probationary period, and the first scored row.
     */
    public static Table windowTradeoff(NabSeries series, StftConfig stft, int... windows) {
        List<WindowRow> rows = Arrays.stream(windows)
                .mapToObj(w -> new WindowRow(w, Stft.spectrogram(series.values(), stft.withWindow(w)), series.probationRows()))
                .toList();
        return TableBuilder.of("STFT window vs resolution (" + series.size() + " rows, probation "
                        + series.probationRows() + ")", rows)
                .integer("window (samples)", WindowRow::window)
                .number("window (hours)", r -> r.window() * 5 / 60.0)
                .integer("bins", r -> r.s().bins())
                .number("bin spacing (cycles/day)", r -> (double) DAY / r.window())
                .integer("frames", r -> r.s().frames())
                .integer("frames ending in probation", r -> r.s().framesEndingBefore(r.probationRows()))
                .integer("first scored row", r -> r.s().frameEndRows()[0])
                .build();
    }

    /** One frame's values (a spectrogram row) as doubles. */
    public static double[] frame(Spectrogram s, int frame) {
        return s.values().getRow(frame).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * Frame {@code frame} of {@code series} in three forms against frequency in cycles per day: log10 of the
     * Hann-windowed magnitude, {@code log1p} of it, and {@code log1p} without a taper (spectral leakage).
     */
    public static Figure frameScales(NabSeries series, StftConfig stft, int frame) {
        Spectrogram mag = Stft.spectrogram(series.values(), stft.withScale(SpectrumScale.MAGNITUDE));
        Spectrogram logMag = Stft.spectrogram(series.values(), stft.withScale(SpectrumScale.LOG_MAGNITUDE));
        Spectrogram rect = Stft.spectrogram(series.values(), stft.withScale(SpectrumScale.LOG_MAGNITUDE)
                .withWindowFunction(WindowFunction.RECTANGULAR));
        double[] cyclesPerDay = Arrays.stream(mag.frequencies()).map(f -> f * DAY).toArray();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("log10 |X| (Hann)", new double[][] {cyclesPerDay,
            Arrays.stream(frame(mag, frame)).map(v -> Math.log10(Math.max(1e-3, v))).toArray()});
        curves.put("log1p |X| (Hann)", new double[][] {cyclesPerDay, frame(logMag, frame)});
        curves.put("log1p |X| (rectangular: leakage)", new double[][] {cyclesPerDay, frame(rect, frame)});
        return Plots.lines("One frame of " + series.fileName().replace(".csv", "") + " (ends at row "
                + logMag.frameEndRows()[frame] + "): scales and tapers", "frequency (cycles per day)", "value", curves);
    }

    /** A grid with each series above (anomaly windows, probation) and its spectrogram below, one column a series. */
    public static Figure seriesAndSpectrograms(List<NabSeries> series, StftConfig stft, String valueLabel) {
        List<Figure> cells = new ArrayList<>();
        series.forEach(s -> cells.add(Plots.nab(s)));
        for (NabSeries s : series) {
            cells.add(Plots.heatMap(s.fileName().replace(".csv", "") + ": spectrogram (window " + stft.window() + ", hop "
                            + stft.hop() + ")", Stft.spectrogram(s.values(), stft).values(),
                    "frame (ends at row frame + " + (stft.window() - 1) + ")", "bin (cycles per day at window 288)",
                    valueLabel));
        }
        return Figure.grid(cells, series.size());
    }

    /** The spectrograms alone, one a column, titled with the window. */
    public static Figure spectrograms(List<NabSeries> series, StftConfig stft, String valueLabel) {
        List<Figure> cells = new ArrayList<>();
        for (NabSeries s : series) {
            cells.add(Plots.heatMap(s.fileName().replace(".csv", "") + ": window " + stft.window(),
                    Stft.spectrogram(s.values(), stft).values(), "frame (ends at row frame + " + (stft.window() - 1) + ")",
                    "bin", valueLabel));
        }
        return Figure.grid(cells, series.size());
    }

    private record SeriesRow(String name, Spectrogram s, int train, int[] window) { }

    /**
     * Per series: frames, training frames (ending in the probationary period), and the mean input of bin 0 and of the
     * other bins in the training frames and in the frames ending inside the first anomaly window (missing without one).
     */
    public static Table perSeries(List<NabSeries> series, StftConfig stft) {
        List<SeriesRow> rows = new ArrayList<>();
        for (NabSeries s : series) {
            Spectrogram sp = Stft.spectrogram(s.values(), stft);
            int[] window = null;
            if (!s.windows().isEmpty()) {
                NabWindow w = s.windows().get(0);
                int a = Math.max(0, sp.frameAtOrBefore(w.firstRow()));
                window = new int[] {a, Math.max(a + 1, sp.frameAtOrBefore(w.lastRow()) + 1)};
            }
            rows.add(new SeriesRow(s.fileName().replace(".csv", ""), sp, sp.framesEndingBefore(s.probationRows()), window));
        }
        return TableBuilder.of("Spectrogram inputs of the artificial series", rows)
                .text("series", SeriesRow::name)
                .integer("frames", r -> r.s().frames())
                .integer("training frames", SeriesRow::train)
                .number("bin 0, training frames", r -> mean(r.s(), 0, r.train(), true))
                .number("bin 0, window frames", r -> r.window() == null ? Double.NaN
                        : mean(r.s(), r.window()[0], r.window()[1], true))
                .number("bins 1.., training frames", r -> mean(r.s(), 0, r.train(), false))
                .number("bins 1.., window frames", r -> r.window() == null ? Double.NaN
                        : mean(r.s(), r.window()[0], r.window()[1], false))
                .build();
    }

    /** Mean of frames [from, to) over bin 0 ({@code dc}) or over bins 1.. . */
    private static double mean(Spectrogram s, int from, int to, boolean dc) {
        return s.values().get(NDArrayIndex.interval(from, to), dc ? NDArrayIndex.point(0)
                : NDArrayIndex.interval(1, s.bins())).meanNumber().doubleValue();
    }
}
