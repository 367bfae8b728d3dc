package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.plot.CobwebChart;
import org.sharpnesslab.plot.Figure;
import org.sharpnesslab.uv.EoSMap;

/** The cobweb: fixed points against the maps' closed-form roots, the staircase against the orbit, the chart's series. */
class CobwebTest {

    @Test
    void logisticFixedPointsAreTheRootsAndTheStaircaseFollowsTheOrbit() {
        double r = 3.2;
        Cobweb c = Cobweb.of(Maps.logistic(r), 0.1, 30, 0, 1);
        assertArrayEquals(new double[] {0, 1 - 1 / r}, c.fixedPoints(), 1e-14);
        assertArrayEquals(new double[] {r, 2 - r}, c.multipliers(), 1e-12);
        assertArrayEquals(new boolean[] {false, false}, c.stable());       // r > 3: both unstable, a 2-cycle
        double[] x = c.orbit();
        assertEquals(31, x.length);
        for (int t = 0; t + 1 < x.length; t++) assertEquals(r * x[t] * (1 - x[t]), x[t + 1], 1e-15);
        double[] sx = c.staircaseX();
        double[] sy = c.staircaseY();
        assertEquals(1 + 2 * 30, sx.length);
        assertEquals(x[0], sx[0]);
        assertEquals(x[0], sy[0]);
        for (int t = 0; t < 30; t++) {
            assertEquals(x[t], sx[1 + 2 * t]);            // vertical to the graph: (x_t, x_{t+1})
            assertEquals(x[t + 1], sy[1 + 2 * t]);
            assertEquals(x[t + 1], sx[2 + 2 * t]);        // horizontal to the diagonal: (x_{t+1}, x_{t+1})
            assertEquals(x[t + 1], sy[2 + 2 * t]);
        }
        assertArrayEquals(new boolean[] {false, true}, Cobweb.of(Maps.logistic(2.5), 0.1, 5, 0, 1).stable());
    }

    /** 000 Eq. (3): the EoS map's fixed points Δf = −y, 0, 2/(ηx̃), each a root of M(Δf) = Δf. */
    @Test
    void eosMapFixedPointsAreItsThreeRoots() {
        EoSMap m = EoSMap.of(1.5, 1, 1, 1);
        double[] expected = m.fixedPoints().clone();
        java.util.Arrays.sort(expected);
        Cobweb c = Cobweb.of(m.asMap1D(), 0.05, 50, expected[0] - 0.3, expected[2] + 0.3);
        assertArrayEquals(expected, c.fixedPoints(), 1e-12);
        for (int i = 0; i < 3; i++) assertEquals(m.derivative(expected[i]), c.multipliers()[i], 1e-10);
        Figure f = CobwebChart.of(c, "Δf");
        XYSeries orbit = f.getSeriesMap().get("orbit");
        assertArrayEquals(c.staircaseX(), orbit.getXData(), 0);
        assertArrayEquals(c.staircaseY(), orbit.getYData(), 0);
        int marked = 0;
        for (String s : new String[] {"stable fixed points", "unstable fixed points"}) {
            XYSeries p = f.getSeriesMap().get(s);
            if (p == null) continue;
            for (int i = 0; i < p.getXData().length; i++) {
                assertEquals(p.getXData()[i], p.getYData()[i], 0, "a fixed point lies on the diagonal");
                assertEquals(p.getXData()[i], m.apply(p.getXData()[i]), 1e-12, "and on the graph");
                marked++;
            }
        }
        assertEquals(3, marked);
        assertTrue(f.getSeriesMap().containsKey("f") && f.getSeriesMap().containsKey("y = x"));
        assertEquals(3, c.fixedPointTable().rowCount());
        assertEquals(c.orbit().length, c.table().rowCount());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cobweb.of(Maps.logistic(3), 0.1, 5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Cobweb.of(Maps.logistic(3), Double.NaN, 5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Cobweb.of(null, 0.1, 5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Cobweb.of(Maps.logistic(3), 0.1, -1, 0, 1));
    }
}
