package org.sharpnesslab.data;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;


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
 * <p>The SVD is Commons Math's dense one (O(n d min(n, d)) in plain Java): fine at notebook scale (n, d of a few
 * hundred: well under a second), minutes at the paper's 5,000 × 3,072.
 *
 * <p>The inputs X' and targets Y' are exactly those of {@link Synthetic#gaussian(int, int, int, long)} with the
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
    public static Dataset dataset(int n, int d, int k, double ax, double bx, double ay, double by, long seed) {
        checkAmp("ax", ax);
        checkAmp("ay", ay);
        checkExp("bx", bx);
        checkExp("by", by);
        Dataset random = Synthetic.gaussian(n, d, k, seed);
        double[] x = rescale(random.inputs(), n, d, ax, bx);
        double[] y = rescale(random.targets(), n, k, ay, by);
        String name = String.format("powerLaw(n=%d, d=%d, k=%d, Ax=%g, Bx=%g, Ay=%g, By=%g, seed=%d)", n, d, k, ax,
                bx, ay, by, seed);
        return new Dataset(name, n, d, k, x, y, null);
    }

    /**
     * The matrix (n×m row-major) with its k-th singular value multiplied by a·k^(−b) and its singular vectors
     * kept (000 Eqs. 4–6).
     */
    public static double[] rescale(double[] matrix, int rows, int cols, double a, double b) {
        if (matrix.length != (long) rows * cols) {
            throw new IllegalArgumentException("matrix must have rows*cols = " + ((long) rows * cols)
                    + " entries, had " + matrix.length);
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(toMatrix(matrix, rows, cols));
        double[] s = svd.getSingularValues(); // decreasing; length p = min(rows, cols)
        RealMatrix u = svd.getU();            // rows × p
        RealMatrix v = svd.getV();            // cols × p
        int p = s.length;
        double[] scaled = new double[p];
        for (int j = 0; j < p; j++) {
            scaled[j] = a * s[j] * Math.pow(j + 1, -b); // 000 Eq. (5)
        }
        double[][] ud = u.getData();
        double[][] vd = v.getData();
        double[] out = new double[rows * cols];
        double[] us = new double[p];
        for (int i = 0; i < rows; i++) { // 000 Eq. (6): X = P S Qᵀ
            for (int j = 0; j < p; j++) {
                us[j] = ud[i][j] * scaled[j];
            }
            int off = i * cols;
            for (int c = 0; c < cols; c++) {
                double[] vrow = vd[c];
                double acc = 0;
                for (int j = 0; j < p; j++) {
                    acc += us[j] * vrow[j];
                }
                out[off + c] = acc;
            }
        }
        return out;
    }

    /** Singular values (decreasing) of an n×m row-major matrix, e.g. a dataset's inputs. */
    public static double[] singularValues(double[] matrix, int rows, int cols) {
        return new SingularValueDecomposition(toMatrix(matrix, rows, cols)).getSingularValues();
    }

    /**
     * Least-squares slope of log s_k against log k over k = from..to (1-based, inclusive): −B for a spectrum
     * s_k ∝ k^(−B).
     */
    public static double logLogSlope(double[] s, int from, int to) {
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

    private static RealMatrix toMatrix(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, m[i], 0, cols);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    private static void checkAmp(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
    }

    private static void checkExp(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }
}
