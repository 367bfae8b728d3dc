package org.sharpnesslab.dynamics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The linear stability of a map at a point: the eigenvalues μ_i (multipliers) and eigenvectors of the Jacobian
 * J = ∂M/∂x there, sorted by |μ| descending, and their classification ({@link StabilityType}).
 *
 * <p>For a real eigenvalue, {@code vectors[i]} is its unit eigenvector. For a complex pair μ = a ± ib (stored at
 * i, i+1 with im[i] &gt; 0), {@code vectors[i]} and {@code vectors[i+1]} are the real and imaginary parts of the
 * eigenvector of a + ib (as in commons-math3 {@link EigenDecomposition#getV()}).
 *
 * <p>Linearisation: x_{t+1} − x* ≈ J (x_t − x*), so perturbations along v_i grow (|μ_i| &gt; 1) or shrink
 * (|μ_i| &lt; 1) by |μ_i| per step; |μ_i| = 1 is MARGINAL (linearisation inconclusive, e.g. a line of fixed
 * points).
 *
 * @param point    the point x (a copy)
 * @param jacobian J at x
 * @param re       Re μ_i, sorted by |μ_i| descending
 * @param im       Im μ_i
 * @param vectors  eigenvectors (see above), {@code vectors[i]} has length k
 * @param type     the classification with tolerance {@code tol}
 * @param tol      tolerance of ||μ| − 1| for MARGINAL
 */
public record Stability(double[] point, double[][] jacobian, double[] re, double[] im, double[][] vectors,
                        StabilityType type, double tol) {

    /** Default tolerance of ||μ| − 1| for MARGINAL (numerical Jacobians carry errors ~1e-8). */
    public static final double DEFAULT_TOL = 1e-6;

    /** The stability of {@code map} at {@code x} with the default tolerance 1e-6. */
    public static Stability of(DiscreteMap map, double[] x) {
        return of(map, x, DEFAULT_TOL);
    }

    /** The stability of {@code map} at {@code x}: eigen-decomposition of {@code map.jacobian(x)}. */
    public static Stability of(DiscreteMap map, double[] x, double tol) {
        if (x.length != map.dimension()) {
            throw new IllegalArgumentException("x has length " + x.length + ", the map has dimension "
                    + map.dimension());
        }
        return ofMatrix(x.clone(), map.jacobian(x), tol);
    }

    /** The eigenpairs and classification of a given k×k matrix {@code j} (taken as the Jacobian at {@code x}). */
    public static Stability ofMatrix(double[] x, double[][] j, double tol) {
        Check.notNull("x", x);
        Check.notNull("j", j);
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
        int k = j.length;
        for (double[] row : j) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the Jacobian at " + Arrays.toString(x)
                            + " is not finite: " + Arrays.deepToString(j));
                }
            }
        }
        double[] re = new double[k];
        double[] im = new double[k];
        double[][] vec = new double[k][];
        if (k == 1) {
            re[0] = j[0][0];
            vec[0] = new double[] {1};
        } else {
            RealMatrix m = new Array2DRowRealMatrix(j, true);
            EigenDecomposition ed = new EigenDecomposition(m);
            double[] r0 = ed.getRealEigenvalues();
            double[] i0 = ed.getImagEigenvalues();
            RealMatrix v = ed.getV();
            Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -Math.hypot(r0[i], i0[i]))
                    .thenComparingDouble(i -> r0[i]).thenComparingDouble(i -> -i0[i]));
            for (int a = 0; a < k; a++) {
                int i = order[a];
                re[a] = r0[i];
                im[a] = i0[i];
                vec[a] = v.getColumn(i);
                if (i0[i] == 0) {
                    normalise(vec[a]);
                }
            }
            // a complex pair must be stored as (re+, im+) then its conjugate with (re, im) parts of the vector
            for (int a = 0; a + 1 < k; a++) {
                if (im[a] != 0 && im[a] < 0 && im[a + 1] == -im[a]) {
                    double t = im[a];
                    im[a] = im[a + 1];
                    im[a + 1] = t;
                    double[] tv = vec[a];
                    vec[a] = vec[a + 1];
                    vec[a + 1] = tv;
                }
            }
        }
        double[] abs = new double[k];
        for (int i = 0; i < k; i++) {
            abs[i] = Math.hypot(re[i], im[i]);
        }
        double[][] jc = new double[k][];
        for (int i = 0; i < k; i++) {
            jc[i] = j[i].clone();
        }
        return new Stability(x.clone(), jc, re, im, vec, StabilityType.classify(abs, tol), tol);
    }

    private static void normalise(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            // sign convention: the largest component positive
            int big = 0;
            for (int i = 1; i < v.length; i++) {
                if (Math.abs(v[i]) > Math.abs(v[big])) {
                    big = i;
                }
            }
            double s = v[big] < 0 ? -1 / n : 1 / n;
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
        }
    }

    /** |μ_i|, descending. */
    public double[] moduli() {
        double[] a = new double[re.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.hypot(re[i], im[i]);
        }
        return a;
    }

    /** The spectral radius max |μ_i|. */
    public double spectralRadius() {
        return Math.hypot(re[0], im[0]);
    }

    /** Whether any eigenvalue is complex. */
    public boolean hasComplex() {
        for (double v : im) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row per eigenvalue: columns {@code index} (1-based), {@code re}, {@code im}, {@code abs}, and
     * {@code v_1 … v_k} (the eigenvector, or its real/imaginary part for a complex pair, see the class comment).
     */
    public Table table() {
        int k = re.length;
        Table t = Table.create("stability " + type.label());
        int[] idx = IntStream.rangeClosed(1, k).toArray();
        t.addColumns(IntColumn.create("index", idx), DoubleColumn.create("re", re), DoubleColumn.create("im", im),
                DoubleColumn.create("abs", moduli()));
        for (int c = 0; c < k; c++) {
            double[] col = new double[k];
            for (int i = 0; i < k; i++) {
                col[i] = vectors[i][c];
            }
            t.addColumns(DoubleColumn.create("v_" + (c + 1), col));
        }
        t.addColumns(StringColumn.create("type", java.util.Collections.nCopies(k, type.label())));
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Stability[").append(type.label()).append(", mu=");
        for (int i = 0; i < re.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            sb.append(String.format("%.6g", re[i]));
            if (im[i] != 0) {
                sb.append(String.format("%+.6gi", im[i]));
            }
        }
        return sb.append(" at ").append(Arrays.toString(point)).append("]").toString();
    }
}
