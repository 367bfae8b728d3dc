package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.dynamics.Contour;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class HeatMapTest {

    static final double[] SIGMA = {0.5, 1.0, 1.5, 2.0, 3.0};        // uniform but for the last step
    static final double[] C = {0.5, 1, 2, 4, 8, 16};               // geometric

    static double field(double s, double c) {
        return s * 10 + Math.log(c) / Math.log(2);
    }

    /** A sweep-like table: every (σ_w², c) twice (two seeds) with values ±0.25 around the field. */
    static Table sweep() {
        DoubleColumn s = DoubleColumn.create("sigma_w2");
        DoubleColumn c = DoubleColumn.create("c");
        DoubleColumn v = DoubleColumn.create("value");
        for (double cc : C) {          // rows in an order different from the grid's
            for (int k = SIGMA.length - 1; k >= 0; k--) {
                for (int seed = 0; seed < 2; seed++) {
                    s.append(SIGMA[k]);
                    c.append(cc);
                    v.append(field(SIGMA[k], cc) + (seed == 0 ? 0.25 : -0.25));
                }
            }
        }
        return Table.create("sweep", s, c, v);
    }

    @Test
    void cellsMapToTheirSigmaAndCValues() {
        HeatMap h = HeatMap.of(sweep(), "sigma_w2", "c", "value");
        assertArrayEquals(SIGMA, h.xs(), 0);
        assertArrayEquals(C, h.ys(), 0);
        for (int i = 0; i < SIGMA.length; i++) {
            for (int j = 0; j < C.length; j++) {
                assertEquals(field(SIGMA[i], C[j]), h.value(i, j), 1e-12, "mean over seeds at cell " + i + "," + j);
            }
        }
        // the drawn polygon covering the centre (i, j) of each cell has that cell's colour
        h.contour(20, "level 20"); // forces the cells to be laid out
        for (int i = 0; i < SIGMA.length; i++) {
            for (int j = 0; j < C.length; j++) {
                Color drawn = fillAt(h, i, j);
                assertEquals(h.colorFor(field(SIGMA[i], C[j])), drawn, "colour of cell " + i + "," + j);
            }
        }
        // lowest value dark blue, highest white
        assertEquals(HeatMap.BLUES[0], h.colorOf(0, 0));
        assertEquals(Color.WHITE, h.colorOf(SIGMA.length - 1, C.length - 1));
    }

    static void assertClose(Color want, Color got) {
        assertTrue(Math.abs(want.getRed() - got.getRed()) <= 8 && Math.abs(want.getGreen() - got.getGreen()) <= 8
                && Math.abs(want.getBlue() - got.getBlue()) <= 8, "expected " + want + ", got " + got);
    }

    /** The fill colour of the cell polygon whose square contains index point (i, j). */
    static Color fillAt(HeatMap h, int i, int j) {
        Color found = null;
        for (Map.Entry<String, XYSeries> e : h.getSeriesMap().entrySet()) {
            XYSeries s = e.getValue();
            if (s.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.PolygonArea) {
                continue;
            }
            double[] x = s.getXData();
            double[] y = s.getYData();
            for (int p = 0; p + 4 < x.length; p += 6) {
                if (x[p] < i && x[p + 1] > i && y[p] < j && y[p + 2] > j) {
                    assertTrue(found == null, "two cells cover " + i + "," + j);
                    found = s.getFillColor();
                }
            }
        }
        assertTrue(found != null, "no cell covers " + i + "," + j);
        return found;
    }

    @Test
    void valueCoordinatesInterpolateLinearlyOrInLogSpace() {
        HeatMap h = HeatMap.of(sweep(), "sigma_w2", "c", "value");
        assertFalse(h.xLogScale());
        assertTrue(h.yLogScale());
        for (int j = 0; j < C.length; j++) {
            assertEquals(j, h.yCoordinate(C[j]), 1e-12);
        }
        assertEquals(2.5, h.yCoordinate(Math.sqrt(2 * 4)), 1e-12);    // geometric mean: halfway
        assertEquals(3.5, h.xCoordinate(2.5), 1e-12);                 // between 2.0 and 3.0 linearly
        assertEquals(-0.5, h.xCoordinate(0.25), 1e-12);               // half a cell before the first value
        assertTrue(Double.isNaN(h.xCoordinate(0.1)));                 // outside: not drawn
        assertTrue(Double.isNaN(h.yCoordinate(100)));
    }

    @Test
    void contourOfAFieldLinearInTheIndicesIsExact() {
        double[][] v = new double[C.length][SIGMA.length];
        for (int j = 0; j < C.length; j++) {
            for (int i = 0; i < SIGMA.length; i++) {
                v[j][i] = j - 0.5 * i;          // the level 1 set: j = 1 + i/2
            }
        }
        HeatMap h = HeatMap.of(SIGMA, C, v);
        Contour c = h.contour(1.0, "boundary");
        assertTrue(c.points() >= SIGMA.length);
        for (int k = 0; k < c.xs().size(); k++) {
            for (int p = 0; p < c.xs().get(k).length; p++) {
                assertEquals(1 + 0.5 * c.xs().get(k)[p], c.ys().get(k)[p], 1e-12);
            }
        }
    }

    @Test
    void missingCellsRenderGreyWithColourBarAndOverlays() throws Exception {
        double[][] v = {{0.2, 0.5, Double.NaN}, {0.8, 1.1, 1.3}};
        HeatMap h = HeatMap.of(new double[] {1, 2, 4}, new double[] {0.5, 2}, v).valueName("ηλ̄/2").range(0, 1.3);
        h.contour(1.0, "ηλ̄/2 = 1");
        h.curve("prediction", new double[] {1, 2, 4}, new double[] {1, 1.5, 100});
        assertEquals(HeatMap.MISSING, h.colorOf(2, 0));
        assertTrue(h.getSeriesMap().containsKey("missing / diverged"));
        XYSeries pred = h.getSeriesMap().get("prediction");
        assertTrue(Double.isNaN(pred.getYData()[2]), "a prediction beyond the grid is not drawn");
        BufferedImage img = BitmapEncoder.getBufferedImage(h);
        assertEquals(h.getWidth(), img.getWidth());
        // the colour bar's top is the colour of the range's upper end (white), its bottom the lower end
        int barX = h.getWidth() - HeatMap.BAR_WIDTH + 20;
        assertClose(Color.WHITE, new Color(img.getRGB(barX, 47)));
        assertClose(HeatMap.BLUES[0], new Color(img.getRGB(barX, h.getHeight() - 112)));
        javax.imageio.ImageIO.write(img, "png", new java.io.File("target/heatmap-test.png"));
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(new double[] {1, 1}, new double[] {1}, 
                new double[][] {{1, 2}}));
    }
}
