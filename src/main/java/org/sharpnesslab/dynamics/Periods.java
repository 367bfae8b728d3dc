package org.sharpnesslab.dynamics;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Check;

/**
 * The period of the attractor an orbit settles on.
 *
 * <p>After a transient, the period is the least p ∈ [1, maxPeriod] with ‖x_{t+p} − x_t‖_∞ ≤ tol · max(1, ‖x_t‖_∞)
 * for every t of a window of 3·maxPeriod states (so that the cycle is seen at least three times).
 * Returns {@link #NONE} (0) when no such p exists — a chaotic or quasi-periodic orbit, a cycle longer than
 * {@code maxPeriod}, or one not yet converged to within {@code tol} — and {@link #DIVERGED} (−1) when the orbit
 * becomes non-finite or leaves |x_i| ≤ 1e12.
 */
public final class Periods {

    /** No period up to maxPeriod (aperiodic, longer, or unconverged). */
    public static final int NONE = 0;
    /** The orbit diverged. */
    public static final int DIVERGED = -1;

    private Periods() {
    }

    /**
     * The period of the attractor reached from {@code x0}: see the class comment.
     *
     * @param map            the map
     * @param x0             the start (not modified)
     * @param transientSteps steps discarded first, ≥ 0
     * @param maxPeriod      the longest period looked for, ≥ 1
     * @param tol            relative closeness, &gt; 0 (e.g. 1e-8)
     * @return p ≥ 1, {@link #NONE} or {@link #DIVERGED}
     */
    public static int detect(DiscreteMap map, double[] x0, int transientSteps, int maxPeriod, double tol) {
        if (transientSteps < 0) {
            throw new IllegalArgumentException("transientSteps must be >= 0, got " + transientSteps);
        }
        if (maxPeriod < 1) {
            throw new IllegalArgumentException("maxPeriod must be >= 1, got " + maxPeriod);
        }
        if (!(tol > 0)) {
            throw new IllegalArgumentException("tol must be > 0, got " + tol);
        }
        double[] x = x0.clone();
        double[] y = new double[x.length];
        for (int t = 0; t < transientSteps; t++) {
            Cancellation.checkpoint();
            map.step(x, y);
            if (!Orbit.ok(y, Orbit.DEFAULT_BOUND)) {
                return DIVERGED;
            }
            double[] sw = x;
            x = y;
            y = sw;
        }
        Orbit o = Orbit.of(map, x, 3 * maxPeriod);
        if (o.diverged()) {
            return DIVERGED;
        }
        double[][] s = o.states();
        for (int p = 1; p <= maxPeriod; p++) {
            if (repeats(s, p, tol)) {
                return p;
            }
        }
        return NONE;
    }

    private static boolean repeats(double[][] s, int p, double tol) {
        for (int t = 0; t + p < s.length; t++) {
            double scale = tol * Math.max(1, FixedPoints.normInf(s[t]));
            for (int i = 0; i < s[t].length; i++) {
                if (!(Math.abs(s[t + p][i] - s[t][i]) <= scale)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The period of a scalar series v[from], …, v[from + len − 1]: least p ≤ maxPeriod with
     * |v[t+p] − v[t]| ≤ tol · max(1, |v[t]|) throughout, else {@link #NONE}. Needs len ≥ 2p to accept p.
     */
    public static int ofSeries(double[] v, int from, int len, int maxPeriod, double tol) {
        Check.notNull("v", v);
        if (from < 0 || from > v.length) {
            throw Check.range("from", "in [0, v.length = " + v.length + "]", from);
        }
        if (len < 0 || (long) from + len > v.length) {
            throw Check.range("len", "in [0, v.length - from = " + (v.length - from) + "]", len);
        }
        if (!(tol >= 0)) {
            throw Check.range("tol", ">= 0", tol);
        }
        for (int p = 1; p <= maxPeriod && 2 * p <= len; p++) {
            boolean ok = true;
            for (int t = from; t + p < from + len; t++) {
                if (!(Math.abs(v[t + p] - v[t]) <= tol * Math.max(1, Math.abs(v[t])))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return p;
            }
        }
        return NONE;
    }
}
