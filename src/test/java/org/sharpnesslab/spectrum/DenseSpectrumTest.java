package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DenseSpectrumTest {

    @Test
    void recoversAKnownSpectrum() {
        int n = 40;
        double[] ev = TestMatrices.linspace(-6, 3, n);
        DenseSpectrum d = DenseSpectrum.of(LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 51)));
        for (int i = 0; i < n; i++) assertEquals(ev[n - 1 - i], d.eigenvalues()[i], 1e-10);
        assertEquals(3.0, d.max(), 1e-10);
        assertEquals(-6.0, d.maxMagnitude(), 1e-10);
        assertEquals(-60.0, d.trace(), 1e-9);
        assertTrue(d.asymmetry() < 1e-12);
        assertTrue(TestMatrices.absCos(d.eigenvectors()[n - 1], TestMatrices.eigenvector(n, 51, 0)) > 1 - 1e-10);
    }

    @Test
    void broadenedDensityIntegratesToOne() {
        double[] ev = TestMatrices.linspace(-1, 1, 20);
        DenseSpectrum d = DenseSpectrum.of(LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 52)));
        double[] grid = TestMatrices.linspace(-2, 2, 2001);
        Table t = d.density(grid, 0.05);
        double s = 0;
        for (int i = 1; i < grid.length; i++) {
            s += 0.5 * (t.doubleColumn("density").get(i) + t.doubleColumn("density").get(i - 1))
                    * (grid[i] - grid[i - 1]);
        }
        assertEquals(1.0, s, 1e-9);
    }

    @Test
    void reportsAsymmetryAndRejectsHugeOperators() {
        DenseSpectrum d = DenseSpectrum.of(LinearOperator.ofDense(new double[][] {{1, 2}, {2.5, 1}}));
        assertEquals(0.5, d.asymmetry(), 1e-15);
        assertEquals(1 + 2.25, d.max(), 1e-12);
        LinearOperator huge = new LinearOperator() {
            @Override public int dimension() { return 5000; }
            @Override public void apply(double[] v, double[] out) { }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.of(huge));
        assertTrue(e.getMessage().contains("5000"));
    }
}
