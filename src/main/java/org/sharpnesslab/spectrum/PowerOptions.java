package org.sharpnesslab.spectrum;

/**
 * Options of {@link PowerIteration}, immutable; tweak with the {@code withX} methods.
 *
 * <p>Defaults (declared once, in {@link #DEFAULTS}): the papers' fixed {@value #DEFAULT_STEPS} steps
 * (000 App. B.4: "m = 20 iterations ensure convergence"), run to the end without stopping early, with the
 * convergence flag still judged by a relative residual ‖Av − λv‖ ≤ {@value #DEFAULT_TOLERANCE}·|λ|; no shift;
 * seed {@value #DEFAULT_SEED} for the random start. {@link #untilConverged(double, int)} gives the tolerance mode.
 *
 * @param maxIterations number of products A v allowed (the fixed number of steps when {@code stopEarly} is false);
 *                      at least 1
 * @param tolerance     relative tolerance of the convergence test, in (0, 1)
 * @param criterion     which quantity the test looks at (see {@link Criterion})
 * @param stopEarly     stop as soon as the test passes (tolerance mode); false runs all {@code maxIterations} steps
 * @param shift         σ: iterate with A + σI instead of A, which makes the top <em>algebraic</em> eigenvalue the
 *                      dominant one when σ > −(λ_max + λ_min)/2 (e.g. when a large negative eigenvalue would win);
 *                      reported eigenvalues and residuals are always those of A; finite
 * @param seed          seed of the Gaussian random start (used when no start vector is given)
 */
public record PowerOptions(int maxIterations, double tolerance, Criterion criterion, boolean stopEarly,
                           double shift, long seed) {

    /** The papers' number of power steps (000 App. B.4). */
    public static final int DEFAULT_STEPS = 20;
    /** Default relative tolerance of the convergence test. */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Default seed of the random start. */
    public static final long DEFAULT_SEED = 0L;
    /** Default iteration budget of the tolerance mode when none is given. */
    public static final int DEFAULT_BUDGET = 1000;

    /** The defaults: 20 fixed steps, flag judged by relative residual ≤ 1e-3, no shift, seed 0. */
    public static final PowerOptions DEFAULTS =
            new PowerOptions(DEFAULT_STEPS, DEFAULT_TOLERANCE, Criterion.RESIDUAL, false, 0.0, DEFAULT_SEED);

    /** What the convergence test looks at. λ_k is the Rayleigh quotient after k products, r_k = ‖Av − λ_k v‖. */
    public enum Criterion {
        /** |λ_k − λ_{k−1}| ≤ tol·|λ_k|: cheap but can pass while v is still far from the eigenvector. */
        RAYLEIGH,
        /** r_k ≤ tol·|λ_k|: guarantees an eigenvalue of A within r_k of λ_k (and within r_k²/gap). */
        RESIDUAL,
        /** Both of the above. */
        BOTH
    }

    /** Validates every field; messages name the field, its value and the allowed range. */
    public PowerOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (criterion == null) {
            throw new IllegalArgumentException("criterion must be one of RAYLEIGH, RESIDUAL, BOTH, got null");
        }
        if (!Double.isFinite(shift)) {
            throw new IllegalArgumentException("shift must be finite, got " + shift);
        }
    }

    /** The defaults ({@link #DEFAULTS}): the papers' fixed 20 steps. */
    public static PowerOptions defaults() {
        return DEFAULTS;
    }

    /** The papers' fixed-step mode with {@code steps} steps (000 App. B.4 uses 20). */
    public static PowerOptions fixedSteps(int steps) {
        return DEFAULTS.withMaxIterations(steps).withStopEarly(false);
    }

    /** Tolerance mode: stop when the relative residual is ≤ {@code tolerance}, or after {@code maxIterations}. */
    public static PowerOptions untilConverged(double tolerance, int maxIterations) {
        return new PowerOptions(maxIterations, tolerance, DEFAULTS.criterion, true, DEFAULTS.shift, DEFAULTS.seed);
    }

    /** Tolerance mode with the default budget of {@value #DEFAULT_BUDGET} products. */
    public static PowerOptions untilConverged(double tolerance) {
        return untilConverged(tolerance, DEFAULT_BUDGET);
    }

    public PowerOptions withMaxIterations(int v) {
        return new PowerOptions(v, tolerance, criterion, stopEarly, shift, seed);
    }

    public PowerOptions withTolerance(double v) {
        return new PowerOptions(maxIterations, v, criterion, stopEarly, shift, seed);
    }

    public PowerOptions withCriterion(Criterion v) {
        return new PowerOptions(maxIterations, tolerance, v, stopEarly, shift, seed);
    }

    public PowerOptions withStopEarly(boolean v) {
        return new PowerOptions(maxIterations, tolerance, criterion, v, shift, seed);
    }

    public PowerOptions withShift(double v) {
        return new PowerOptions(maxIterations, tolerance, criterion, stopEarly, v, seed);
    }

    public PowerOptions withSeed(long v) {
        return new PowerOptions(maxIterations, tolerance, criterion, stopEarly, shift, v);
    }
}
