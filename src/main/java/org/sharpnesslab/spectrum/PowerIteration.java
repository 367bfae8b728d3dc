package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.Arrays;

import org.sharpnesslab.task.Cancellation;

/**
 * Power iteration for the dominant eigenpair of a symmetric {@link LinearOperator}: the papers' sharpness
 * measurement (000 App. B.4; 004 §7.1 with k = 1).
 *
 * <p>It finds the eigenvalue of largest <em>magnitude</em>. When a negative eigenvalue is larger in magnitude than
 * the top one (a Hessian far from a minimum), it converges to that negative eigenvalue; use
 * {@link PowerOptions#withShift(double)} with σ ≥ |λ_min| to reach the top algebraic eigenvalue instead, or use
 * {@link Lanczos} with {@link Lanczos.Which#LARGEST_ALGEBRAIC}.
 *
 * <p>Returns a {@link PowerResult} (eigenvalue, eigenvector, residual, iterations, converged, stop reason,
 * history; {@code table()} columns iteration, rayleigh, residual, relative_residual).
 *
 * <p>Iteration, with B = A + σI and v₀ a unit vector (the given start, or seeded Gaussian):
 * <pre>
 *   w = B v_k,   λ_k = v_kᵀ w − σ,   r_k = ‖w − (λ_k + σ) v_k‖ = ‖A v_k − λ_k v_k‖,   v_{k+1} = w / ‖w‖.
 * </pre>
 * Each step costs one product; λ_k and r_k belong exactly to the returned v_k. The error of λ_k shrinks like
 * (λ₂/λ₁)^{2k}, so 20 steps (the papers' default) are not enough when the gap is small: the residual and the
 * {@code converged} flag say so.
 *
 * <pre>{@code
 * PowerResult top = PowerIteration.run(hessian);                                   // 20 steps, as the papers
 * PowerResult tight = PowerIteration.run(hessian, PowerOptions.untilConverged(1e-6));
 * PowerResult next = PowerIteration.warm(hessianLater, top, PowerOptions.untilConverged(1e-4));
 * }</pre>
 */
public final class PowerIteration {

    private PowerIteration() {
    }

    /** Power iteration with the defaults (the papers' fixed 20 steps, seeded random start). */
    public static PowerResult run(LinearOperator a) {
        return run(a, PowerOptions.DEFAULTS, null);
    }

    /** Power iteration with the given options from the seeded random start. */
    public static PowerResult run(LinearOperator a, PowerOptions options) {
        return run(a, options, null);
    }

    /** Power iteration warm-started from the eigenvector of a previous result (e.g. the previous training step). */
    public static PowerResult warm(LinearOperator a, PowerResult previous, PowerOptions options) {
        if (previous == null) throw new IllegalArgumentException("previous must not be null");
        return run(a, options, previous.eigenvector());
    }

    /**
     * Power iteration from a given start vector.
     *
     * @param a       the symmetric operator (not modified)
     * @param options the options; see {@link PowerOptions}
     * @param start   start vector of length n, not necessarily normalised (not modified); null for the seeded
     *                random start
     * @return the eigenpair estimate with diagnostics
     * @throws IllegalArgumentException if the start has the wrong length, is zero or non-finite
     */
    public static PowerResult run(LinearOperator a, PowerOptions options, double[] start) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        if (options == null) throw new IllegalArgumentException("options must not be null");
        int n = a.dimension();
        if (n < 1) throw new IllegalArgumentException("operator dimension must be >= 1, got " + n);
        double[] v;
        if (start == null) {
            v = Vectors.randomUnit(n, options.seed());
        } else {
            if (start.length != n) {
                throw new IllegalArgumentException("start has length " + start.length + ", expected dimension " + n);
            }
            double norm = Vectors.norm(start);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("start must be a non-zero finite vector, got norm " + norm);
            }
            v = start.clone();
            Vectors.scale(1.0 / norm, v);
        }
        double sigma = options.shift();
        double tol = options.tolerance();
        int max = options.maxIterations();
        double[] w = new double[n];
        double[] lam = new double[max];
        double[] res = new double[max];
        double prev = Double.NaN;
        boolean converged = false;
        StopReason reason = options.stopEarly() ? StopReason.MAX_ITERATIONS : StopReason.FIXED_STEPS_DONE;
        int k = 0;
        double lambda = Double.NaN;
        double r = Double.NaN;
        while (k < max) {
            Cancellation.checkpoint();
            a.apply(v, w);
            if (sigma != 0) Vectors.axpy(sigma, v, w);
            // one pass for v·w and ‖w‖² (two independent sums: the time of one), the same sums as Vectors.dot
            double mu = 0;
            double ww = 0;
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                mu += v[i] * wi;
                ww += wi * wi;
            }
            if (!Double.isFinite(ww) && !Vectors.finite(w)) {
                reason = StopReason.NON_FINITE;
                converged = false;
                break;
            }
            lambda = mu - sigma;
            double wn = Math.sqrt(ww);
            boolean update = !options.stopEarly() && k + 1 < max && wn != 0;
            if (update) { // the residual ‖w − μ v‖ and the next v = w/‖w‖ in one pass (no early stop can keep v)
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double wi = w[i];
                    double d = wi - mu * v[i];
                    sum += d * d;
                    v[i] = wi / wn;
                }
                r = Math.sqrt(sum);
            } else {
                r = Vectors.residual(w, mu, v);
            }
            lam[k] = lambda;
            res[k] = r;
            k++;
            converged = test(options.criterion(), tol, lambda, prev, r, k);
            prev = lambda;
            if (wn == 0) {
                // v is in the kernel of A + σI: an exact eigenpair (λ = −σ), nothing more to iterate.
                converged = true;
                reason = StopReason.INVARIANT_SUBSPACE;
                break;
            }
            if (converged && options.stopEarly()) {
                reason = StopReason.TOLERANCE_REACHED;
                break;
            }
            if (k == max) break;
            if (!update) {
                for (int i = 0; i < n; i++) v[i] = w[i] / wn;
            }
        }
        return new PowerResult(lambda, v, r, k, converged, reason, Arrays.copyOf(lam, k), Arrays.copyOf(res, k),
                options, start != null);
    }

    private static boolean test(PowerOptions.Criterion c, double tol, double lambda, double prev, double r, int k) {
        double scale = Math.abs(lambda);
        boolean residualOk = r <= tol * scale || r == 0;
        boolean rayleighOk = k >= 2 && Math.abs(lambda - prev) <= tol * scale;
        return switch (c) {
            case RESIDUAL -> residualOk;
            case RAYLEIGH -> rayleighOk;
            case BOTH -> residualOk && rayleighOk;
        };
    }
}
