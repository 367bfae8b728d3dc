package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The exact spectrum of a small operator: materialises A column by column (n products A eⱼ), symmetrises it and
 * eigen-decomposes it with commons-math3. The reference answer the matrix-free solvers are checked against on tiny
 * networks; cost O(n) products + O(n³), so limited to n ≤ {@value #MAX_DIMENSION}.
 *
 * <p>{@code table()} columns: {@code index} (1-based, descending order), {@code eigenvalue}.
 *
 * @param eigenvalues    all eigenvalues, descending
 * @param eigenvectors   eigenvectors[i] belongs to eigenvalues[i] (unit norm)
 * @param asymmetry      max |A_ij − A_ji| of the materialised matrix before symmetrisation (a check of the
 *                       operator: a Hessian-vector product should give ~1e-12 relative)
 * @param matrix         the materialised (symmetrised) matrix, row-major
 */
public record DenseSpectrum(double[] eigenvalues, double[][] eigenvectors, double asymmetry, double[][] matrix) {

    /** Largest dimension accepted by {@link #of}. */
    public static final int MAX_DIMENSION = 4000;

    /**
     * Materialise and eigen-decompose.
     *
     * @param a operator of dimension ≤ {@value #MAX_DIMENSION} (not modified)
     * @throws IllegalArgumentException if the dimension is too large or a product is not finite
     */
    public static DenseSpectrum of(LinearOperator a) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        int n = a.dimension();
        if (n < 1 || n > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension must be in [1, " + MAX_DIMENSION + "] for a dense "
                    + "eigendecomposition, got " + n + " (use Lanczos for larger operators)");
        }
        double[][] m = new double[n][n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            a.apply(e, col);
            e[j] = 0;
            if (!Vectors.finite(col)) {
                throw new IllegalArgumentException("operator returned a non-finite product for column " + j);
            }
            for (int i = 0; i < n; i++) m[i][j] = col[i];
        }
        double asym = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                asym = Math.max(asym, Math.abs(m[i][j] - m[j][i]));
                double s = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = s;
                m[j][i] = s;
            }
        }
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
        double[] ev = ed.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(ev[y], ev[x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = ev[order[i]];
            vectors[i] = ed.getEigenvector(order[i]).toArray();
        }
        return new DenseSpectrum(values, vectors, asym, m);
    }

    /** The dimension n. */
    public int dimension() {
        return eigenvalues.length;
    }

    /** The largest eigenvalue λ_max. */
    public double max() {
        return eigenvalues[0];
    }

    /** The smallest eigenvalue λ_min. */
    public double min() {
        return eigenvalues[eigenvalues.length - 1];
    }

    /** The eigenvalue of largest magnitude (what power iteration finds). */
    public double maxMagnitude() {
        return Math.abs(max()) >= Math.abs(min()) ? max() : min();
    }

    /** tr A = Σ λᵢ. */
    public double trace() {
        double s = 0;
        for (double v : eigenvalues) s += v;
        return s;
    }

    /** The Gaussian-broadened exact density (1/n) Σᵢ N(λ; λᵢ, σ²) on a grid, to compare with a
     *  {@link SpectralDensity} on the same grid and σ: columns {@code lambda}, {@code density}. */
    public Table density(double[] grid, double sigma) {
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        double[] d = new double[grid.length];
        double norm = 1.0 / (eigenvalues.length * sigma * Math.sqrt(2 * Math.PI));
        for (double l : eigenvalues) {
            for (int i = 0; i < grid.length; i++) {
                double z = (grid[i] - l) / sigma;
                if (Math.abs(z) < 40) d[i] += norm * Math.exp(-0.5 * z * z);
            }
        }
        return Table.create("exact density", DoubleColumn.create("lambda", grid.clone()),
                DoubleColumn.create("density", d));
    }

    /** Columns {@code index} (1-based, descending), {@code eigenvalue}. */
    public Table table() {
        int n = eigenvalues.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i + 1;
        return Table.create("dense spectrum", IntColumn.create("index", idx),
                DoubleColumn.create("eigenvalue", eigenvalues.clone()));
    }

    @Override
    public String toString() {
        return String.format("DenseSpectrum[n=%d, max=%.8g, min=%.8g, trace=%.6g, asymmetry=%.2g]",
                eigenvalues.length, max(), min(), trace(), asymmetry);
    }
}
