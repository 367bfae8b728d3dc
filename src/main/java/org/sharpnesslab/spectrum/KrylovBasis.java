package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The Lanczos process with full reorthogonalisation, one step at a time (package-private engine shared by
 * {@link Lanczos} and {@link SpectralDensity}). After j steps it holds the orthonormal basis q₀…q_{j−1}, the
 * tridiagonal T_j (diagonal α, off-diagonal β) with A Q_j = Q_j T_j + β_{j−1} q_j e_jᵀ. Mutable; one per solve.
 */
final class KrylovBasis {

    private final LinearOperator a;
    private final int n;
    private final double[][] q;
    private final double[] alpha;
    private final double[] beta;
    private final double[] w;
    private int steps;
    private boolean invariant;
    private boolean nonFinite;
    private double normEstimate;

    /** @param start unit-norm start vector (copied) @param capacity the largest number of steps */
    KrylovBasis(LinearOperator a, double[] start, int capacity) {
        this.a = a;
        this.n = a.dimension();
        this.q = new double[capacity + 1][];
        this.q[0] = start.clone();
        this.alpha = new double[capacity];
        this.beta = new double[capacity];
        this.w = new double[n];
    }

    /** One Lanczos step: w = A q_j − α_j q_j − β_{j−1} q_{j−1}, reorthogonalised against all q; β_j = ‖w‖.
     *  Returns false (and does nothing) when the space is already invariant or a product was non-finite. */
    boolean step() {
        if (invariant || nonFinite || steps >= alpha.length) return false;
        int j = steps;
        a.apply(q[j], w);
        if (!Vectors.finite(w)) {
            nonFinite = true;
            return false;
        }
        double aj = Vectors.dot(q[j], w);
        Vectors.axpy(-aj, q[j], w);
        if (j > 0) Vectors.axpy(-beta[j - 1], q[j - 1], w);
        Vectors.orthogonalize(w, q, j + 1);
        double bj = Vectors.norm(w);
        alpha[j] = aj;
        beta[j] = bj;
        normEstimate = Math.max(normEstimate, Math.abs(aj) + bj + (j > 0 ? beta[j - 1] : 0));
        steps = j + 1;
        // breakdown: the Krylov space is invariant, T_j's eigenpairs are exact eigenpairs of A
        if (bj <= 1e-14 * Math.max(normEstimate, Double.MIN_NORMAL) || steps == n) {
            invariant = true;
            return true;
        }
        double[] next = new double[n];
        for (int i = 0; i < n; i++) next[i] = w[i] / bj;
        q[j + 1] = next;
        return true;
    }

    int steps() {
        return steps;
    }

    boolean invariant() {
        return invariant;
    }

    boolean nonFinite() {
        return nonFinite;
    }

    /** β_{j−1}, the coupling to the next basis vector (0 when invariant). */
    double lastBeta() {
        return invariant ? 0.0 : beta[steps - 1];
    }

    double[] alpha() {
        return Arrays.copyOf(alpha, steps);
    }

    double[] beta() {
        return Arrays.copyOf(beta, Math.max(steps - 1, 0));
    }

    double[] basisVector(int i) {
        return q[i];
    }

    /** Eigen-decomposition of T_j: values[i] with eigenvectors s[i] (length j), values in descending order. */
    Ritz ritz() {
        int m = steps;
        double[] values = new double[m];
        double[][] s = new double[m][];
        if (m == 1) {
            values[0] = alpha[0];
            s[0] = new double[] {1.0};
            return new Ritz(values, s);
        }
        EigenDecomposition ed = new EigenDecomposition(alpha(), beta());
        double[] ev = ed.getRealEigenvalues();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(ev[y], ev[x]));
        for (int i = 0; i < m; i++) {
            values[i] = ev[order[i]];
            s[i] = ed.getEigenvector(order[i]).toArray();
        }
        return new Ritz(values, s);
    }

    /** The Ritz vector Q_j s. */
    double[] ritzVector(double[] s) {
        double[] y = new double[n];
        for (int l = 0; l < s.length; l++) Vectors.axpy(s[l], q[l], y);
        double norm = Vectors.norm(y);
        Vectors.scale(1.0 / norm, y);
        return y;
    }

    /** Eigenvalues (descending) and eigenvectors of the tridiagonal T_j. */
    record Ritz(double[] values, double[][] vectors) {
    }
}
