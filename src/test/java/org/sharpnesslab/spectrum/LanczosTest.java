package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanczosTest extends EigenSolverContract {

    @Override
    EigenResult solve(LinearOperator a, int k, boolean magnitude, long seed) {
        return Lanczos.run(a, LanczosOptions.top(k).withSeed(seed)
                .withWhich(magnitude ? Lanczos.Which.LARGEST_MAGNITUDE : Lanczos.Which.LARGEST_ALGEBRAIC));
    }

    @Override
    boolean supportsAlgebraic() {
        return true;
    }

    @Override
    int maxK() {
        return 6;
    }

    @Test
    void smallGapNeedsFarFewerProductsThanPowerIteration() {
        int n = 200;
        double[] ev = TestMatrices.linspace(-1, 0.9, n);
        ev[0] = 1.0;
        ev[1] = 0.98;
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 21));
        EigenResult l = Lanczos.run(a, LanczosOptions.DEFAULTS.withTolerance(1e-10));
        PowerResult p = PowerIteration.run(a, PowerOptions.untilConverged(1e-10, 5000));
        assertTrue(l.allConverged() && p.converged());
        assertEquals(1.0, l.value(0), 1e-10);
        assertEquals(1.0, p.eigenvalue(), 1e-10);
        assertTrue(l.iterations() * 5 < p.iterations(), l.iterations() + " vs " + p.iterations());
    }

    @Test
    void invariantSpaceIsExact() {
        // start in the span of two eigenvectors: the Krylov space is invariant after 2 steps
        int n = 30;
        double[] ev = TestMatrices.linspace(-3, 3, n);
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 22));
        double[] v0 = TestMatrices.eigenvector(n, 22, 4);
        double[] v1 = TestMatrices.eigenvector(n, 22, 17);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) start[i] = v0[i] + 2 * v1[i];
        EigenResult r = Lanczos.run(a, LanczosOptions.top(2), start);
        assertEquals(StopReason.INVARIANT_SUBSPACE, r.stopReason());
        assertEquals(2, r.iterations());
        assertEquals(Math.max(ev[4], ev[17]), r.value(0), 1e-12);
        assertEquals(Math.min(ev[4], ev[17]), r.value(1), 1e-12);
    }

    @Test
    void fullDimensionMatchesEverything() {
        int n = 12;
        double[] ev = TestMatrices.linspace(-5, 7, n);
        double[][] m = TestMatrices.withSpectrum(ev, 23);
        EigenResult r = Lanczos.run(LinearOperator.ofDense(m), LanczosOptions.top(n));
        double[] dense = TestMatrices.denseEigenvalues(m);
        for (int i = 0; i < n; i++) assertEquals(dense[i], r.value(i), 1e-10);
    }
}
