package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.plot.Figure;

class LineDecimationTest {

    @Test
    void m4KeepsFirstMinMaxLastOfEveryColumnInOrder() {
        int n = 10_000;
        int columns = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = rng.nextDouble();
        }
        int[] keep = LineDecimation.m4(x, y, columns, false);
        assertTrue(keep.length <= 4 * (columns + 1), "at most 4 per column, got " + keep.length);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[keep.length - 1]);
        for (int k = 1; k < keep.length; k++) {
            assertTrue(keep[k] > keep[k - 1], "strictly increasing indices");
        }
        // brute force: every column's min and max and first/last index are kept
        double scale = columns / (x[n - 1] - x[0]);
        java.util.Set<Integer> kept = new java.util.HashSet<>();
        for (int k : keep) {
            kept.add(k);
        }
        for (int c = 0; c <= columns; c++) {
            int first = -1;
            int last = -1;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if ((int) (x[i] * scale) == c) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                    min = Math.min(min, y[i]);
                    max = Math.max(max, y[i]);
                }
            }
            if (first < 0) {
                continue;
            }
            assertTrue(kept.contains(first) && kept.contains(last), "column " + c);
            double keptMin = Double.POSITIVE_INFINITY;
            double keptMax = Double.NEGATIVE_INFINITY;
            for (int k : keep) {
                if ((int) (x[k] * scale) == c) {
                    keptMin = Math.min(keptMin, y[k]);
                    keptMax = Math.max(keptMax, y[k]);
                }
            }
            assertEquals(min, keptMin, 0.0, "column " + c + " min");
            assertEquals(max, keptMax, 0.0, "column " + c + " max");
        }
    }

    @Test
    void encodingReducesLongLinesAndRestoresTheData() throws Exception {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i * 0.01);
        }
        double[] px = {0, 1, 2};
        double[] py = {0, 1, 0};
        Figure fig = new Figure(400, 300).addLine("long", x, y).addPoints("points", px, py);
        XYSeries series = fig.getSeriesMap().get("long");
        double[] storedX = series.getXData();
        double[] storedY = series.getYData();
        LineDecimation d = LineDecimation.apply(fig);
        assertEquals(1, d.reduced(), "only the long line, not the markers");
        assertTrue(series.getXData().length <= 4 * 401, "reduced to " + series.getXData().length);
        d.restore();
        assertSame(storedX, series.getXData());
        assertSame(storedY, series.getYData());

        byte[] png = ChartImages.png(fig);
        assertEquals(400, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth());
        assertSame(storedX, series.getXData(), "data restored after encoding");
        assertArrayEquals(py, fig.getSeriesMap().get("points").getYData());
    }

    @Test
    void unsortedOrNaNSeriesAreLeftAlone() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n - i;           // descending
            y[i] = i;
        }
        Figure fig = new Figure(300, 200);
        fig.addSeries("desc", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        fig.getSeriesMap().get("desc").setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        assertEquals(0, LineDecimation.apply(fig).reduced());
    }
}
