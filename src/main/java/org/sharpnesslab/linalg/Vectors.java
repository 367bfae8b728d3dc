package org.sharpnesslab.linalg;

import org.sharpnesslab.task.Check;

import java.util.Random;

/**
 * Plain-array vector kernels, the library's one home for them (dot products, norms, axpy, Gram-Schmidt,
 * residuals): hot loops, no allocation, lengths checked once per call. Arguments are not modified unless the
 * Javadoc says so.
 */
public final class Vectors {

    private Vectors() {
    }

    /** xᵀy. */
    public static double dot(double[] x, double[] y) {
        checkSame(x, y);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** ‖x‖₂. */
    public static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** y += a x. */
    public static void axpy(double a, double[] x, double[] y) {
        checkSame(x, y);
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    /** x *= a. */
    public static void scale(double a, double[] x) {
        Check.notNull("x", x);
        for (int i = 0; i < x.length; i++) x[i] *= a;
    }

    /** ‖w − λ v‖₂. */
    public static double residual(double[] w, double lambda, double[] v) {
        Check.notNull("w", w);
        Check.notNull("v", v);
        if (w.length < v.length) {
            throw Check.range("w.length", ">= v.length (" + v.length + ")", w.length);
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double d = w[i] - lambda * v[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** A unit vector with i.i.d. standard Gaussian entries before normalisation, from {@code seed}. */
    public static double[] randomUnit(int n, long seed) {
        if (n < 1) {
            throw Check.range("n", ">= 1", n);
        }
        Check.memory(n, true, "a random unit vector (n=" + n + ")");
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        scale(1.0 / norm(v), v);
        return v;
    }

    /** True when every entry is finite. */
    public static boolean finite(double[] x) {
        Check.notNull("x", x);
        for (double d : x) if (!Double.isFinite(d)) return false;
        return true;
    }

    /** Orthogonalises {@code w} in place against the first {@code count} rows of {@code basis} (two passes of
     *  classical Gram-Schmidt, "twice is enough"). */
    public static void orthogonalize(double[] w, double[][] basis, int count) {
        Check.notNull("w", w);
        Check.notNull("basis", basis);
        if (count < 0 || count > basis.length) {
            throw Check.range("count", "in [0, basis.length = " + basis.length + "]", count);
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < count; j++) {
                double c = dot(basis[j], w);
                axpy(-c, basis[j], w);
            }
        }
    }

    /** ‖a − b‖ / max(‖a‖, ‖b‖, tiny): the relative difference used by the tests. */
    public static double relativeError(double[] a, double[] b) {
        checkSame(a, b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d) / Math.max(Math.max(norm(a), norm(b)), 1e-300);
    }

    private static void checkSame(double[] a, double[] b) {
        Check.notNull("x", a);
        Check.notNull("y", b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " and " + b.length);
        }
    }
}
