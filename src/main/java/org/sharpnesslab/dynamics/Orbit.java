package org.sharpnesslab.dynamics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * An orbit x_0, x_1 = M(x_0), …, x_n of a {@link DiscreteMap}.
 *
 * <p>{@code states[t]} is x_t for t = 0 … {@code states.length − 1}. When the orbit diverges — a state with a
 * non-finite coordinate or with |x_i| above {@code bound} — it stops there: {@code diverged} is true,
 * {@code divergedAt} is the step t of the first bad state, and {@code states} holds x_0 … x_{t−1} only (no NaN
 * ever reaches a table). Otherwise {@code divergedAt} is −1 and {@code states.length} is {@code steps + 1}.
 *
 * @param states     the states, row t = x_t (length k each)
 * @param steps      the number of steps asked for
 * @param diverged   whether the orbit left the bound or became non-finite
 * @param divergedAt the step of the first bad state, or −1
 * @param bound      the divergence bound on |x_i|
 */
public record Orbit(double[][] states, int steps, boolean diverged, int divergedAt, double bound) {

    /** Default divergence bound on |x_i|. */
    public static final double DEFAULT_BOUND = 1e12;

    public Orbit {
        if (states == null || states.length == 0) {
            throw new IllegalArgumentException("states must hold at least x_0");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    /**
     * Iterates {@code map} from {@code x0} for {@code n} steps with the default bound 1e12.
     *
     * @param map the map
     * @param x0  the initial state, length k (not modified)
     * @param n   the number of steps, ≥ 0
     */
    public static Orbit of(DiscreteMap map, double[] x0, int n) {
        return of(map, x0, n, DEFAULT_BOUND);
    }

    /** Iterates a 1-D map from the scalar {@code x0} for {@code n} steps (bound 1e12). */
    public static Orbit of(DiscreteMap map, double x0, int n) {
        return of(map, new double[] {x0}, n, DEFAULT_BOUND);
    }

    /**
     * Iterates {@code map} from {@code x0} for {@code n} steps, stopping at the first state that is non-finite or
     * has a coordinate with |x_i| &gt; {@code bound}.
     */
    public static Orbit of(DiscreteMap map, double[] x0, int n, double bound) {
        int k = map.dimension();
        if (x0.length != k) {
            throw new IllegalArgumentException("x0 has length " + x0.length + ", the map has dimension " + k);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (!(bound > 0)) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        if (!ok(x0, bound)) {
            throw new IllegalArgumentException("x0 must be finite and within the bound " + bound);
        }
        double[][] s = new double[n + 1][];
        s[0] = x0.clone();
        for (int t = 1; t <= n; t++) {
            Cancellation.checkpoint();
            double[] next = new double[k];
            map.step(s[t - 1], next);
            if (!ok(next, bound)) {
                return new Orbit(java.util.Arrays.copyOf(s, t), n, true, t, bound);
            }
            s[t] = next;
        }
        return new Orbit(s, n, false, -1, bound);
    }

    static boolean ok(double[] x, double bound) {
        for (double v : x) {
            if (!(Math.abs(v) <= bound)) { // false for NaN
                return false;
            }
        }
        return true;
    }

    /** The number of states held (n + 1, or the divergence step). */
    public int length() {
        return states.length;
    }

    /** The last state held (a copy). */
    public double[] last() {
        return states[states.length - 1].clone();
    }

    /** The state x_t (a copy). */
    public double[] state(int t) {
        return states[t].clone();
    }

    /** Coordinate i of every state: x_0[i], x_1[i], …. */
    public double[] coordinate(int i) {
        double[] c = new double[states.length];
        for (int t = 0; t < c.length; t++) {
            c[t] = states[t][i];
        }
        return c;
    }

    /** {@link #table(String...)} with columns x_1 … x_k. */
    public Table table() {
        return table(new String[0]);
    }

    /**
     * The orbit as a table: columns {@code step} (int) and one double column per coordinate, named by
     * {@code names} (or x_1 … x_k if none are given). Rows stop before divergence.
     */
    public Table table(String... names) {
        int k = states[0].length;
        String[] cols = Names.coordinates(k, names);
        Table t = Table.create("orbit");
        int[] step = new int[states.length];
        for (int i = 0; i < step.length; i++) {
            step[i] = i;
        }
        t.addColumns(IntColumn.create("step", step));
        for (int i = 0; i < k; i++) {
            t.addColumns(DoubleColumn.create(cols[i], coordinate(i)));
        }
        return t;
    }

    @Override
    public String toString() {
        return "Orbit[k=" + states[0].length + ", steps=" + steps + ", held=" + states.length
                + (diverged ? ", diverged at step " + divergedAt : "") + ", last="
                + java.util.Arrays.toString(states[states.length - 1]) + "]";
    }
}
