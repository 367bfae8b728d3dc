package org.sharpnesslab.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sharpnesslab.task.Cancellation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cobweb (staircase) construction of a one-dimensional map x_{t+1} = f(x_t) on a window [lo, hi]: the orbit
 * x₀, x₁, …, the staircase that draws it between the graph of f and the diagonal, and the fixed points f(x*) = x*
 * in the window with their multipliers f′(x*) (stable when |f′(x*)| &lt; 1). The picture of 000 §5's EoS map
 * (Eq. 3, {@code uv.EoSMap}: its period-doubling route to chaos as η grows) and of the logistic map
 * x ↦ r x(1 − x) ({@link Maps#logistic}); DynamicalSystems.jl's {@code cobweb} is the model. The chart is {@code plot.CobwebChart}.
 *
 * <pre>{@code
 * Cobweb c = Cobweb.of(Maps.logistic(3.2), 0.1, 40, 0, 1);
 * display(c.fixedPoints());   // 0 and 1 − 1/r
 * c.table()                   // t, x, f_x
 * }</pre>
 *
 * <p>The staircase starts at (x₀, x₀) on the diagonal, then alternates a vertical move to
 * the graph (x_t, x_{t+1}) and a horizontal move back to the diagonal (x_{t+1}, x_{t+1}). The fixed points are the
 * roots of g(x) = f(x) − x found by sign changes of g on {@value #ROOT_GRID} + 1 equally spaced points of the window,
 * each refined by bisection to round-off, plus the grid points where g is exactly 0 (double roots that only touch
 * zero are missed unless they fall on the grid).
 *
 * @param map         the map
 * @param lo          left end of the window (also of the fixed-point search)
 * @param hi          right end (&gt; lo)
 * @param orbit       x₀ … x_T (the orbit stops early when it leaves the finite numbers)
 * @param fixedPoints the roots of f(x) = x in [lo, hi], ascending
 * @param multipliers f′(x*) of each fixed point
 */
public record Cobweb(Map1D map, double lo, double hi, double[] orbit, double[] fixedPoints, double[] multipliers) {

    /** Grid intervals of the fixed-point search. */
    public static final int ROOT_GRID = 4000;

    /**
     * The cobweb of {@code map} from x₀ over {@code steps} iterations, fixed points searched in [lo, hi].
     *
     * @throws IllegalArgumentException if the map is null, x₀ or the window is not finite, hi ≤ lo or steps &lt; 0
     */
    public static Cobweb of(Map1D map, double x0, int steps, double lo, double hi) {
        if (map == null) {
            throw new IllegalArgumentException("map must not be null");
        }
        if (!Double.isFinite(x0)) {
            throw new IllegalArgumentException("x0 must be finite, was " + x0);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("the window must be finite with lo < hi, was [" + lo + ", " + hi + "]");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        }
        double[] x = new double[steps + 1];
        x[0] = x0;
        int n = 1;
        for (int t = 0; t < steps; t++) {
            if (t % 1024 == 0) {
                Cancellation.checkpoint();
            }
            double next = map.f(x[t]);
            if (!Double.isFinite(next)) {
                break;
            }
            x[n++] = next;
        }
        double[] roots = roots(map, lo, hi);
        double[] mult = new double[roots.length];
        for (int i = 0; i < roots.length; i++) {
            mult[i] = map.derivative(roots[i]);
        }
        return new Cobweb(map, lo, hi, Arrays.copyOf(x, n), roots, mult);
    }

    /** The staircase's x coordinates: x₀, then x_t twice per step (vertical, horizontal). */
    public double[] staircaseX() {
        return staircase()[0];
    }

    /** The staircase's y coordinates: x₀, then x_{t+1} twice per step. */
    public double[] staircaseY() {
        return staircase()[1];
    }

    /**
     * The vertices of the staircase: (x₀, x₀), (x₀, x₁), (x₁, x₁), (x₁, x₂), …, (x_{T−1}, x_T), (x_T, x_T).
     */
    private double[][] staircase() {
        int steps = orbit.length - 1;
        double[] sx = new double[1 + 2 * steps];
        double[] sy = new double[sx.length];
        sx[0] = orbit[0];
        sy[0] = orbit[0];
        for (int t = 0; t < steps; t++) {
            sx[1 + 2 * t] = orbit[t];
            sy[1 + 2 * t] = orbit[t + 1];
            sx[2 + 2 * t] = orbit[t + 1];
            sy[2 + 2 * t] = orbit[t + 1];
        }
        return new double[][] {sx, sy};
    }

    /** Which fixed points are stable (|f′(x*)| &lt; 1). */
    public boolean[] stable() {
        boolean[] s = new boolean[multipliers.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(multipliers[i]) < 1;
        }
        return s;
    }

    /** The orbit: columns {@code t}, {@code x} (x_t), {@code f_x} (x_{t+1}; missing for the last). */
    public Table table() {
        IntColumn t = IntColumn.create("t");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn fx = DoubleColumn.create("f_x");
        for (int i = 0; i < orbit.length; i++) {
            t.append(i);
            x.append(orbit[i]);
            if (i + 1 < orbit.length) {
                fx.append(orbit[i + 1]);
            } else {
                fx.appendMissing();
            }
        }
        return Table.create("cobweb orbit", t, x, fx);
    }

    /** The fixed points: columns {@code x_star}, {@code multiplier} (f′(x*)), {@code stability}. */
    public Table fixedPointTable() {
        StringColumn st = StringColumn.create("stability");
        for (boolean b : stable()) {
            st.append(b ? "stable" : "unstable");
        }
        return Table.create("fixed points", DoubleColumn.create("x_star", fixedPoints),
                DoubleColumn.create("multiplier", multipliers), st);
    }

    private static double[] roots(Map1D map, double lo, double hi) {
        List<Double> out = new ArrayList<>();
        double h = (hi - lo) / ROOT_GRID;
        double a = lo;
        double ga = map.f(a) - a;
        for (int i = 1; i <= ROOT_GRID; i++) {
            double b = i == ROOT_GRID ? hi : lo + i * h;
            double gb = map.f(b) - b;
            if (ga == 0) {
                out.add(a);
            } else if (gb != 0 && Math.signum(ga) != Math.signum(gb) && Double.isFinite(ga) && Double.isFinite(gb)) {
                out.add(bisect(map, a, b, ga));
            }
            a = b;
            ga = gb;
        }
        if (ga == 0) {
            out.add(hi);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double bisect(Map1D map, double a, double b, double ga) {
        for (int k = 0; k < 200; k++) {
            double m = 0.5 * (a + b);
            if (m <= a || m >= b) {
                break;
            }
            double gm = map.f(m) - m;
            if (gm == 0) {
                return m;
            }
            if (Math.signum(gm) == Math.signum(ga)) {
                a = m;
                ga = gm;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    @Override
    public String toString() {
        return String.format("Cobweb[%d steps from x0=%.4g, window [%.4g, %.4g], fixed points %s]", orbit.length - 1,
                orbit[0], lo, hi, Arrays.toString(fixedPoints));
    }
}
