package org.sharpnesslab.dynamics;

/**
 * Options of Newton's method for G(x) = M(x) − x = 0 ({@link FixedPoints}, {@link PeriodicOrbits}).
 *
 * <p>Converged when ‖G(x)‖_∞ ≤ {@code tol} · max(1, ‖x‖_∞). With {@code lineSearch}, each Newton step d is
 * halved (up to 40 times) until ‖G(x + αd)‖_2 &lt; (1 − 1e-4 α) ‖G(x)‖_2 (Armijo backtracking); if no α
 * decreases the residual the search stops with {@link Stop#LINE_SEARCH_FAILED}. A singular G′ falls back to the
 * minimum-norm least-squares step (SVD), which also finds points on a line of fixed points.
 *
 * @param tol           residual tolerance, &gt; 0
 * @param maxIterations maximum Newton steps, ≥ 1
 * @param lineSearch    backtracking on the residual (damped Newton)
 * @param bound         give up (Stop.DIVERGED) when an iterate has |x_i| above this
 */
public record Newton(double tol, int maxIterations, boolean lineSearch, double bound) {

    /** Why Newton's method stopped. */
    public enum Stop {
        CONVERGED, MAX_ITERATIONS, LINE_SEARCH_FAILED, DIVERGED, NON_FINITE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Defaults: tol 1e-12, 100 iterations, line search on, bound 1e12. */
    public static final Newton DEFAULT = new Newton(1e-12, 100, true, 1e12);

    public Newton {
        if (!(tol > 0)) {
            throw new IllegalArgumentException("tol must be > 0, got " + tol);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(bound > 0)) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
    }

    public Newton withTol(double tol) {
        return new Newton(tol, maxIterations, lineSearch, bound);
    }

    public Newton withMaxIterations(int maxIterations) {
        return new Newton(tol, maxIterations, lineSearch, bound);
    }

    public Newton withLineSearch(boolean lineSearch) {
        return new Newton(tol, maxIterations, lineSearch, bound);
    }

    public Newton withBound(double bound) {
        return new Newton(tol, maxIterations, lineSearch, bound);
    }
}
