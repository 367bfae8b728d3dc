package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One contract for every top-k eigen-solver (STYLE.md: one abstract suite run against every implementation):
 * on dense random symmetric matrices A = Q diag(λ) Qᵀ of known spectrum, the top-k values match commons-math3
 * EigenDecomposition to 1e-8, vectors are eigenvectors (|cos| with the true one ≥ 1 − 1e-8), and the reported
 * residuals are the true ones.
 */
abstract class EigenSolverContract {

    /** Solve for k pairs; {@code magnitude} selects largest magnitude, else largest algebraic. */
    abstract EigenResult solve(LinearOperator a, int k, boolean magnitude, long seed);

    /** Whether the solver can order by largest algebraic value. */
    abstract boolean supportsAlgebraic();

    /** Largest k the solver supports. */
    int maxK() {
        return 4;
    }

    static final int N = 300;
    static final long SEED = 11;

    /** Mixed-sign spectrum: magnitude order 10, −9, 8, −7, 6.5, then a bulk in [−2, 2]. */
    static double[] spectrum() {
        double[] ev = TestMatrices.linspace(-2, 2, N);
        ev[0] = 10;
        ev[1] = -9;
        ev[2] = 8;
        ev[3] = -7;
        ev[4] = 6.5;
        return ev;
    }

    private static double[] expected(double[] ev, int k, boolean magnitude) {
        Double[] boxed = Arrays.stream(ev).boxed().toArray(Double[]::new);
        if (magnitude) Arrays.sort(boxed, (x, y) -> Double.compare(Math.abs(y), Math.abs(x)));
        else Arrays.sort(boxed, (x, y) -> Double.compare(y, x));
        double[] out = new double[k];
        for (int i = 0; i < k; i++) out[i] = boxed[i];
        return out;
    }

    private void check(boolean magnitude) {
        double[][] m = TestMatrices.withSpectrum(spectrum(), SEED);
        LinearOperator a = LinearOperator.ofDense(m);
        int k = maxK();
        EigenResult r = solve(a, k, magnitude, 3);
        // reference: commons-math3 on the dense matrix, ordered the same way
        double[] dense = TestMatrices.denseEigenvalues(m);
        double[] want = expected(dense, k, magnitude);
        assertEquals(k, r.k());
        assertTrue(r.allConverged(), r.toString());
        for (int i = 0; i < k; i++) {
            assertEquals(want[i], r.value(i), 1e-8, "value " + i + " of " + r);
            double[] av = a.apply(r.vector(i));
            double trueResidual = Vectors.residual(av, r.value(i), r.vector(i));
            assertEquals(trueResidual, r.residuals()[i], 1e-8 + 1e-3 * trueResidual, "residual " + i);
            assertTrue(trueResidual <= 1e-5, "residual " + trueResidual);
            assertEquals(1.0, Vectors.norm(r.vector(i)), 1e-10);
        }
        assertEquals(k, r.table().rowCount());
    }

    @Test
    void matchesDenseEigenDecompositionByMagnitude() {
        check(true);
    }

    @Test
    void matchesDenseEigenDecompositionAlgebraic() {
        org.junit.jupiter.api.Assumptions.assumeTrue(supportsAlgebraic(),
                "this solver finds eigenvalues by magnitude only");
        check(false);
    }

    @Test
    void vectorsMatchTheKnownEigenvectors() {
        double[] ev = spectrum();
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, SEED));
        EigenResult r = solve(a, 1, true, 5);
        assertEquals(10.0, r.value(0), 1e-8);
        assertTrue(TestMatrices.absCos(r.vector(0), TestMatrices.eigenvector(N, SEED, 0)) > 1 - 1e-8);
    }

    @Test
    void sameSeedSameAnswer() {
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(spectrum(), SEED));
        EigenResult r1 = solve(a, 1, true, 9);
        EigenResult r2 = solve(a, 1, true, 9);
        assertEquals(r1.value(0), r2.value(0), 0);
        assertEquals(r1.iterations(), r2.iterations());
    }

    @Test
    void kLargerThanDimensionIsRejected() {
        LinearOperator a = LinearOperator.ofDense(new double[][] {{1, 0}, {0, 2}});
        org.junit.jupiter.api.Assumptions.assumeTrue(maxK() >= 3, "this solver computes one eigenpair only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solve(a, 3, true, 1));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }
}
