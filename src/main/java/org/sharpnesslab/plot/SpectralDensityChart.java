package org.sharpnesslab.plot;

import org.sharpnesslab.spectrum.DenseSpectrum;
import org.sharpnesslab.spectrum.SpectralDensity;

/**
 * Charts of a {@link SpectralDensity} (stochastic Lanczos quadrature): the broadened density φ_σ(λ) against λ, on a
 * logarithmic density axis as Ghorbani et al. (2019) and PyHessian draw it (the outliers carry ~1/n of the mass
 * and would vanish on a linear axis), or on a linear one.
 *
 * <pre>{@code SpectralDensityChart.of(StochasticLanczos.density(hessian)) }</pre>
 */
public final class SpectralDensityChart {

    /** Densities below this fraction of the peak are drawn at the floor of the log axis. */
    public static final double LOG_FLOOR = 1e-7;

    private SpectralDensityChart() {
    }

    /** Log-density chart: x = eigenvalue λ, y = φ_σ(λ), floored at {@value #LOG_FLOOR} × peak. */
    public static Figure of(SpectralDensity d) {
        double peak = 0;
        for (double v : d.density()) peak = Math.max(peak, v);
        double floor = peak > 0 ? peak * LOG_FLOOR : 1e-300;
        double[] y = d.density().clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.max(y[i], floor);
        Figure f = base(d).addLine("density", d.lambda(), y);
        f.logY();
        f.yRange(floor, peak > 0 ? 2 * peak : 1);
        return f;
    }

    /**
     * The SLQ estimate against the exact density of a small operator, broadened with the same σ on the same grid
     * (log density axis, with legend): x = eigenvalue λ, y = φ_σ(λ).
     */
    public static Figure compare(SpectralDensity d, DenseSpectrum exact) {
        double[] est = d.density();
        double[] ex = exact.density(d.lambda(), d.sigma()).doubleColumn("density").asDoubleArray();
        double peak = 0;
        for (int i = 0; i < est.length; i++) peak = Math.max(peak, Math.max(est[i], ex[i]));
        double floor = peak > 0 ? peak * LOG_FLOOR : 1e-300;
        double[] y1 = new double[est.length];
        double[] y2 = new double[est.length];
        for (int i = 0; i < est.length; i++) {
            y1[i] = Math.max(est[i], floor);
            y2[i] = Math.max(ex[i], floor);
        }
        Figure f = base(d);
        f.getStyler().setLegendVisible(true);
        f.addLine("exact (dense eigenvalues, same σ)", d.lambda(), y2);
        f.addLine("SLQ estimate", d.lambda(), y1);
        f.logY();
        f.yRange(floor, peak > 0 ? 2 * peak : 1);
        return f;
    }

    /** Linear-density chart: x = eigenvalue λ, y = φ_σ(λ). */
    public static Figure linear(SpectralDensity d) {
        return base(d).addLine("density", d.lambda(), d.density());
    }

    private static Figure base(SpectralDensity d) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title(String.format("Spectral density (SLQ: %d starts × %d steps, σ = %.3g)", d.nodes().length,
                d.nodes().length == 0 ? 0 : d.nodes()[0].length, d.sigma()));
        f.axes("eigenvalue λ", "density φ(λ)");
        f.noLegend();
        double[] x = d.lambda();
        double span = x.length > 1 ? Math.abs(x[x.length - 1] - x[0]) : 1;
        // readable tick labels whatever the scale of the spectrum
        f.getStyler().setXAxisDecimalPattern(span >= 100 ? "0" : span >= 1 ? "0.##" : "0.####E0");
        return f;
    }
}
