package org.sharpnesslab.spectrum;

/**
 * Options of {@link Lanczos}, immutable; tweak with {@code withX}. Defaults (declared once, in {@link #DEFAULTS}):
 * k = 1, largest algebraic, at most {@value #DEFAULT_MAX_ITERATIONS} Lanczos steps (capped at the dimension),
 * relative residual tolerance {@value #DEFAULT_TOLERANCE}, seed 0.
 *
 * @param k             number of eigenpairs wanted, ≥ 1 (and ≤ the dimension of the operator)
 * @param which         which end of the spectrum
 * @param maxIterations largest Krylov dimension (= number of products), ≥ k
 * @param tolerance     a Ritz pair counts as converged when its residual estimate β_j |s_j| ≤ tol·‖A‖ₑₛₜ,
 *                      where ‖A‖ₑₛₜ is the largest |Ritz value|; in (0, 1)
 * @param seed          seed of the Gaussian random start
 */
public record LanczosOptions(int k, Lanczos.Which which, int maxIterations, double tolerance, long seed) {

    /** Default largest Krylov dimension. */
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /** k = 1, largest algebraic, 200 steps, tol 1e-8, seed 0. */
    public static final LanczosOptions DEFAULTS =
            new LanczosOptions(1, Lanczos.Which.LARGEST_ALGEBRAIC, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0L);

    /** Validates every field. */
    public LanczosOptions {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (which == null) {
            throw new IllegalArgumentException("which must be LARGEST_ALGEBRAIC, LARGEST_MAGNITUDE or SMALLEST_ALGEBRAIC, got null");
        }
        if (maxIterations < k) {
            throw new IllegalArgumentException("maxIterations must be >= k = " + k + ", got " + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
    }

    /** The defaults with k eigenpairs (the step budget raised to at least 2k + 20). */
    public static LanczosOptions top(int k) {
        return DEFAULTS.withK(k).withMaxIterations(Math.max(DEFAULT_MAX_ITERATIONS, 2 * k + 20));
    }

    public LanczosOptions withK(int v) {
        return new LanczosOptions(v, which, Math.max(maxIterations, v), tolerance, seed);
    }

    public LanczosOptions withWhich(Lanczos.Which v) {
        return new LanczosOptions(k, v, maxIterations, tolerance, seed);
    }

    public LanczosOptions withMaxIterations(int v) {
        return new LanczosOptions(k, which, v, tolerance, seed);
    }

    public LanczosOptions withTolerance(double v) {
        return new LanczosOptions(k, which, maxIterations, v, seed);
    }

    public LanczosOptions withSeed(long v) {
        return new LanczosOptions(k, which, maxIterations, tolerance, v);
    }
}
