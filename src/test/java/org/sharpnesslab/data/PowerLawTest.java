package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PowerLawTest {

    @Test
    void singularValuesAreRescaledByAkToTheMinusB() {
        int n = 300, d = 60;
        double ax = 2.0, bx = 1.0;
        Dataset random = Datasets.gaussian(n, d, 1, 21);
        Dataset pl = Datasets.powerLaw(n, d, 1, ax, bx, 1.0, 0.0, 21);
        double[] s0 = PowerLaw.singularValues(random.inputs(), n, d);
        double[] s = PowerLaw.singularValues(pl.inputs(), n, d);
        assertEquals(d, s.length);
        // 000 Eq. (5): (S_x)_k = A_x (S_x')_k k^(-B_x), exactly up to rounding of the SVDs
        for (int k = 1; k <= d; k++) {
            assertEquals(ax * s0[k - 1] * Math.pow(k, -bx), s[k - 1], 1e-9 * s0[0], "k = " + k);
        }
        // the fitted exponent of the ratio is -B_x exactly
        double[] ratio = new double[d];
        for (int k = 0; k < d; k++) {
            ratio[k] = s[k] / s0[k];
        }
        assertEquals(-bx, PowerLaw.logLogSlope(ratio, 1, d), 1e-9);
    }

    @Test
    void spectrumOfTheInputsFollowsThePowerLawWhenTheRandomSpectrumIsNearlyFlat() {
        // n >> d: the Gaussian matrix's singular values lie in sqrt(n) ± sqrt(d) (Marchenko-Pastur), nearly flat,
        // so log s_k against log k has slope close to -B_x (measured for this seed: -B_x - 0.061, the small
        // residual tilt of the Marchenko-Pastur spectrum).
        int n = 2000, d = 20;
        for (double bx : new double[] {0.5, 1.0, 2.0}) {
            Dataset pl = Datasets.powerLaw(n, d, 1, 1.0, bx, 1.0, 0.0, 3);
            double[] s = PowerLaw.singularValues(pl.inputs(), n, d);
            double slope = PowerLaw.logLogSlope(s, 1, d);
            assertEquals(-bx, slope, 0.08, "B_x = " + bx + ": fitted slope " + slope);
            // and the largest singular value is A_x (S_x')_1 ≈ sqrt(n) + sqrt(d) within 5%
            assertEquals(Math.sqrt(n) + Math.sqrt(d), s[0], 0.05 * s[0]);
        }
    }

    @Test
    void wideMatricesAreRescaledToo() {
        // rows < cols: the rescaling goes through X'X'ᵀ instead of X'ᵀX'
        int n = 20, d = 50;
        Dataset random = Datasets.gaussian(n, d, 1, 12);
        Dataset pl = Datasets.powerLaw(n, d, 1, 0.5, 1.3, 1.0, 0.0, 12);
        double[] s0 = PowerLaw.singularValues(random.inputs(), n, d);
        double[] s = PowerLaw.singularValues(pl.inputs(), n, d);
        assertEquals(n, s.length);
        for (int k = 1; k <= n; k++) {
            assertEquals(0.5 * s0[k - 1] * Math.pow(k, -1.3), s[k - 1], 1e-9 * s0[0], "k = " + k);
        }
    }

    @Test
    void singularVectorsAreKept() {
        // X and X' share singular vectors: X'ᵀX = Q S' P ᵀ P S Qᵀ = Q S' S Qᵀ is symmetric positive semidefinite
        int n = 40, d = 8;
        Dataset random = Datasets.gaussian(n, d, 1, 2);
        Dataset pl = Datasets.powerLaw(n, d, 1, 1.5, 0.7, 1.0, 0.0, 2);
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                for (int i = 0; i < n; i++) {
                    m[a][b] += random.inputs()[i * d + a] * pl.inputs()[i * d + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                assertEquals(m[a][b], m[b][a], 1e-9 * Math.abs(m[0][0]), "symmetry at " + a + "," + b);
            }
        }
        double[] eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(m)).getRealEigenvalues();
        for (double e : eig) {
            assertTrue(e > -1e-9 * m[0][0], "eigenvalue " + e);
        }
    }

    @Test
    void exponentZeroAndUnitAmplitudeGiveBackTheRandomDataset() {
        Dataset random = Datasets.gaussian(30, 10, 3, 8);
        Dataset pl = Datasets.powerLaw(30, 10, 3, 1.0, 0.0, 1.0, 0.0, 8);
        assertArrayEquals(random.inputs(), pl.inputs(), 1e-12);
        assertArrayEquals(random.targets(), pl.targets(), 1e-12);
    }

    @Test
    void targetsWithOneOutputAreScaledByAy() {
        // k = 1: Y' has one singular value, rescaled by A_y * 1^(-B_y) = A_y
        Dataset random = Datasets.gaussian(50, 5, 1, 4);
        Dataset pl = Datasets.powerLaw(50, 5, 1, 1.0, 1.0, 3.0, 1.0, 4);
        for (int i = 0; i < 50; i++) {
            assertEquals(3.0 * random.targets()[i], pl.targets()[i], 1e-12);
        }
    }

    @Test
    void targetSpectrumFollowsBy() {
        int n = 200, k = 10;
        Dataset random = Datasets.gaussian(n, 3, k, 6);
        Dataset pl = Datasets.powerLaw(n, 3, k, 1.0, 0.0, 0.5, 1.5, 6);
        double[] s0 = PowerLaw.singularValues(random.targets(), n, k);
        double[] s = PowerLaw.singularValues(pl.targets(), n, k);
        for (int j = 1; j <= k; j++) {
            assertEquals(0.5 * s0[j - 1] * Math.pow(j, -1.5), s[j - 1], 1e-9 * s0[0]);
        }
    }

    @Test
    void spectrumTable() {
        Dataset pl = Datasets.powerLaw(30, 6, 1, 1.0, 1.0, 1.0, 0.0, 1);
        var t = PowerLaw.spectrum(pl);
        assertEquals(6, t.rowCount());
        assertEquals(1, t.intColumn("k").get(0));
        double[] s = PowerLaw.singularValues(pl.inputs(), 30, 6);
        assertEquals(s[5], t.doubleColumn("singular_value").get(5), 0.0);
    }

    @Test
    void invalidAmplitudeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.powerLaw(10, 3, 1, 0.0, 1, 1, 0, 0));
        assertTrue(e.getMessage().startsWith("ax must be finite and > 0"), e.getMessage());
    }
}
