package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

import org.sharpnesslab.task.Cancellation;

/**
 * Top-k eigenpairs (largest magnitude) of a symmetric {@link LinearOperator} by block power (subspace) iteration
 * with QR re-orthonormalisation, as in 004 §7.1, plus a Rayleigh-Ritz step so that eigenvalues come with their
 * signs and with true residuals.
 *
 * <p>Returns an {@link EigenResult} ({@code table()} columns index, eigenvalue, residual, converged), values ordered
 * by decreasing |λ + σ|.
 *
 * <p>Each sweep, with V (n×k, orthonormal columns) and B = A + σI:
 * <pre>
 *   W = B V;   H = Vᵀ W = S diag(μ) Sᵀ;   Y = V S,  BY = W S;   θ_i = μ_i − σ,  r_i = ‖(BY)_i − μ_i Y_i‖;
 *   stop when every r_i ≤ tol·max|θ|;   otherwise V ← Q of the QR factorisation of W S.
 * </pre>
 * 004 §7.1 reads the eigenvalues off the diagonal of the QR factor and stops when they change by less than a
 * threshold; the Rayleigh-Ritz values used here converge twice as fast and carry their signs, and the residual test
 * cannot be fooled by slow drift. Pair i converges like |λ_{k+1}/λ_i|^sweeps. Warm-starting from the previous
 * vectors (004 §7.1: "only 1–3 iterations") is {@link #run(LinearOperator, BlockPowerOptions, double[][])}.
 */
public final class BlockPower {

    private BlockPower() {
    }

    /** The k eigenpairs of largest magnitude with the defaults. */
    public static EigenResult top(LinearOperator a, int k) {
        return run(a, BlockPowerOptions.top(k), null);
    }

    /** With the given options from the seeded random block. */
    public static EigenResult run(LinearOperator a, BlockPowerOptions options) {
        return run(a, options, null);
    }

    /**
     * Block power iteration from a given start block.
     *
     * @param a       symmetric operator (not modified)
     * @param options options; see {@link BlockPowerOptions}
     * @param start   k start vectors of length n (e.g. the previous result's vectors; not modified), or null for a
     *                seeded Gaussian block
     * @return the k Ritz pairs with true residuals
     * @throws IllegalArgumentException if k exceeds the dimension or the start block has the wrong shape
     */
    public static EigenResult run(LinearOperator a, BlockPowerOptions options, double[][] start) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        if (options == null) throw new IllegalArgumentException("options must not be null");
        int n = a.dimension();
        int k = options.k();
        if (k > n) throw new IllegalArgumentException("k must be <= dimension " + n + ", got " + k);
        Random rnd = new Random(options.seed());
        double[][] v = new double[k][];
        if (start == null) {
            for (int i = 0; i < k; i++) v[i] = gaussian(n, rnd);
        } else {
            if (start.length != k) {
                throw new IllegalArgumentException("start has " + start.length + " vectors, expected k = " + k);
            }
            for (int i = 0; i < k; i++) {
                if (start[i].length != n) {
                    throw new IllegalArgumentException("start[" + i + "] has length " + start[i].length
                            + ", expected dimension " + n);
                }
                v[i] = start[i].clone();
            }
        }
        orthonormalize(v, rnd);
        double sigma = options.shift();
        double[][] w = new double[k][n];
        double[] theta = new double[k];
        double[] res = new double[k];
        boolean[] conv = new boolean[k];
        double[][] y = new double[k][];
        StopReason reason = StopReason.MAX_ITERATIONS;
        int products = 0;
        for (int sweep = 1; sweep <= options.maxSweeps(); sweep++) {
            Cancellation.checkpoint();
            boolean finite = true;
            for (int i = 0; i < k; i++) {
                a.apply(v[i], w[i]);
                products++;
                if (sigma != 0) Vectors.axpy(sigma, v[i], w[i]);
                finite &= Vectors.finite(w[i]);
            }
            if (!finite) {
                reason = StopReason.NON_FINITE;
                if (y[0] == null) return new EigenResult("block-power", new double[0], new double[0][],
                        new double[0], new boolean[0], products, reason, options.seed());
                Arrays.fill(conv, false);
                break;
            }
            // Rayleigh-Ritz on span(V)
            double[][] h = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0.5 * (Vectors.dot(v[i], w[j]) + Vectors.dot(v[j], w[i]));
                    h[i][j] = s;
                    h[j][i] = s;
                }
            }
            EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(h, false));
            double[] mu = ed.getRealEigenvalues();
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) order[i] = i;
            Arrays.sort(order, (p, q) -> Double.compare(Math.abs(mu[q]), Math.abs(mu[p])));
            double[][] by = new double[k][];
            double scale = 0;
            for (int i = 0; i < k; i++) {
                double[] s = ed.getEigenvector(order[i]).toArray();
                y[i] = combine(v, s, n);
                by[i] = combine(w, s, n);
                theta[i] = mu[order[i]] - sigma;
                res[i] = Vectors.residual(by[i], mu[order[i]], y[i]);
                scale = Math.max(scale, Math.abs(theta[i]));
            }
            boolean all = true;
            for (int i = 0; i < k; i++) {
                conv[i] = res[i] <= options.tolerance() * scale || res[i] == 0;
                all &= conv[i];
            }
            if (all) {
                reason = StopReason.TOLERANCE_REACHED;
                break;
            }
            if (sweep == options.maxSweeps()) break;
            for (int i = 0; i < k; i++) v[i] = by[i];
            orthonormalize(v, rnd);
        }
        double[][] vectors = new double[k][];
        for (int i = 0; i < k; i++) {
            vectors[i] = y[i].clone();
            Vectors.scale(1.0 / Vectors.norm(vectors[i]), vectors[i]);
        }
        return new EigenResult("block-power", theta.clone(), vectors, res.clone(), conv.clone(), products, reason,
                options.seed());
    }

    /** Σ_l s_l x_l. */
    private static double[] combine(double[][] x, double[] s, int n) {
        double[] out = new double[n];
        for (int l = 0; l < s.length; l++) Vectors.axpy(s[l], x[l], out);
        return out;
    }

    /** Thin QR by Gram-Schmidt with reorthogonalisation: replaces the rows of v by Q's columns (a column that
     *  vanishes is replaced by a fresh random direction orthogonal to the others). */
    static void orthonormalize(double[][] v, Random rnd) {
        int n = v[0].length;
        for (int i = 0; i < v.length; i++) {
            double before = Vectors.norm(v[i]);
            Vectors.orthogonalize(v[i], v, i);
            double after = Vectors.norm(v[i]);
            int tries = 0;
            while (!(after > 1e-12 * before) && tries++ < 10) {
                v[i] = gaussian(n, rnd);
                before = Vectors.norm(v[i]);
                Vectors.orthogonalize(v[i], v, i);
                after = Vectors.norm(v[i]);
            }
            Vectors.scale(1.0 / after, v[i]);
        }
    }

    private static double[] gaussian(int n, Random rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextGaussian();
        return x;
    }
}
