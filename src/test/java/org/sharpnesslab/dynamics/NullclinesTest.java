package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class NullclinesTest {

    // G_1 = 0.1 (x² + y² − 1): the unit circle; G_2 = 0.3 (y − x/2): the line y = x/2
    private static final DiscreteMap MAP = Maps.of(2, (x, out) -> {
        out[0] = x[0] + 0.1 * (x[0] * x[0] + x[1] * x[1] - 1);
        out[1] = x[1] + 0.3 * (x[1] - 0.5 * x[0]);
    });

    @Test
    void circleAndLineWithinGridResolution() {
        int n = 41; // h = 0.075
        List<Contour> cs = Nullclines.contours(MAP, new double[] {-1.5, 1.5}, new double[] {-1.5, 1.5}, n, n);
        Contour circle = cs.get(0);
        assertEquals("g1", circle.name());
        assertEquals(1, circle.size());
        assertTrue(circle.closed(0));
        double h = 3.0 / (n - 1);
        double[] x = circle.xs().get(0);
        double[] y = circle.ys().get(0);
        assertTrue(x.length > 40);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1, Math.hypot(x[i], y[i]), h * h); // linear interpolation: O(h²)
        }
        Contour line = cs.get(1);
        assertEquals(1, line.size());
        assertTrue(!line.closed(0));
        for (int i = 0; i < line.xs().get(0).length; i++) {
            assertEquals(0.5 * line.xs().get(0)[i], line.ys().get(0)[i], 1e-12); // exact for a linear field
        }
        // the line runs across the box, from x = −1.5 to 1.5
        double[] lx = line.xs().get(0);
        assertEquals(3.0, Math.abs(lx[lx.length - 1] - lx[0]), 1e-12);
        Table t = Nullclines.of(MAP, new double[] {-1.5, 1.5}, new double[] {-1.5, 1.5}, n, n);
        assertEquals(List.of("curve", "segment", "point", "x", "y"), t.columnNames());
        assertEquals(circle.points() + line.points(), t.rowCount());
    }

    @Test
    void fixedPointsLieOnBothNullclines() {
        // intersections of the circle and the line: x = ±2/√5, y = x/2
        FixedPointSet fp = FixedPoints.search(MAP, new double[] {-1.5, -1.5}, new double[] {1.5, 1.5}, 6);
        assertEquals(2, fp.size());
        assertEquals(-2 / Math.sqrt(5), fp.points().get(0).point()[0], 1e-12);
        assertEquals(2 / Math.sqrt(5), fp.points().get(1).point()[0], 1e-12);
    }

    @Test
    void saddleLevelSetIsTwoCrossingLines() {
        // x·y = 0 through a grid whose nodes avoid the axes: two lines, every point on an axis
        Contour c = Contours.zero("xy", (x, y) -> x * y, new double[] {-1.05, 0.95}, new double[] {-0.95, 1.05},
                20, 20);
        assertTrue(c.points() > 0);
        for (int s = 0; s < c.size(); s++) {
            for (int i = 0; i < c.xs().get(s).length; i++) {
                double x = c.xs().get(s)[i];
                double y = c.ys().get(s)[i];
                assertTrue(Math.min(Math.abs(x), Math.abs(y)) < 0.1, x + ", " + y);
            }
        }
        // an annulus between two circles at level 1 of r²: one closed curve per circle for two levels
        Contour ring = Contours.level("r2", (x, y) -> x * x + y * y, new double[] {-2, 2}, new double[] {-2, 2},
                81, 81, 1.0);
        assertEquals(1, ring.size());
        assertTrue(ring.closed(0));
    }

    @Test
    void unitVectorField() {
        Table t = VectorField.unit(Maps.henon(1.4, 0.3), new double[] {-1, 1}, new double[] {-0.5, 0.5}, 5, 3);
        assertEquals(15, t.rowCount());
        assertEquals(List.of("x", "y", "gx", "gy", "ux", "uy", "norm"), t.columnNames());
        for (int r = 0; r < 15; r++) {
            double x = t.doubleColumn("x").get(r);
            double y = t.doubleColumn("y").get(r);
            double gx = 1 - 1.4 * x * x + y - x;
            double gy = 0.3 * x - y;
            assertEquals(gx, t.doubleColumn("gx").get(r), 1e-15);
            assertEquals(gy, t.doubleColumn("gy").get(r), 1e-15);
            assertEquals(Math.hypot(gx, gy), t.doubleColumn("norm").get(r), 1e-15);
            assertEquals(1, Math.hypot(t.doubleColumn("ux").get(r), t.doubleColumn("uy").get(r)), 1e-15);
        }
        assertEquals(-1, t.doubleColumn("x").get(0), 0);
        assertEquals(-0.5, t.doubleColumn("x").get(1), 1e-15); // x fastest
        // a fixed point on the grid leaves the unit vector missing
        Table z = VectorField.unit(Maps.linear(new double[][] {{0.5, 0}, {0, 0.5}}), new double[] {-1, 1},
                new double[] {-1, 1}, 3, 3);
        assertTrue(z.doubleColumn("ux").isMissing(4));
        assertEquals(0, z.doubleColumn("norm").get(4), 0);
    }
}
