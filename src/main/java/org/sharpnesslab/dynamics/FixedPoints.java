package org.sharpnesslab.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import org.sharpnesslab.task.Cancellation;

/**
 * Fixed points M(x*) = x* of a {@link DiscreteMap} by Newton's method on G(x) = M(x) − x, with G′ = J_M − I
 * (J_M is the map's Jacobian: analytic if the map overrides {@link DiscreteMap#jacobian(double[], double[][])},
 * else the numerical default), and a multi-start search over a box.
 *
 * <pre>{@code
 * FixedPoint p = FixedPoints.newton(Maps.henon(1.4, 0.3), new double[] {0.6, 0.2});
 * FixedPointSet all = FixedPoints.search(map, new double[] {-2, -2}, new double[] {2, 2}, 11);
 * all.table("df", "lambda")
 * }</pre>
 *
 * <p>Newton step: solve (J_M(x) − I) d = −G(x), x ← x + α d (α from backtracking, see {@link Newton}).
 * Reference: ChaosTools.jl {@code fixedpoints} (interval method there, multi-start Newton here).
 */
public final class FixedPoints {

    private FixedPoints() {
    }

    /** Newton's method for a 1-D map from the scalar {@code guess}, with {@link Newton#DEFAULT}. */
    public static FixedPoint newton(DiscreteMap map, double guess) {
        return newton(map, new double[] {guess}, Newton.DEFAULT);
    }

    /** Newton's method from {@code guess} with {@link Newton#DEFAULT}. */
    public static FixedPoint newton(DiscreteMap map, double[] guess) {
        return newton(map, guess, Newton.DEFAULT);
    }

    /**
     * Newton's method for M(x) = x from {@code guess}.
     *
     * @param map     the map
     * @param guess   the start, length k (not modified)
     * @param options tolerance, iterations, line search, bound
     * @return the last iterate with its residual, iterations and why it stopped
     */
    public static FixedPoint newton(DiscreteMap map, double[] guess, Newton options) {
        int k = map.dimension();
        if (guess.length != k) {
            throw new IllegalArgumentException("guess has length " + guess.length + ", the map has dimension " + k);
        }
        double[] x = guess.clone();
        double[] g = new double[k];
        double[] trial = new double[k];
        double[] gt = new double[k];
        double[][] jac = new double[k][k];
        if (!residual(map, x, g)) {
            return new FixedPoint(x, guess.clone(), Double.NaN, 0, false, Newton.Stop.NON_FINITE);
        }
        int it = 0;
        while (true) {
            Cancellation.checkpoint();
            double r = normInf(g);
            if (r <= options.tol() * Math.max(1, normInf(x))) {
                return new FixedPoint(x, guess.clone(), r, it, true, Newton.Stop.CONVERGED);
            }
            if (it >= options.maxIterations()) {
                return new FixedPoint(x, guess.clone(), r, it, false, Newton.Stop.MAX_ITERATIONS);
            }
            map.jacobian(x, jac);
            for (int i = 0; i < k; i++) {
                jac[i][i] -= 1;
            }
            double[] d = solve(jac, g);
            if (d == null) {
                return new FixedPoint(x, guess.clone(), r, it, false, Newton.Stop.NON_FINITE);
            }
            it++;
            double r2 = norm2(g);
            double alpha = 1;
            boolean accepted = false;
            for (int h = 0; h <= (options.lineSearch() ? 40 : 0); h++) {
                for (int i = 0; i < k; i++) {
                    trial[i] = x[i] - alpha * d[i];
                }
                boolean finite = residual(map, trial, gt);
                if (finite && (!options.lineSearch() || norm2(gt) < (1 - 1e-4 * alpha) * r2)) {
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if (!accepted) {
                if (!options.lineSearch()) {
                    return new FixedPoint(x, guess.clone(), r, it, false, Newton.Stop.NON_FINITE);
                }
                return new FixedPoint(x, guess.clone(), r, it, false, Newton.Stop.LINE_SEARCH_FAILED);
            }
            System.arraycopy(trial, 0, x, 0, k);
            System.arraycopy(gt, 0, g, 0, k);
            if (!Orbit.ok(x, options.bound())) {
                return new FixedPoint(x, guess.clone(), normInf(g), it, false, Newton.Stop.DIVERGED);
            }
        }
    }

    /** Newton's method on each start of a grid of {@code perAxis}^k points over the box [lo, hi], deduplicated. */
    public static FixedPointSet search(DiscreteMap map, double[] lo, double[] hi, int perAxis) {
        return search(map, lo, hi, perAxis, Newton.DEFAULT);
    }

    /**
     * A multi-start search: Newton's method from every point of a regular grid of {@code perAxis} points per
     * axis over the box [lo_i, hi_i] (grid ends included), keeping the converged points inside the box (enlarged
     * by 1e-9 of its width), deduplicated (two points are one if their distance is ≤ 1e-6 · max(1, ‖x‖_∞)), sorted
     * lexicographically, each with its {@link Stability}.
     *
     * @param map     the map
     * @param lo      lower corner, length k
     * @param hi      upper corner, length k, hi_i &gt; lo_i
     * @param perAxis starts per axis, ≥ 1 (k = 2 and 11: 121 starts); 1 means the box centre
     * @param options Newton options
     */
    public static FixedPointSet search(DiscreteMap map, double[] lo, double[] hi, int perAxis, Newton options) {
        int k = map.dimension();
        if (lo.length != k || hi.length != k) {
            throw new IllegalArgumentException("lo and hi must have length " + k + ", were " + lo.length + " and "
                    + hi.length);
        }
        for (int i = 0; i < k; i++) {
            if (!(hi[i] > lo[i])) {
                throw new IllegalArgumentException("hi[" + i + "] = " + hi[i] + " must be > lo[" + i + "] = " + lo[i]);
            }
        }
        if (perAxis < 1) {
            throw new IllegalArgumentException("perAxis must be >= 1, got " + perAxis);
        }
        double total = Math.pow(perAxis, k);
        if (total > 1e6) {
            throw new IllegalArgumentException("perAxis^k = " + perAxis + "^" + k + " starts is above 1e6");
        }
        int n = (int) total;
        List<FixedPoint> found = new ArrayList<>();
        int converged = 0;
        double[] start = new double[k];
        for (int s = 0; s < n; s++) {
            Cancellation.checkpoint();
            int rem = s;
            for (int i = 0; i < k; i++) {
                int c = rem % perAxis;
                rem /= perAxis;
                start[i] = perAxis == 1 ? 0.5 * (lo[i] + hi[i]) : lo[i] + (hi[i] - lo[i]) * c / (perAxis - 1);
            }
            FixedPoint p = newton(map, start, options);
            if (!p.converged()) {
                continue;
            }
            converged++;
            if (!inBox(p.point(), lo, hi) || duplicate(found, p.point())) {
                continue;
            }
            found.add(p);
        }
        found.sort(Comparator.comparing(FixedPoint::point, FixedPoints::lexicographic));
        List<Stability> st = new ArrayList<>();
        for (FixedPoint p : found) {
            st.add(Stability.of(map, p.point()));
        }
        return new FixedPointSet(List.copyOf(found), List.copyOf(st), n, converged);
    }

    private static int lexicographic(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean inBox(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) {
            double pad = 1e-9 * (hi[i] - lo[i]);
            if (x[i] < lo[i] - pad || x[i] > hi[i] + pad) {
                return false;
            }
        }
        return true;
    }

    private static boolean duplicate(List<FixedPoint> found, double[] x) {
        double scale = 1e-6 * Math.max(1, normInf(x));
        for (FixedPoint p : found) {
            double d = 0;
            for (int i = 0; i < x.length; i++) {
                d = Math.max(d, Math.abs(p.point()[i] - x[i]));
            }
            if (d <= scale) {
                return true;
            }
        }
        return false;
    }

    /** g = M(x) − x; false if not finite. */
    static boolean residual(DiscreteMap map, double[] x, double[] g) {
        map.step(x, g);
        for (int i = 0; i < g.length; i++) {
            g[i] -= x[i];
            if (!Double.isFinite(g[i])) {
                return false;
            }
        }
        return true;
    }

    /** Solves a d = g (LU; minimum-norm least squares if singular); null if not finite. */
    static double[] solve(double[][] a, double[] g) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
        }
        int k = g.length;
        if (k == 1) {
            if (Math.abs(a[0][0]) > 1e-14) {
                return new double[] {g[0] / a[0][0]};
            }
            return new double[] {0.0}; // minimum-norm solution of 0·d = g
        }
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        LUDecomposition lu = new LUDecomposition(m, 1e-13);
        double[] d;
        if (lu.getSolver().isNonSingular()) {
            d = lu.getSolver().solve(new ArrayRealVector(g, false)).toArray();
        } else {
            d = new SingularValueDecomposition(m).getSolver().solve(new ArrayRealVector(g, false)).toArray();
        }
        for (double v : d) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return d;
    }

    static double normInf(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double norm2(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @SuppressWarnings("unused")
    private static String show(double[] x) {
        return Arrays.toString(x);
    }
}
