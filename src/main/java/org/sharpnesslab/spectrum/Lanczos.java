package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import org.sharpnesslab.task.Cancellation;

/**
 * Top-k eigenpairs of a symmetric {@link LinearOperator} by the Lanczos method with full reorthogonalisation.
 *
 * <p>Returns an {@link EigenResult} (Ritz values, Ritz vectors, residual estimates, converged flags; {@code table()}
 * columns index, eigenvalue, residual, converged).
 *
 * <p>The Krylov basis Q_j = [q₀ … q_{j−1}] from a seeded Gaussian start satisfies
 * A Q_j = Q_j T_j + β_{j−1} q_j e_jᵀ with T_j tridiagonal; each q is reorthogonalised against all previous ones
 * (two Gram-Schmidt passes), so no spurious copies appear. An eigenpair (θ, s) of T_j gives the Ritz pair
 * (θ, Q_j s) with residual ‖A Q_j s − θ Q_j s‖ = β_{j−1} |s_j|. The iteration stops once the k wanted pairs have
 * β_{j−1}|s_j| ≤ tol·max|θ|, when the space becomes invariant, or after maxIterations steps. Unlike power
 * iteration, its convergence depends on the gap relative to the spread of the spectrum, not on λ₂/λ₁ (it needs
 * far fewer products on a small gap), and it can ask for either end
 * ({@link Which#SMALLEST_ALGEBRAIC}, {@link #bottom}: the most negative eigenvalue).
 *
 * <p>Memory: maxIterations vectors of length n. References: Golub &amp; Van Loan, <i>Matrix Computations</i> §10.1;
 * the PyHessian/Ghorbani et al. (2019) use for network Hessians.
 */
public final class Lanczos {

    private Lanczos() {
    }

    /** Which end of the spectrum is wanted. */
    public enum Which {
        /** λ₁ ≥ λ₂ ≥ … (the sharpness is the top algebraic eigenvalue). */
        LARGEST_ALGEBRAIC,
        /** |λ₁| ≥ |λ₂| ≥ … (what power iteration finds). */
        LARGEST_MAGNITUDE,
        /**
         * λ_P ≤ λ_{P−1} ≤ …, the most negative end: the direction of steepest negative curvature (PyHessian, the
         * eigen-solvers' "SA"). A negative λ_min at a point of training says it is not a minimum.
         */
        SMALLEST_ALGEBRAIC
    }

    /** The top eigenpair (largest algebraic) with the defaults. */
    public static EigenResult top(LinearOperator a) {
        return run(a, LanczosOptions.DEFAULTS, null);
    }

    /** The top k eigenpairs (largest algebraic) with the defaults. */
    public static EigenResult top(LinearOperator a, int k) {
        return run(a, LanczosOptions.top(k), null);
    }

    /**
     * The smallest (most negative) eigenpair with the defaults' budget and tolerance, from the seeded start. Its
     * residual is in {@code residuals()[0]}: some eigenvalue lies within it of {@code value(0)}. The tolerance is
     * relative to the largest |Ritz value| (the spectrum's scale), so a λ_min near zero is resolved to that scale.
     */
    public static EigenResult bottom(LinearOperator a) {
        return run(a, LanczosOptions.DEFAULTS.withWhich(Which.SMALLEST_ALGEBRAIC), null);
    }

    /** With the given options from the seeded random start. */
    public static EigenResult run(LinearOperator a, LanczosOptions options) {
        return run(a, options, null);
    }

    /**
     * Lanczos from a given start vector.
     *
     * @param a       symmetric operator (not modified)
     * @param options options; see {@link LanczosOptions}
     * @param start   start vector of length n (not modified), or null for the seeded Gaussian start
     * @return the k wanted Ritz pairs with diagnostics
     * @throws IllegalArgumentException if k exceeds the dimension or the start is unusable
     */
    public static EigenResult run(LinearOperator a, LanczosOptions options, double[] start) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        if (options == null) throw new IllegalArgumentException("options must not be null");
        int n = a.dimension();
        int k = options.k();
        if (k > n) throw new IllegalArgumentException("k must be <= dimension " + n + ", got " + k);
        double[] q0 = startVector(n, start, options.seed());
        int capacity = Math.min(options.maxIterations(), n);
        KrylovBasis kb = new KrylovBasis(a, q0, capacity);
        double tol = options.tolerance();
        StopReason reason = StopReason.MAX_ITERATIONS;
        Pairs pairs = null;
        while (kb.step()) {
            Cancellation.checkpoint();
            if (kb.steps() < k && !kb.invariant()) continue;
            pairs = pairs(kb, k, options.which(), tol);
            if (kb.invariant()) {
                reason = StopReason.INVARIANT_SUBSPACE;
                break;
            }
            if (pairs.allConverged()) {
                reason = StopReason.TOLERANCE_REACHED;
                break;
            }
        }
        if (kb.nonFinite()) reason = StopReason.NON_FINITE;
        if (kb.steps() == 0) {
            return new EigenResult("lanczos", new double[0], new double[0][], new double[0], new boolean[0],
                    0, reason, options.seed());
        }
        if (pairs == null || pairs.steps != kb.steps()) pairs = pairs(kb, k, options.which(), tol);
        int kk = pairs.pick.length;
        double[] values = new double[kk];
        double[][] vectors = new double[kk][];
        for (int i = 0; i < kk; i++) {
            values[i] = pairs.ritz.values()[pairs.pick[i]];
            vectors[i] = kb.ritzVector(pairs.ritz.vectors()[pairs.pick[i]]);
        }
        return new EigenResult("lanczos", values, vectors, pairs.residuals, pairs.converged, kb.steps(), reason,
                options.seed());
    }

    /** The wanted Ritz pairs of the current T_j (at most k: fewer if the Krylov space is smaller). */
    private static Pairs pairs(KrylovBasis kb, int k, Which which, double tol) {
        KrylovBasis.Ritz ritz = kb.ritz();
        int kk = Math.min(k, ritz.values().length);
        int[] pick = select(ritz.values(), kk, which);
        double scale = 0;
        for (double v : ritz.values()) scale = Math.max(scale, Math.abs(v));
        double beta = kb.lastBeta();
        double[] res = new double[kk];
        boolean[] conv = new boolean[kk];
        for (int i = 0; i < kk; i++) {
            double[] s = ritz.vectors()[pick[i]];
            res[i] = Math.abs(beta * s[s.length - 1]);
            conv[i] = res[i] <= tol * scale || res[i] == 0;
        }
        return new Pairs(ritz, pick, res, conv, kb.steps());
    }

    private record Pairs(KrylovBasis.Ritz ritz, int[] pick, double[] residuals, boolean[] converged, int steps) {
        boolean allConverged() {
            for (boolean c : converged) if (!c) return false;
            return true;
        }
    }

    /** Indices of the k wanted values (values sorted descending on entry). */
    static int[] select(double[] descending, int k, Which which) {
        int m = descending.length;
        int[] idx = new int[k];
        if (which == Which.LARGEST_ALGEBRAIC) {
            for (int i = 0; i < k; i++) idx[i] = i;
            return idx;
        }
        if (which == Which.SMALLEST_ALGEBRAIC) {
            for (int i = 0; i < k; i++) idx[i] = m - 1 - i;
            return idx;
        }
        // largest magnitude: merge from both ends
        int lo = 0;
        int hi = m - 1;
        for (int i = 0; i < k; i++) {
            if (Math.abs(descending[lo]) >= Math.abs(descending[hi])) idx[i] = lo++;
            else idx[i] = hi--;
        }
        return idx;
    }

    static double[] startVector(int n, double[] start, long seed) {
        if (start == null) return Vectors.randomUnit(n, seed);
        if (start.length != n) {
            throw new IllegalArgumentException("start has length " + start.length + ", expected dimension " + n);
        }
        double norm = Vectors.norm(start);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("start must be a non-zero finite vector, got norm " + norm);
        }
        double[] v = start.clone();
        Vectors.scale(1.0 / norm, v);
        return v;
    }
}
