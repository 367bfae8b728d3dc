package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class FixedPointsTest {

    @Test
    void logisticFixedPointsAndMultipliers() {
        for (double r : new double[] {2.5, 2.8, 3.2, 3.9}) {
            Map1D m = Maps.logistic(r);
            FixedPoint p = FixedPoints.newton(m, new double[] {0.9});
            assertTrue(p.converged(), p.toString());
            assertEquals(1 - 1 / r, p.point()[0], 1e-12);
            Stability s = Stability.of(m, p.point());
            assertEquals(2 - r, s.re()[0], 1e-12); // multiplier 2 − r
            assertEquals(r < 3 ? StabilityType.STABLE : StabilityType.UNSTABLE, s.type());
            FixedPoint zero = FixedPoints.newton(m, new double[] {-0.05});
            assertEquals(0, zero.point()[0], 1e-13);
            assertEquals(r, Stability.of(m, zero.point()).re()[0], 1e-12);
        }
    }

    @Test
    void henonFixedPointsInClosedFormAreSaddles() {
        double a = 1.4;
        double b = 0.3;
        double disc = Math.sqrt((1 - b) * (1 - b) + 4 * a);
        double xp = (-(1 - b) + disc) / (2 * a);
        double xm = (-(1 - b) - disc) / (2 * a);
        DiscreteMap h = Maps.henon(a, b);
        FixedPointSet set = FixedPoints.search(h, new double[] {-2, -2}, new double[] {2, 2}, 8);
        assertEquals(2, set.size(), set.toString());
        assertEquals(xm, set.points().get(0).point()[0], 1e-12);
        assertEquals(b * xm, set.points().get(0).point()[1], 1e-12);
        assertEquals(xp, set.points().get(1).point()[0], 1e-12);
        assertEquals(b * xp, set.points().get(1).point()[1], 1e-12);
        for (int i = 0; i < 2; i++) {
            Stability s = set.stability().get(i);
            assertEquals(StabilityType.SADDLE, s.type());
            double x = set.points().get(i).point()[0];
            // μ² + 2ax μ − b = 0 → μ = −ax ± √(a²x² + b)
            double r1 = -a * x + Math.sqrt(a * a * x * x + b);
            double r2 = -a * x - Math.sqrt(a * a * x * x + b);
            double big = Math.abs(r1) > Math.abs(r2) ? r1 : r2;
            double small = big == r1 ? r2 : r1;
            assertEquals(big, s.re()[0], 1e-12);
            assertEquals(small, s.re()[1], 1e-12);
            assertEquals(-b, s.re()[0] * s.re()[1], 1e-12); // det J = −b
        }
        Table t = set.table("x", "y");
        assertEquals(java.util.List.of("x", "y", "residual", "iterations", "eig1_re", "eig1_im", "eig1_abs",
                "eig2_re", "eig2_im", "eig2_abs", "stability"), t.columnNames());
        assertEquals("saddle", t.stringColumn("stability").get(0));
    }

    @Test
    void multiStartRecoversAllNineFixedPoints() {
        // M(x, y) = (x + ½(x − x³) + 0.1(y − y³)·x... ) kept separable-plus-coupling so that the fixed points are
        // the 9 points of {−1, 0, 1}²: M = (x + ½ g(x), y + ½ g(y) + 0.2 g(x)), g(u) = u − u³.
        DiscreteMap m = Maps.of(2, (x, out) -> {
            double gx = x[0] - x[0] * x[0] * x[0];
            double gy = x[1] - x[1] * x[1] * x[1];
            out[0] = x[0] + 0.5 * gx;
            out[1] = x[1] + 0.5 * gy + 0.2 * gx;
        });
        FixedPointSet set = FixedPoints.search(m, new double[] {-1.7, -1.7}, new double[] {1.7, 1.7}, 8);
        assertEquals(9, set.size(), set.toString());
        int stable = 0;
        int unstable = 0;
        int saddle = 0;
        for (int i = 0; i < 9; i++) {
            double[] p = set.points().get(i).point();
            assertEquals(Math.rint(p[0]), p[0], 1e-10);
            assertEquals(Math.rint(p[1]), p[1], 1e-10);
            assertEquals(new double[] {-1, 0, 1}[i / 3], p[0], 1e-10); // lexicographic order
            switch (set.stability().get(i).type()) {
                case STABLE -> stable++;
                case UNSTABLE -> unstable++;
                case SADDLE -> saddle++;
                default -> throw new AssertionError(set.stability().get(i));
            }
        }
        // multipliers 1 + ½ g′: g′(0) = 1 → 1.5, g′(±1) = −2 → 0: four stable, one unstable, four saddles
        assertEquals(4, stable);
        assertEquals(1, unstable);
        assertEquals(4, saddle);
    }

    @Test
    void numericalJacobianMatchesAnalytic() {
        DiscreteMap analytic = Maps.henon(1.4, 0.3);
        DiscreteMap numerical = Maps.of(2, analytic::step);
        for (double[] x : new double[][] {{0.3, -0.2}, {-1.1, 0.4}, {2.5, 3}}) {
            double[][] ja = analytic.jacobian(x);
            double[][] jn = numerical.jacobian(x);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(ja[i][j], jn[i][j], 1e-8);
                }
            }
            // and Newton reaches the same point with either
            FixedPoint pa = FixedPoints.newton(analytic, x);
            FixedPoint pn = FixedPoints.newton(numerical, x);
            assertTrue(pa.converged() && pn.converged());
            assertEquals(pa.point()[0], pn.point()[0], 1e-12);
        }
    }

    @Test
    void noFixedPointIsReportedNotThrown() {
        // x ↦ x + 1 + x² has no real fixed point: G = 1 + x² > 0
        FixedPoint p = FixedPoints.newton(Maps.of1D(x -> x + 1 + x * x), new double[] {3});
        assertFalse(p.converged());
        assertTrue(p.stop() != Newton.Stop.CONVERGED);
        assertTrue(p.residual() >= 1 - 1e-12, p.toString());
    }

    @Test
    void newtonFindsPointsOnALineOfFixedPoints() {
        // M(x, y) = (x(1 − y) + x, y + x·y)·… : take M(x, y) = (x + x·y, y + x), fixed set {x = 0} (a line)
        DiscreteMap m = Maps.of(2, (x, out) -> {
            out[0] = x[0] + x[0] * x[1];
            out[1] = x[1] + x[0];
        });
        FixedPoint p = FixedPoints.newton(m, new double[] {0.2, 0.5});
        assertTrue(p.converged(), p.toString());
        assertEquals(0, p.point()[0], 1e-12);
        // on the line J = [[1 + y, 0], [1, 1]]: one multiplier is exactly 1 → marginal
        assertEquals(StabilityType.MARGINAL, Stability.of(m, p.point()).type());
    }
}
