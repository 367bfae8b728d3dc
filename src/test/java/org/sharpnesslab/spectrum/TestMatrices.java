package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Dense symmetric test matrices with known spectra: A = Q diag(λ) Qᵀ with a seeded random orthogonal Q. */
final class TestMatrices {

    private TestMatrices() {
    }

    /** A seeded random orthogonal n×n matrix (Q of the QR of a Gaussian matrix). */
    static double[][] orthogonal(int n, long seed) {
        Random r = new Random(seed);
        double[][] g = new double[n][n];
        for (double[] row : g) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        return new QRDecomposition(new Array2DRowRealMatrix(g, false)).getQ().getData();
    }

    /** Q diag(eigenvalues) Qᵀ, symmetrised exactly. */
    static double[][] withSpectrum(double[] eigenvalues, long seed) {
        int n = eigenvalues.length;
        double[][] q = orthogonal(n, seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[i][k] * eigenvalues[k] * q[j][k];
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        return a;
    }

    /** Column {@code k} of Q for the same seed: the eigenvector belonging to eigenvalues[k]. */
    static double[] eigenvector(int n, long seed, int k) {
        double[][] q = orthogonal(n, seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = q[i][k];
        return v;
    }

    /** Eigenvalues of a dense symmetric matrix by commons-math3, sorted descending. */
    static double[] denseEigenvalues(double[][] a) {
        RealMatrix m = new Array2DRowRealMatrix(a, true);
        double[] ev = new EigenDecomposition(m).getRealEigenvalues().clone();
        Arrays.sort(ev);
        for (int i = 0, j = ev.length - 1; i < j; i++, j--) {
            double t = ev[i];
            ev[i] = ev[j];
            ev[j] = t;
        }
        return ev;
    }

    /** |cos| of the angle between two vectors. */
    static double absCos(double[] x, double[] y) {
        return Math.abs(Vectors.dot(x, y)) / (Vectors.norm(x) * Vectors.norm(y));
    }

    /** Linearly spaced values from a to b (inclusive), n of them. */
    static double[] linspace(double a, double b, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        return x;
    }
}
