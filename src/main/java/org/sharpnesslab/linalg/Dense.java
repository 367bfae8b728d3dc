package org.sharpnesslab.linalg;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

import java.util.Arrays;
import org.sharpnesslab.task.Check;

/** Small dense vector and matrix helpers (plain arrays; eigen-decompositions through Commons Math). */
public final class Dense {

    private Dense() {
    }

    /**
     * The eigenvalues of a symmetric matrix, descending (Commons Math {@link EigenDecomposition} of ½(A + Aᵀ), so
     * that round-off asymmetry never sends it down its non-symmetric path).
     */
    public static double[] symmetricEigenvalues(double[][] a) {
        checkSquare(a);
        int n = a.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return descending(new EigenDecomposition(new Array2DRowRealMatrix(s, false)).getRealEigenvalues());
    }

    /** A copy of {@code v} sorted in descending order ({@code v} not modified). */
    public static double[] descending(double[] v) {
        Check.notNull("v", v);
        double[] s = v.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /** max |aᵢⱼ − aⱼᵢ| / max |aᵢⱼ|: how far a square matrix is from symmetric. */
    public static double asymmetry(double[][] a) {
        checkSquare(a);
        double d = 0;
        double m = 1e-300;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - a[j][i]));
                m = Math.max(m, Math.abs(a[i][j]));
            }
        }
        return d / m;
    }

    private static void checkSame(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " and " + b.length);
        }
    }

    private static void checkSquare(double[][] a) {
        Check.notNull("a", a);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != a.length) {
                throw Check.range("a[" + i + "].length", "a.length = " + a.length,
                        a[i] == null ? "null" : a[i].length);
            }
        }
    }
}
