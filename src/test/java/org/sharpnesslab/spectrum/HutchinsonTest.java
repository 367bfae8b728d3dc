package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class HutchinsonTest {

    /** 2 Σ_{i≠j} A_ij², the variance of zᵀAz for Rademacher z. */
    static double rademacherVariance(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a.length; j++) if (i != j) s += a[i][j] * a[i][j];
        return 2 * s;
    }

    @Test
    void withinThreeStandardErrorsOfTheExactTrace() {
        int n = 80;
        double[] ev = TestMatrices.linspace(-1, 3, n);
        ev[0] = 20;
        double[][] m = TestMatrices.withSpectrum(ev, 31);
        double exact = 0;
        for (double v : ev) exact += v;
        for (long seed = 0; seed < 5; seed++) {
            TraceEstimate t = Hutchinson.trace(LinearOperator.ofDense(m), 200, seed);
            assertTrue(Math.abs(t.estimate() - exact) <= 3 * t.standardError(),
                    "seed " + seed + ": " + t + " vs exact " + exact);
            // the sample standard error agrees with the closed-form one sqrt(2 Σ_{i≠j} A_ij² / m) within 25%
            double theory = Math.sqrt(rademacherVariance(m) / 200);
            assertEquals(theory, t.standardError(), 0.25 * theory);
        }
    }

    @Test
    void diagonalOperatorIsExactWithZeroError() {
        double[][] m = new double[10][10];
        for (int i = 0; i < 10; i++) m[i][i] = i - 3.5;
        TraceEstimate t = Hutchinson.trace(LinearOperator.ofDense(m), 5, 1);
        assertEquals(10 * 4.5 - 35, t.estimate(), 1e-12);
        assertEquals(0.0, t.standardError(), 1e-12);
    }

    @Test
    void tableHasRunningMeanEndingAtTheEstimate() {
        double[][] m = TestMatrices.withSpectrum(TestMatrices.linspace(0, 1, 20), 32);
        TraceEstimate t = Hutchinson.trace(LinearOperator.ofDense(m), 30, 7);
        Table table = t.table();
        assertEquals(30, table.rowCount());
        assertEquals(t.estimate(), table.doubleColumn("running_mean").get(29), 1e-12);
        assertEquals(t.standardError(), table.doubleColumn("running_se").get(29), 1e-12);
        assertTrue(table.doubleColumn("running_se").isMissing(0));
    }

    @Test
    void nonFiniteOperatorIsReportedWithTheProbe() {
        LinearOperator bad = new LinearOperator() {
            @Override public int dimension() { return 4; }
            @Override public void apply(double[] v, double[] out) { java.util.Arrays.fill(out, Double.POSITIVE_INFINITY); }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hutchinson.trace(bad, 3, 0));
        assertTrue(e.getMessage().contains("probe 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StochasticLanczos.density(bad));
    }

    @Test
    void tooFewSamplesRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hutchinson.trace(LinearOperator.ofDense(new double[][] {{1}}), 1, 0));
        assertTrue(e.getMessage().contains("samples") && e.getMessage().contains("1"));
    }
}
