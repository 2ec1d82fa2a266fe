package org.dgmkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure.grid tiles pictures row by row in cells as large as the largest picture. */
class FigureGridTest {

    private static Figure filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return Figure.of(img);
    }

    @Test
    void tilesRowByRowWithWhiteFill() {
        Figure red = filled(100, 50, Color.RED);
        Figure blue = filled(80, 40, Color.BLUE);
        Figure green = filled(100, 50, Color.GREEN);
        BufferedImage twoCols = Figure.grid(List.of(red, blue, green), 2).image();
        assertEquals(200, twoCols.getWidth());
        assertEquals(100, twoCols.getHeight());
        assertEquals(Color.RED.getRGB(), twoCols.getRGB(10, 10));
        assertEquals(Color.BLUE.getRGB(), twoCols.getRGB(110, 10));
        assertEquals(Color.WHITE.getRGB(), twoCols.getRGB(195, 45), "blue is smaller than its cell: white beside it");
        assertEquals(Color.GREEN.getRGB(), twoCols.getRGB(10, 60));
        assertEquals(Color.WHITE.getRGB(), twoCols.getRGB(150, 75), "empty last cell stays white");

        BufferedImage oneCol = Figure.grid(List.of(red, blue), 1).image();
        assertEquals(100, oneCol.getWidth());
        assertEquals(100, oneCol.getHeight());
        assertEquals(Color.BLUE.getRGB(), oneCol.getRGB(10, 60));
    }

    @Test
    void rejectsEmptyInputAndBadColumns() {
        assertEquals("no figures to tile",
                assertThrows(IllegalArgumentException.class, () -> Figure.grid(List.of(), 2)).getMessage());
        assertEquals("columns must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> Figure.grid(List.of(filled(5, 5, Color.RED)), 0)).getMessage());
    }
}
