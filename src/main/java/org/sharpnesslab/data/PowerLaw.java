package org.sharpnesslab.data;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;


/**
 * The random power-law dataset of 000 App. B.1 (Eqs. 4–6): start from the random dataset (X', Y') with i.i.d.
 * N(0, 1) entries, take the singular value decompositions X' = P_x S_x' Q_xᵀ and Y' = P_y S_y' Q_yᵀ (Eq. 4),
 * rescale the k-th singular value (k = 1, 2, … in decreasing order)
 * <pre>
 *   (S_x)_k = A_x (S_x')_k k^(−B_x),   (S_y)_k = A_y (S_y')_k k^(−B_y)        (Eq. 5)
 * </pre>
 * and rebuild X = P_x S_x Q_xᵀ, Y = P_y S_y Q_yᵀ (Eq. 6). The singular vectors are those of the random matrices;
 * only the spectrum changes. 000 App. G.2 uses A_x = A_y = 1 and B_x, B_y ∈ {0, 1}.
 *
 * <p>The rescaling goes through the Gram matrix's eigendecomposition ({@link #rescale}) in plain Java. Measured
 * here: 0.34 s for n = 1,000, d = 200; 11 s for 5,000 × 784; the paper's 5,000 × 3,072 (d³ eigendecomposition)
 * takes several minutes.
 *
 * <p>The inputs X' and targets Y' are exactly those of {@link Datasets#gaussian(int, int, int, long)} with the
 * same seed, so B = 0, A = 1 gives back the random dataset (to rounding).
 */
public final class PowerLaw {

    private PowerLaw() {
    }

    /**
     * The random power-law dataset (000 Eqs. 4–6). No labels.
     *
     * @param n    number of examples P ≥ 1
     * @param d    input dimension ≥ 1
     * @param k    output dimension ≥ 1
     * @param ax   A_x &gt; 0, input amplitude
     * @param bx   B_x (finite), input power-law exponent
     * @param ay   A_y &gt; 0, target amplitude
     * @param by   B_y (finite), target power-law exponent
     * @param seed random seed of (X', Y')
     */
    static Dataset create(int n, int d, int k, double ax, double bx, double ay, double by, long seed) {
        checkAmp("ax", ax);
        checkAmp("ay", ay);
        checkExp("bx", bx);
        checkExp("by", by);
        Dataset random = Synthetic.randomDataset(n, d, k, seed);
        double[] x = rescale(random.inputs(), n, d, ax, bx);
        double[] y = rescale(random.targets(), n, k, ay, by);
        String name = String.format("powerLaw(n=%d, d=%d, k=%d, Ax=%g, Bx=%g, Ay=%g, By=%g, seed=%d)", n, d, k, ax,
                bx, ay, by, seed);
        return new Dataset(name, n, d, k, x, y, null);
    }


    /**
     * The matrix (rows×cols row-major) with its k-th singular value multiplied by a·k^(−b) and its singular vectors
     * kept (000 Eqs. 4–6).
     *
     * <p>Computed without forming P: with X' = P S' Qᵀ and rows ≥ cols, X = P S Qᵀ = X' Q diag(c) Qᵀ where
     * c_k = a k^(−b) (because X' Q = P S'); Q and the order of the singular values come from the symmetric
     * eigendecomposition of the cols×cols Gram matrix X'ᵀX' = Q S'² Qᵀ. For rows &lt; cols the same holds on the
     * other side: X = P diag(c) Pᵀ X' with P from X' X'ᵀ. Cost O(rows·cols·min) for the products plus one
     * min×min eigendecomposition.
     */
    public static double[] rescale(double[] matrix, int rows, int cols, double a, double b) {
        Check.notNull("matrix", matrix);
        if (matrix.length != (long) rows * cols) {
            throw new IllegalArgumentException("matrix must have rows*cols = " + ((long) rows * cols)
                    + " entries, had " + matrix.length);
        }
        boolean right = rows >= cols;
        int p = Math.min(rows, cols);
        double[][] gram = new double[p][p];
        if (right) { // X'ᵀX', cols×cols
            for (int i = 0; i < rows; i++) {
                org.sharpnesslab.task.Cancellation.checkpoint();
                int off = i * cols;
                for (int u = 0; u < cols; u++) {
                    double xu = matrix[off + u];
                    if (xu == 0) {
                        continue;
                    }
                    double[] g = gram[u];
                    for (int v = u; v < cols; v++) {
                        g[v] += xu * matrix[off + v];
                    }
                }
            }
        } else { // X'X'ᵀ, rows×rows
            for (int u = 0; u < rows; u++) {
                org.sharpnesslab.task.Cancellation.checkpoint();
                for (int v = u; v < rows; v++) {
                    double acc = 0;
                    for (int j = 0; j < cols; j++) {
                        acc += matrix[u * cols + j] * matrix[v * cols + j];
                    }
                    gram[u][v] = acc;
                }
            }
        }
        for (int u = 0; u < p; u++) {
            for (int v = 0; v < u; v++) {
                gram[u][v] = gram[v][u];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] lambda = eig.getRealEigenvalues();
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (i1, i2) -> Double.compare(lambda[i2], lambda[i1])); // k = 1 is the largest
        // M = Q diag(c) Qᵀ, c_k = a k^(−b)                                              000 Eq. (5)
        double[][] q = new double[p][p]; // column k of Q, as row k here
        double[] c = new double[p];
        for (int k = 0; k < p; k++) {
            RealVector vec = eig.getEigenvector(order[k]);
            q[k] = vec.toArray();
            c[k] = a * Math.pow(k + 1, -b);
        }
        double[][] m = new double[p][p];
        for (int k = 0; k < p; k++) {
            double[] qk = q[k];
            for (int u = 0; u < p; u++) {
                double w = c[k] * qk[u];
                double[] mu = m[u];
                for (int v = 0; v < p; v++) {
                    mu[v] += w * qk[v];
                }
            }
        }
        double[] out = new double[rows * cols];
        if (right) { // X = X' M                                                            000 Eq. (6)
            for (int i = 0; i < rows; i++) {
                org.sharpnesslab.task.Cancellation.checkpoint();
                int off = i * cols;
                for (int u = 0; u < cols; u++) {
                    double xu = matrix[off + u];
                    double[] mu = m[u];
                    for (int v = 0; v < cols; v++) {
                        out[off + v] += xu * mu[v];
                    }
                }
            }
        } else { // X = M X'
            for (int u = 0; u < rows; u++) {
                org.sharpnesslab.task.Cancellation.checkpoint();
                for (int v = 0; v < rows; v++) {
                    double w = m[u][v];
                    for (int j = 0; j < cols; j++) {
                        out[u * cols + j] += w * matrix[v * cols + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Singular values (decreasing) of a rows×cols row-major matrix, e.g. a dataset's inputs, by Commons Math's SVD
     * (independent of the Gram route {@link #rescale} takes; slow for very tall or very wide matrices).
     */
    public static double[] singularValues(double[] matrix, int rows, int cols) {
        Check.notNull("matrix", matrix);
        if (rows < 1) {
            throw Check.range("rows", ">= 1", rows);
        }
        if (cols < 1) {
            throw Check.range("cols", ">= 1", cols);
        }
        if (matrix.length != (long) rows * cols) {
            throw Check.range("matrix.length", "rows*cols = " + ((long) rows * cols), matrix.length);
        }
        return new SingularValueDecomposition(toMatrix(matrix, rows, cols)).getSingularValues();
    }

    /**
     * The singular value spectrum of a dataset's inputs, for a log-log plot against the prescribed power law.
     *
     * <p>Columns: {@code k} (int, 1-based, decreasing order), {@code singular_value} (double).
     */
    public static Table spectrum(Dataset data) {
        Check.notNull("data", data);
        double[] s = singularValues(data.inputs(), data.size(), data.inputDim());
        IntColumn k = IntColumn.create("k");
        DoubleColumn v = DoubleColumn.create("singular_value");
        for (int j = 0; j < s.length; j++) {
            k.append(j + 1);
            v.append(s[j]);
        }
        return Table.create(data.name() + " input spectrum", k, v);
    }

    /**
     * Least-squares slope of log s_k against log k over k = from..to (1-based, inclusive): −B for a spectrum
     * s_k ∝ k^(−B).
     */
    public static double logLogSlope(double[] s, int from, int to) {
        Check.notNull("s", s);
        if (from < 1 || to > s.length || to - from < 1) {
            throw new IllegalArgumentException("need 1 <= from < to <= " + s.length + ", were " + from + ", " + to);
        }
        int m = to - from + 1;
        double mx = 0, my = 0;
        for (int k = from; k <= to; k++) {
            mx += Math.log(k);
            my += Math.log(s[k - 1]);
        }
        mx /= m;
        my /= m;
        double sxy = 0, sxx = 0;
        for (int k = from; k <= to; k++) {
            double dx = Math.log(k) - mx;
            sxy += dx * (Math.log(s[k - 1]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static Array2DRowRealMatrix toMatrix(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, m[i], 0, cols);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    private static void checkAmp(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    private static void checkExp(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
