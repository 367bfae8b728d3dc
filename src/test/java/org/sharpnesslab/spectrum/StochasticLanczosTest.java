package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StochasticLanczosTest {

    private static final int N = 200;

    private static double[] spectrum() {
        // a bulk near 0 and a few outliers, as for network Hessians
        double[] ev = TestMatrices.linspace(-0.5, 1.0, N);
        ev[0] = 12;
        ev[1] = 7;
        ev[2] = -3;
        return ev;
    }

    @Test
    void densityIntegratesToOneAndItsMeanMatchesTraceOverN() {
        double[] ev = spectrum();
        double[][] m = TestMatrices.withSpectrum(ev, 41);
        LinearOperator a = LinearOperator.ofDense(m);
        SlqOptions opt = SlqOptions.DEFAULTS.withStarts(20).withSteps(40);
        SpectralDensity d = StochasticLanczos.density(a, opt);
        assertEquals(1.0, d.integral(), 1e-6);
        // the broadened density has the quadrature's mean (Gaussians are symmetric), up to grid error
        assertEquals(d.mean(), d.densityMean(), 1e-6);
        // each start's weights sum to 1
        for (double[] w : d.weights()) {
            double s = 0;
            for (double x : w) s += x;
            assertEquals(1.0, s, 1e-12);
        }
        // the mean estimates tr(A)/n; standard error from the Rademacher variance 2 Σ_{i≠j} A_ij² / n² / starts
        double exact = 0;
        for (double v : ev) exact += v;
        exact /= N;
        double se = Math.sqrt(HutchinsonTest.rademacherVariance(m) / ((double) N * N) / opt.starts());
        assertTrue(Math.abs(d.mean() - exact) <= 3 * se, d.mean() + " vs " + exact + " se " + se);
        // and equals Hutchinson's estimate / n for the same probes
        TraceEstimate h = Hutchinson.trace(a, opt.starts(), opt.seed());
        assertEquals(h.estimate() / N, d.mean(), 1e-12);
        assertEquals(h.standardError() / N, d.meanStandardError(), 1e-12);
        assertEquals(opt.starts() * opt.steps(), d.products());
        assertEquals(opt.gridPoints(), d.table().rowCount());
    }

    @Test
    void outliersAreFoundAsNodesWithWeightAboutOneOverN() {
        double[] ev = spectrum();
        LinearOperator a = LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 42));
        SpectralDensity d = StochasticLanczos.density(a, SlqOptions.DEFAULTS.withStarts(40).withSteps(40));
        double[] ext = d.extremes();
        assertEquals(12.0, ext[1], 1e-8);
        assertEquals(-3.0, ext[0], 1e-8);
        // the weight of the node at 12 is (qᵀv)², about χ²₁/n: its mean over 40 starts (χ²₄₀/40, sd 0.22) is 1/n
        // within a factor 2
        double w = 0;
        for (int l = 0; l < d.nodes().length; l++) w += d.weights()[l][0];
        w /= d.nodes().length;
        assertTrue(w > 0.5 / N && w < 2.0 / N, "weight " + w);
    }

    @Test
    void fullLanczosGivesTheExactSpectrumAsNodes() {
        int n = 15;
        double[] ev = TestMatrices.linspace(-2, 5, n);
        SpectralDensity d = StochasticLanczos.density(
                LinearOperator.ofDense(TestMatrices.withSpectrum(ev, 43)), SlqOptions.DEFAULTS.withStarts(1));
        assertEquals(n, d.nodes()[0].length);
        for (int j = 0; j < n; j++) assertEquals(ev[n - 1 - j], d.nodes()[0][j], 1e-10);
    }

    @Test
    void slqDensityIntegratesLikeTheExactOne() {
        double[][] m = TestMatrices.withSpectrum(spectrum(), 45);
        SpectralDensity d = StochasticLanczos.density(LinearOperator.ofDense(m), SlqOptions.DEFAULTS.withStarts(2));
        DenseSpectrum exact = DenseSpectrum.of(LinearOperator.ofDense(m));
        // the exact broadened density on the SLQ grid also integrates to 1
        double[] ex = exact.density(d.lambda(), d.sigma()).doubleColumn("density").asDoubleArray();
        double s = 0;
        for (int i = 1; i < ex.length; i++) s += 0.5 * (ex[i] + ex[i - 1]) * (d.lambda()[i] - d.lambda()[i - 1]);
        assertEquals(1.0, s, 1e-6);
    }
}
