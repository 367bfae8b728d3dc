package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.SplittableRandom;

import org.sharpnesslab.task.Cancellation;

/**
 * The spectral density of a symmetric {@link LinearOperator} by stochastic Lanczos quadrature (Ghorbani, Krishnan
 * &amp; Xiao 2019; PyHessian's {@code density}).
 *
 * <p>Returns a {@link SpectralDensity} ({@code table()} columns lambda, density; {@code nodesTable()} columns start,
 * node, weight; {@code chart()}).
 *
 * <p>For each of {@code starts} Rademacher vectors v (normalised, seeded), m Lanczos steps with full
 * reorthogonalisation give T_m = S diag(θ) Sᵀ; then vᵀ g(A) v ≈ Σ_j τ_j g(θ_j) with τ_j = S_{1j}² (Gauss
 * quadrature, exact for polynomials of degree < 2m). Averaging over starts estimates (1/n) tr g(A); with
 * g = Gaussian of width σ:
 * <pre>
 *   φ_σ(λ) = (1/starts) Σ_l Σ_j τ_lj · exp(−(λ − θ_lj)² / 2σ²) / (σ √(2π)),
 * </pre>
 * which integrates to 1 and has mean (1/starts) Σ_l v_lᵀ A v_l, an unbiased estimate of tr(A)/n. The grid spans
 * [λ_min − 6σ, λ_max + 6σ] of the Ritz values, σ = relativeWidth × (λ_max − λ_min) (or relativeWidth·|λ| when
 * all nodes coincide).
 */
public final class StochasticLanczos {

    private StochasticLanczos() {
    }

    /** The density with the defaults ({@link SlqOptions#DEFAULTS}). */
    public static SpectralDensity density(LinearOperator a) {
        return density(a, SlqOptions.DEFAULTS);
    }

    /**
     * The density with the given options.
     *
     * @param a       symmetric operator (not modified)
     * @param options see {@link SlqOptions}
     * @return nodes, weights and the broadened density
     * @throws IllegalArgumentException if the operator returns a non-finite product (no density can be formed)
     */
    public static SpectralDensity density(LinearOperator a, SlqOptions options) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        if (options == null) throw new IllegalArgumentException("options must not be null");
        int n = a.dimension();
        int m = Math.min(options.steps(), n);
        SplittableRandom rnd = new SplittableRandom(options.seed());
        double[][] nodes = new double[options.starts()][];
        double[][] weights = new double[options.starts()][];
        int products = 0;
        double[] v = new double[n];
        for (int l = 0; l < options.starts(); l++) {
            Hutchinson.rademacher(v, rnd);
            Vectors.scale(1.0 / Math.sqrt(n), v);
            KrylovBasis kb = new KrylovBasis(a, v, m);
            while (kb.step()) {
                Cancellation.checkpoint();
                // run to m steps or an invariant space (then the quadrature is exact)
            }
            products += kb.steps();
            if (kb.nonFinite()) {
                throw new IllegalArgumentException("operator a returned a non-finite product at start " + l
                        + ", Lanczos step " + kb.steps());
            }
            KrylovBasis.Ritz ritz = kb.ritz();
            nodes[l] = ritz.values();
            weights[l] = new double[nodes[l].length];
            for (int j = 0; j < nodes[l].length; j++) {
                double s0 = ritz.vectors()[j][0];
                weights[l][j] = s0 * s0;
            }
        }
        double[] range = SpectralDensity.extremes(nodes);
        double lo = range[0];
        double hi = range[1];
        double spread = hi - lo;
        double sigma = options.relativeWidth() * (spread > 0 ? spread : Math.max(Math.abs(hi), 1.0));
        int g = options.gridPoints();
        double[] grid = new double[g];
        double start = lo - 6 * sigma;
        double end = hi + 6 * sigma;
        for (int i = 0; i < g; i++) grid[i] = start + (end - start) * i / (g - 1);
        double[] dens = new double[g];
        double norm = 1.0 / (options.starts() * sigma * Math.sqrt(2 * Math.PI));
        for (int l = 0; l < nodes.length; l++) {
            for (int j = 0; j < nodes[l].length; j++) {
                double t = nodes[l][j];
                double w = weights[l][j] * norm;
                for (int i = 0; i < g; i++) {
                    double z = (grid[i] - t) / sigma;
                    if (Math.abs(z) < 40) dens[i] += w * Math.exp(-0.5 * z * z);
                }
            }
        }
        return new SpectralDensity(grid, dens, nodes, weights, sigma, products, options);
    }
}
