package org.sharpnesslab.spectrum;

/**
 * A matrix-free linear operator A on ℝⁿ, known only through its product with a vector. Hessians,
 * Gauss-Newton matrices and NTKs of a network are operators of this kind; every eigen-solver in
 * {@code spectrum} takes one. The eigen-solvers assume A is symmetric.
 */
public interface LinearOperator {

    /** The dimension n (A is n×n). */
    int dimension();

    /**
     * {@code out = A v}.
     *
     * @param v   the vector, length n (not modified)
     * @param out receives A v, length n (modified); may not alias {@code v}
     */
    void apply(double[] v, double[] out);

    /** Convenience: a new array holding A v. */
    default double[] apply(double[] v) {
        double[] out = new double[dimension()];
        apply(v, out);
        return out;
    }

    /** A dense symmetric matrix as an operator (rows are not copied: do not modify them afterwards). */
    static LinearOperator ofDense(double[][] a) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("a must be square: row " + i + " has length "
                        + a[i].length + ", expected " + n);
            }
        }
        return new LinearOperator() {
            @Override public int dimension() { return n; }
            @Override public void apply(double[] v, double[] out) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    double[] row = a[i];
                    for (int j = 0; j < n; j++) s += row[j] * v[j];
                    out[i] = s;
                }
            }
        };
    }
}
