package org.dgmkit.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A finished figure: an XChart chart or a raster picture. {@link #image()} is what a notebook cell ends with to
 * show it; {@link #save(Path, String)} writes {@code name.png} and {@code name.svg}.
 */
public final class Figure {

    private final Chart<?, ?> chart;
    private final BufferedImage raster;

    private Figure(Chart<?, ?> chart, BufferedImage raster) {
        this.chart = chart;
        this.raster = raster;
    }

    /** A figure drawn by XChart (vector SVG). */
    public static Figure of(Chart<?, ?> chart) {
        return new Figure(chart, null);
    }

    /** A raster figure (its SVG embeds the picture). */
    public static Figure of(BufferedImage image) {
        return new Figure(null, image);
    }

    /**
     * Several figures tiled row by row in one raster figure, {@code columns} per row (e.g. a series above its
     * spectrogram, or three series side by side). Cells are as large as the largest figure; smaller ones sit at
     * their cell's top left on white.
     */
    public static Figure grid(List<Figure> figures, int columns) {
        if (figures == null || figures.isEmpty()) {
            throw new IllegalArgumentException("no figures to tile");
        }
        if (columns <= 0) {
            throw new IllegalArgumentException("columns must be positive, got " + columns);
        }
        List<BufferedImage> images = figures.stream().map(Figure::image).toList();
        int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().getAsInt();
        int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().getAsInt();
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), (i % cols) * cellW, (i / cols) * cellH, null);
        }
        g.dispose();
        return of(out);
    }

    /** The XChart chart behind the figure, for further styling, or null for a raster figure. */
    public Chart<?, ?> chart() {
        return chart;
    }

    /** The figure as a picture: end a notebook cell with it to display it. */
    public BufferedImage image() {
        return chart != null ? BitmapEncoder.getBufferedImage(chart) : raster;
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg} (creating dir) and returns the picture. */
    public BufferedImage save(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            BufferedImage image = image();
            ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
            Path svg = dir.resolve(name + ".svg");
            if (chart != null) {
                // XChart appends the extension itself
                VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name).toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                writeRasterSvg(image, svg);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static void writeRasterSvg(BufferedImage image, Path svg) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        g.drawImage(image, 0, 0, null);
        Document doc = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, image.getWidth(), image.getHeight()));
        try (OutputStream out = Files.newOutputStream(svg)) {
            doc.writeTo(out);
        }
    }
}
