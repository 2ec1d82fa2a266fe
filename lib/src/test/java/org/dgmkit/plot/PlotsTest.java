package org.dgmkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every figure renders, saves PNG + SVG, and has the requested size and title text. */
class PlotsTest {

    static final Path OUT = Path.of("target", "plot-test");

    static void assertSaved(Figure f, String name) throws Exception {
        BufferedImage img = f.save(OUT, name);
        Path png = OUT.resolve(name + ".png");
        Path svg = OUT.resolve(name + ".svg");
        assertTrue(Files.size(png) > 1000, png + " too small");
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), svg + " is not SVG");
    }

    @Test
    void timeSeriesWithWindowAndProbation() throws Exception {
        List<LocalDateTime> t = new ArrayList<>();
        double[] v = new double[500];
        for (int i = 0; i < v.length; i++) {
            t.add(LocalDateTime.of(2014, 4, 1, 0, 0).plusMinutes(5L * i));
            v[i] = -20 + 10 * Math.sin(i / 20.0) + (i > 300 && i < 320 ? 30 : 0);
        }
        Figure f = Plots.timeSeries("art test series", t, v, List.of(new int[] {280, 340}), 75, "value");
        assertEquals(1100, f.image().getWidth());
        assertSaved(f, "timeseries");
        // shading: a pixel inside the anomaly window (x ~ 60 %, bottom of the plot) is reddish, one outside is white
        BufferedImage img = f.image();
        // (values below zero: the band must reach the bottom of the plot, not stop at y = 0)
        java.awt.Color inside = new java.awt.Color(img.getRGB(560, 310));
        assertTrue(inside.getRed() > inside.getBlue() + 20, "anomaly window not shaded at the bottom: " + inside);
        java.awt.Color outside = new java.awt.Color(img.getRGB(400, 310));
        assertTrue(outside.getRed() > 240 && outside.getBlue() > 240, "outside the window must stay white: " + outside);
    }

    @Test
    void imageGridAndHeatMapAndLinesAndHistograms() throws Exception {
        Nd4j.getRandom().setSeed(1);
        Figure grid = Plots.imageGrid("random digits", Nd4j.rand(DataType.FLOAT, 20, 784), 10, List.of("y=0", "y=1"));
        assertEquals(2, (grid.image().getHeight() - 42) / 86);
        assertSaved(grid, "grid");
        assertSaved(Plots.heatMap("spectrogram", Nd4j.rand(DataType.FLOAT, 900, 33), "frame", "frequency bin", "log1p |X|"), "heat");
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("a", new double[][] {{0, 1, 2}, {3, 1, 2}});
        assertSaved(Plots.lines("loss", "epoch", "nats", curves), "lines");
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("clean", new double[] {1, 2, 2, 3});
        samples.put("noisy", new double[] {5, 6, 6, 7});
        assertSaved(Plots.histograms("scores", "log-likelihood", samples, 10), "hist");
    }

    @Test
    void badInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.imageGrid("x", Nd4j.rand(DataType.FLOAT, 2, 10), 2, null));
        assertTrue(e.getMessage().contains("square"));
        e = assertThrows(IllegalArgumentException.class, () -> Plots.timeSeries("x",
                List.of(LocalDateTime.now()), new double[] {1, 2}, List.of(), 0, "v"));
        assertTrue(e.getMessage().contains("2 values for 1 timestamps"));
    }
}
