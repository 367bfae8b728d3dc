package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StabilityTest {

    private static Stability at0(double[][] a) {
        return Stability.of(Maps.linear(a), new double[a.length]);
    }

    @Test
    void linearMapsAreClassifiedByTheirEigenvalues() {
        assertEquals(StabilityType.STABLE, at0(new double[][] {{0.5, 0.1}, {0, -0.8}}).type());
        assertEquals(StabilityType.SADDLE, at0(new double[][] {{2, 1}, {0, 0.5}}).type());
        assertEquals(StabilityType.UNSTABLE, at0(new double[][] {{2, 0}, {1, -3}}).type());
        assertEquals(StabilityType.MARGINAL, at0(new double[][] {{1, 5}, {0, 0.3}}).type());
        double t = 0.7;
        assertEquals(StabilityType.MARGINAL,
                at0(new double[][] {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}}).type());
    }

    @Test
    void eigenpairsAreSortedByModulusWithEigenvectors() {
        // upper triangular: eigenvalues on the diagonal 0.5, 2, −3; check A v = μ v for each
        double[][] a = {{0.5, 1, 2}, {0, 2, -1}, {0, 0, -3}};
        Stability s = at0(a);
        assertEquals(-3, s.re()[0], 1e-12);
        assertEquals(2, s.re()[1], 1e-12);
        assertEquals(0.5, s.re()[2], 1e-12);
        for (int e = 0; e < 3; e++) {
            double[] v = s.vectors()[e];
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int j = 0; j < 3; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(s.re()[e] * v[i], av, 1e-12);
            }
        }
        assertEquals(3, s.table().rowCount());
        assertEquals(StabilityType.SADDLE, s.type());
    }

    @Test
    void complexPairKeepsTheConjugateOrderAndVectorParts() {
        // r·rotation(θ): μ = r e^{±iθ}
        double r = 0.9;
        double th = 1.1;
        double[][] a = {{r * Math.cos(th), -r * Math.sin(th)}, {r * Math.sin(th), r * Math.cos(th)}};
        Stability s = at0(a);
        assertTrue(s.hasComplex());
        assertEquals(r * Math.cos(th), s.re()[0], 1e-12);
        assertEquals(r * Math.sin(th), s.im()[0], 1e-12);
        assertEquals(-r * Math.sin(th), s.im()[1], 1e-12);
        assertEquals(r, s.spectralRadius(), 1e-12);
        assertEquals(StabilityType.STABLE, s.type());
        // A (u + i w) = μ (u + i w): A u = a u − b w, A w = b u + a w
        double[] u = s.vectors()[0];
        double[] w = s.vectors()[1];
        double ar = s.re()[0];
        double bi = s.im()[0];
        for (int i = 0; i < 2; i++) {
            double au = a[i][0] * u[0] + a[i][1] * u[1];
            double aw = a[i][0] * w[0] + a[i][1] * w[1];
            assertEquals(ar * u[i] - bi * w[i], au, 1e-12);
            assertEquals(bi * u[i] + ar * w[i], aw, 1e-12);
        }
    }
}
