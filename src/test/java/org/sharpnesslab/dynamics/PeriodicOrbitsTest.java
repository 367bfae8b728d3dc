package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeriodicOrbitsTest {

    @Test
    void iteratedJacobianIsTheProductAlongTheOrbit() {
        DiscreteMap h = Maps.henon(1.4, 0.3);
        double[] x0 = {0.2, -0.1};
        int k = 5;
        double[][] expected = {{1, 0}, {0, 1}};
        double[] x = x0.clone();
        for (int t = 0; t < k; t++) {
            expected = mul(h.jacobian(x), expected);
            x = h.apply(x);
        }
        IteratedMap mk = IteratedMap.of(h, k);
        double[][] got = mk.jacobian(x0);
        double[] img = mk.apply(x0);
        for (int i = 0; i < 2; i++) {
            assertEquals(x[i], img[i], 0.0);
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[i][j], got[i][j], 1e-12 * Math.max(1, Math.abs(expected[i][j])));
            }
        }
        // and agrees with a finite difference of M^(5) itself (the numerical default)
        DiscreteMap numeric = Maps.of(2, mk::step);
        double[][] fd = numeric.jacobian(x0);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(got[i][j], fd[i][j], 1e-5 * Math.max(1, Math.abs(got[i][j])));
            }
        }
        // det of the product = (−b)^k
        assertEquals(Math.pow(-0.3, k), got[0][0] * got[1][1] - got[0][1] * got[1][0], 1e-12);
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
            }
        }
        return c;
    }

    @Test
    void logisticTwoCycleInClosedForm() {
        for (double r : new double[] {3.2, 3.4, 3.5, 3.9}) {
            PeriodicOrbit o = PeriodicOrbits.find(Maps.logistic(r), 2, new double[] {0.45});
            assertTrue(o.converged(), o.toString());
            assertEquals(2, o.minimalPeriod());
            double lo = ((r + 1) - Math.sqrt((r + 1) * (r - 3))) / (2 * r);
            double hi = ((r + 1) + Math.sqrt((r + 1) * (r - 3))) / (2 * r);
            assertEquals(lo, Math.min(o.points()[0][0], o.points()[1][0]), 1e-12);
            assertEquals(hi, Math.max(o.points()[0][0], o.points()[1][0]), 1e-12);
            // multiplier f′(x+) f′(x−) = 4 + 2r − r²: stable for 3 < r < 1 + √6
            assertEquals(4 + 2 * r - r * r, o.multipliersRe()[0], 1e-10);
            assertEquals(r < 1 + Math.sqrt(6) ? StabilityType.STABLE : StabilityType.UNSTABLE,
                    o.stability().type());
        }
        // the multiplier crosses −1 exactly at r = 1 + √6
        double rc = 1 + Math.sqrt(6);
        assertEquals(-1, PeriodicOrbits.find(Maps.logistic(rc), 2, new double[] {0.45}).multipliersRe()[0], 1e-9);
    }

    @Test
    void newtonOnAShorterCycleReportsTheMinimalPeriod() {
        // from near the fixed point 1 − 1/r, Newton on M^(2) lands on the fixed point itself
        PeriodicOrbit o = PeriodicOrbits.find(Maps.logistic(3.2), 2, new double[] {0.69});
        assertTrue(o.converged());
        assertEquals(1, o.minimalPeriod());
        assertEquals(1 - 1 / 3.2, o.points()[0][0], 1e-12);
        // multiplier of the fixed point squared: (2 − r)²
        assertEquals((2 - 3.2) * (2 - 3.2), o.multipliersRe()[0], 1e-10);
    }

    @Test
    void periodThreeOrbitAtTheWindowIsStable() {
        // r = 3.83: a stable 3-cycle (the attractor), found from a point of the attractor
        Orbit settle = Orbit.of(Maps.logistic(3.83), new double[] {0.4}, 5000);
        PeriodicOrbit o = PeriodicOrbits.find(Maps.logistic(3.83), 3, settle.last());
        assertTrue(o.converged());
        assertEquals(3, o.minimalPeriod());
        assertEquals(StabilityType.STABLE, o.stability().type());
        // multiplier = Π f′(x_i) along the orbit
        double prod = 1;
        for (double[] p : o.points()) {
            prod *= 3.83 * (1 - 2 * p[0]);
        }
        assertEquals(prod, o.multipliersRe()[0], 1e-10);
        assertEquals(3, o.table().rowCount());
    }
}
