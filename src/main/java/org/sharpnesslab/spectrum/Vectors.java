package org.sharpnesslab.spectrum;

import java.util.Random;

/** Plain-array vector kernels shared by the eigen-solvers (package-private; hot loops, no allocation). */
final class Vectors {

    private Vectors() {
    }

    /** xᵀy. */
    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** ‖x‖₂. */
    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** y += a x. */
    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    /** x *= a. */
    static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] *= a;
    }

    /** ‖w − λ v‖₂. */
    static double residual(double[] w, double lambda, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double d = w[i] - lambda * v[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** A unit vector with i.i.d. standard Gaussian entries before normalisation, from {@code seed}. */
    static double[] randomUnit(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        scale(1.0 / norm(v), v);
        return v;
    }

    /** True when every entry is finite. */
    static boolean finite(double[] x) {
        for (double d : x) if (!Double.isFinite(d)) return false;
        return true;
    }

    /** Orthogonalises {@code w} in place against the first {@code count} rows of {@code basis} (two passes of
     *  classical Gram-Schmidt, "twice is enough"). */
    static void orthogonalize(double[] w, double[][] basis, int count) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < count; j++) {
                double c = dot(basis[j], w);
                axpy(-c, basis[j], w);
            }
        }
    }
}
