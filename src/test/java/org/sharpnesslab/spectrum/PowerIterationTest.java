package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PowerIterationTest {

    /** Spectrum with a clear gap: top magnitude 10, next 5 (ratio 0.5). */
    private static double[] gapSpectrum(int n) {
        double[] ev = TestMatrices.linspace(-4, 4, n);
        ev[0] = 10;
        ev[1] = 5;
        return ev;
    }

    @Test
    void toleranceModeConvergesToTopMagnitudeWithResidualBound() {
        int n = 40;
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(gapSpectrum(n), 1));
        PowerResult r = PowerIteration.run(a, PowerOptions.untilConverged(1e-8));
        assertTrue(r.converged(), r.toString());
        assertEquals(StopReason.TOLERANCE_REACHED, r.stopReason());
        // residual test passed: r <= 1e-8 |lambda|, and the eigenvalue error is within the residual (tol 1e-12 slack)
        assertTrue(r.residual() <= 1e-8 * Math.abs(r.eigenvalue()));
        assertEquals(10.0, r.eigenvalue(), Math.max(r.residual(), 1e-12));
        // the actual error is far smaller (r^2/gap)
        assertEquals(10.0, r.eigenvalue(), 1e-12);
        assertTrue(TestMatrices.absCos(r.eigenvector(), TestMatrices.eigenvector(n, 1, 0)) > 1 - 1e-12);
        // the history ends with the reported values, and its table has one row per product
        Table t = r.table();
        assertEquals(r.iterations(), t.rowCount());
        assertEquals(r.eigenvalue(), t.doubleColumn("rayleigh").get(t.rowCount() - 1), 0);
        assertEquals(r.residual(), t.doubleColumn("residual").get(t.rowCount() - 1), 0);
    }

    @Test
    void residualIsTheTrueResidualOfTheReturnedVector() {
        int n = 30;
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(gapSpectrum(n), 2));
        PowerResult r = PowerIteration.run(a);
        double[] av = a.apply(r.eigenvector());
        assertEquals(Vectors.residual(av, r.eigenvalue(), r.eigenvector()), r.residual(), 1e-12);
        assertEquals(Vectors.dot(av, r.eigenvector()), r.eigenvalue(), 1e-12);
        assertEquals(1.0, Vectors.norm(r.eigenvector()), 1e-12);
    }

    @Test
    void findsLargestMagnitudeNegativeAndShiftReachesTopAlgebraic() {
        int n = 30;
        double[] ev = TestMatrices.linspace(-1, 1, n);
        ev[0] = 3;
        ev[1] = -8;
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 3));
        PowerResult plain = PowerIteration.run(a, PowerOptions.untilConverged(1e-10));
        assertEquals(-8.0, plain.eigenvalue(), 1e-9);
        // B = A + 8 I has spectrum in [0, 11] with top 11 <-> lambda = 3, next 9 (ratio 0.82)
        PowerResult shifted = PowerIteration.run(a, PowerOptions.untilConverged(1e-10).withShift(8));
        assertTrue(shifted.converged(), shifted.toString());
        assertEquals(3.0, shifted.eigenvalue(), 1e-9);
        double[] av = a.apply(shifted.eigenvector());
        assertEquals(Vectors.residual(av, shifted.eigenvalue(), shifted.eigenvector()), shifted.residual(), 1e-12);
    }

    @Test
    void warmStartConvergesInFewerSteps() {
        int n = 50;
        double[] ev = gapSpectrum(n);
        double[][] m = TestMatrices.withSpectrum(ev, 4);
        LinearOperator a = LinearOperator.ofDense(m);
        PowerOptions opt = PowerOptions.untilConverged(1e-9);
        PowerResult cold = PowerIteration.run(a, opt);
        // a slightly perturbed operator, as after one training step
        double[][] m2 = new double[n][n];
        double[][] e = TestMatrices.withSpectrum(TestMatrices.linspace(-1, 1, n), 5);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m2[i][j] = m[i][j] + 1e-3 * e[i][j];
        LinearOperator a2 = LinearOperator.ofDense(m2);
        PowerResult cold2 = PowerIteration.run(a2, opt);
        PowerResult warm2 = PowerIteration.warm(a2, cold, opt);
        assertTrue(cold2.converged() && warm2.converged());
        assertTrue(warm2.warmStarted());
        assertTrue(warm2.iterations() < cold2.iterations() / 2,
                "warm " + warm2.iterations() + " vs cold " + cold2.iterations());
        assertEquals(cold2.eigenvalue(), warm2.eigenvalue(), 1e-9);
    }

    @Test
    void twentyStepsOnASmallGapAreNotConvergedAndSaySo() {
        int n = 40;
        double[] ev = TestMatrices.linspace(-1, 1, n);
        ev[0] = 1.00;
        ev[1] = 0.98; // gap ratio 0.98: 20 steps shrink the unwanted component only by 0.98^20 = 0.67
        ev[2] = 0.97;
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 6));
        PowerResult r = PowerIteration.run(a);
        assertEquals(20, r.iterations());
        assertEquals(StopReason.FIXED_STEPS_DONE, r.stopReason());
        assertFalse(r.converged(), r.toString());
        assertTrue(r.relativeResidual() > 1e-3, r.toString());
        // the eigenvalue itself is nonetheless within the residual of a true eigenvalue (Weyl-type bound)
        double nearest = Double.MAX_VALUE;
        for (double l : ev) nearest = Math.min(nearest, Math.abs(l - r.eigenvalue()));
        assertTrue(nearest <= r.residual());
        // the Rayleigh-change criterion alone is fooled more easily: with tol 1e-2 it passes at 20 steps
        PowerResult fooled = PowerIteration.run(a, PowerOptions.defaults()
                .withCriterion(PowerOptions.Criterion.RAYLEIGH).withTolerance(1e-2));
        assertTrue(fooled.converged());
        assertTrue(fooled.relativeResidual() > 1e-2);
    }

    @Test
    void fixedStepsRunsAllStepsEvenWhenConvergedEarly() {
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(gapSpectrum(20), 7));
        PowerResult r = PowerIteration.run(a, PowerOptions.fixedSteps(60));
        assertEquals(60, r.iterations());
        assertTrue(r.converged());
        assertEquals(StopReason.FIXED_STEPS_DONE, r.stopReason());
    }

    @Test
    void seededStartIsDeterministic() {
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(gapSpectrum(20), 8));
        PowerResult r1 = PowerIteration.run(a, PowerOptions.fixedSteps(3).withSeed(42));
        PowerResult r2 = PowerIteration.run(a, PowerOptions.fixedSteps(3).withSeed(42));
        PowerResult r3 = PowerIteration.run(a, PowerOptions.fixedSteps(3).withSeed(43));
        assertEquals(r1.eigenvalue(), r2.eigenvalue(), 0);
        assertTrue(r1.eigenvalue() != r3.eigenvalue());
    }

    @Test
    void kernelVectorStopsAsInvariantSubspace() {
        double[][] m = {{2, 0}, {0, 0}};
        PowerResult r = PowerIteration.run(LinearOperator.ofDense(m), PowerOptions.defaults(), new double[] {0, 3});
        assertEquals(StopReason.INVARIANT_SUBSPACE, r.stopReason());
        assertEquals(0.0, r.eigenvalue(), 0);
        assertTrue(r.converged());
        assertEquals(1, r.iterations());
    }

    @Test
    void nonFiniteProductIsReportedNotThrown() {
        LinearOperator bad = new LinearOperator() {
            @Override public int dimension() { return 3; }
            @Override public void apply(double[] v, double[] out) { java.util.Arrays.fill(out, Double.NaN); }
        };
        PowerResult r = PowerIteration.run(bad);
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertFalse(r.converged());
        assertEquals(0, r.iterations());
        assertEquals(0, r.table().rowCount());
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        LinearOperator a = LinearOperator.ofDense(new double[][] {{1, 0}, {0, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowerIteration.run(a, PowerOptions.defaults(), new double[3]));
        assertTrue(e.getMessage().contains("3"));
        assertThrows(IllegalArgumentException.class,
                () -> PowerIteration.run(a, PowerOptions.defaults(), new double[2]));
        e = assertThrows(IllegalArgumentException.class, () -> PowerOptions.defaults().withMaxIterations(0));
        assertTrue(e.getMessage().contains("maxIterations") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> PowerOptions.defaults().withTolerance(0));
        assertThrows(IllegalArgumentException.class, () -> PowerOptions.defaults().withShift(Double.NaN));
    }

    /**
     * Fixed steps (one pass for v·w and ‖w‖², one for the residual and the next v) and early-stopping runs give, bit
     * for bit, the iterates of the textbook loop: w = A v, λ = v·w, r = ‖w − λ v‖, v = w/‖w‖, with a shift too.
     */
    @Test
    void everyModeFollowsTheTextbookIteratesExactly() {
        int n = 30;
        double[][] m = TestMatrices.withSpectrum(gapSpectrum(n), 3);
        LinearOperator a = LinearOperator.ofDense(m);
        double[] start = Vectors.randomUnit(n, 11);
        for (double shift : new double[]{0.0, 2.5}) {
            for (PowerOptions o : new PowerOptions[]{PowerOptions.fixedSteps(12).withShift(shift),
                    PowerOptions.untilConverged(1e-6).withShift(shift)}) {
                PowerResult r = PowerIteration.run(a, o, start);
                double[] v = start.clone();
                Vectors.scale(1.0 / Vectors.norm(v), v);
                double[] w = new double[n];
                for (int k = 0; k < r.iterations(); k++) {
                    a.apply(v, w);
                    Vectors.axpy(shift, v, w);
                    double mu = Vectors.dot(v, w);
                    assertEquals(mu - shift, r.rayleighHistory()[k], 0.0, o + " step " + k);
                    assertEquals(Vectors.residual(w, mu, v), r.residualHistory()[k], 0.0, o + " residual " + k);
                    if (k + 1 < r.iterations()) {
                        double wn = Vectors.norm(w);
                        for (int i = 0; i < n; i++) {
                            v[i] = w[i] / wn;
                        }
                    }
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(v, r.eigenvector(), 0.0, o + " eigenvector");
            }
        }
    }
}
