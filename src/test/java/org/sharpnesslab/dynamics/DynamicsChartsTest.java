package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.plot.BifurcationChart;
import org.sharpnesslab.plot.Figure;
import org.sharpnesslab.plot.Figures;
import org.sharpnesslab.plot.Overlays;
import org.sharpnesslab.plot.MapPortrait;
import org.sharpnesslab.plot.Plots;
import org.sharpnesslab.plot.Quiver;

/** The generic dynamics charts of {@code plot}: series content and that they render. */
class DynamicsChartsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static int coloured(BufferedImage img, Color c, int tol) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= tol && Math.abs(p.getGreen() - c.getGreen()) <= tol
                        && Math.abs(p.getBlue() - c.getBlue()) <= tol) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void quiverIsOneSeriesOfSevenPointsPerArrow() {
        Figure f = Quiver.of(VectorField.unit(Maps.henon(1.4, 0.3), new double[] {-2, 2}, new double[] {-1, 1},
                20, 20));
        XYSeries s = f.getSeriesMap().get("field");
        assertEquals(7 * 400, s.getXData().length); // tail, tip, gap, barb, tip, barb, gap
        // every shaft is centred on its grid point: midpoint of tail and tip of arrow 0 is (−2, −1)
        assertEquals(-2, 0.5 * (s.getXData()[0] + s.getXData()[1]), 1e-12);
        assertEquals(-1, 0.5 * (s.getYData()[0] + s.getYData()[1]), 1e-12);
        assertTrue(coloured(BitmapEncoder.getBufferedImage(f), Quiver.GREY, 40) > 2000);
    }

    @Test
    void phasePortraitHasArrowsNullclinesAndFixedPoints() {
        Figure f = MapPortrait.of(Maps.henon(1.4, 0.3), new double[] {-2, 2}, new double[] {-0.6, 0.6}, 16);
        assertTrue(f.getSeriesMap().containsKey("G/|G|"));
        assertTrue(f.getSeriesMap().containsKey("g1 = 0"));
        assertTrue(f.getSeriesMap().containsKey("g2 = 0"));
        assertEquals(2, f.getSeriesMap().get("saddle").getXData().length); // both Hénon fixed points
        Overlays.shade(f, "upper", (x, y) -> y > 0.3, new double[] {-2, 2}, new double[] {-0.6, 0.6}, 40, 40,
                new Color(230, 159, 0, 80));
        Orbit o = Orbit.of(Maps.henon(0.3, 0.3), new double[] {0.1, 0.1}, 12);
        Overlays.orbitArrows(f, "orbit", o, 0, 1, Color.BLACK, 3);
        // 13 states, then a head (gap + 3 points) at steps 0, 3, 6, 9
        assertEquals(13 + 4 * 4, f.getSeriesMap().get("orbit").getXData().length);
        BufferedImage img = BitmapEncoder.getBufferedImage(f);
        assertEquals(Plots.WIDTH, img.getWidth());
        assertTrue(coloured(img, Overlays.SADDLE, 30) > 20);
    }

    @Test
    void bifurcationChartDrawsPeriodicValuesOnceAndStacksTheLyapunovChart() {
        BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, Bifurcation.range(2.6, 3.4, 50),
                new double[] {0.5}, 0, Bifurcation.Options.DEFAULT.withTransient(5000).withKeep(100)
                        .withLyapunov(true));
        Figure f = BifurcationChart.of(d, "r", "x");
        int expected = 0;
        for (int p : d.period()) {
            expected += p >= 1 ? p : 100;
        }
        assertEquals(expected, f.getSeriesMap().get("orbit").getXData().length);
        BufferedImage img = BifurcationChart.withLyapunov(d, "r", "x");
        assertEquals(Plots.HEIGHT + 220, img.getHeight());
        assertEquals(Plots.HEIGHT + 220, Figures.column(f, BifurcationChart.lyapunov(d, "r")).getHeight());
        BifurcationDiagram noLyap = Bifurcation.diagram(Maps::logistic, new double[] {3.0, 3.1},
                new double[] {0.5}, 100, 10, 0);
        assertThrows(IllegalArgumentException.class, () -> BifurcationChart.lyapunov(noLyap, "r"));
    }
}
