package org.sharpnesslab.dynamics;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * The period-doubling cascade of a one-parameter family M_r ({@link #find}): the parameters
 * r_0 &lt; r_1 &lt; … where the attracting 2^k-cycle loses stability through a flip (its multiplier crosses −1) and a 2^{k+1}-cycle is born,
 * located to high precision, with the Feigenbaum ratios δ_k = (r_k − r_{k−1}) / (r_{k+1} − r_k) → 4.6692… .
 *
 * <p>Method: for p = 2^k, start on the attractor (period p, checked by {@link Periods}) a little after
 * r_{k−1}, follow the p-cycle by continuation (Newton on M_r^(p) from the previous point,
 * {@link PeriodicOrbits}) in steps of a tenth of the expected gap (r_{k−1} − r_{k−2}) / 4.67, watch its flip
 * multiplier μ (the most negative real eigenvalue of J_{M^(p)}), and once μ &lt; −1 bisect μ(r) = −1 to
 * {@code 1e-13} in r. Linearisation at the cycle is exact, so r_k carries no transient error (unlike reading the
 * onset off a bifurcation diagram, which suffers critical slowing-down).
 *
 * <p>{@code points} are the flips r_0 &lt; r_1 &lt; … found (r_k: the 2^k-cycle loses stability); {@code stop} is
 * "found all" or why the search ended early.
 *
 * <p>Requires an attracting fixed point at {@code rStart} and a cascade inside [rStart, rEnd]. Reference:
 * ChaosTools.jl periodic-orbit continuation; Feigenbaum (1978). The logistic map gives r = 3, 1 + √6, 3.5440904, 3.5644073, … .
 */
public record FlipCascade(double[] points, String stop) {

    /** Feigenbaum's constant δ, used to predict the next gap. */
    public static final double DELTA = 4.66920160910299;

    /**
     * The cascade: see the class comment.
     *
     * @param family p ↦ M_p
     * @param x0     a start in the basin of the attractor
     * @param rStart a parameter with an attracting fixed point, below the first flip
     * @param rEnd   the end of the search (r_k &lt; rEnd)
     * @param count  how many flips to locate, ≥ 1 (the cascade accumulates: beyond ~8 double precision runs out)
     * @return the flips found (fewer than {@code count} if the search failed; {@code stop} says why)
     */
    public static FlipCascade find(DoubleFunction<? extends DiscreteMap> family, double[] x0, double rStart,
                                   double rEnd, int count) {
        if (!(rEnd > rStart)) {
            throw new IllegalArgumentException("rEnd must be > rStart, were " + rEnd + " and " + rStart);
        }
        if (count < 1 || count > 12) {
            throw new IllegalArgumentException("count must be in [1, 12], got " + count);
        }
        double[] flips = new double[count];
        int found = 0;
        String stop = "found all";
        double prev = rStart;
        double gap = (rEnd - rStart) / 4;
        for (int k = 0; k < count; k++) {
            int p = 1 << k;
            // a start on the p-cycle attractor: half the predicted gap after the previous flip
            double r = k == 0 ? rStart : prev + 0.5 * gap;
            double[] x = null;
            for (int tries = 0; tries < 30 && r < rEnd; tries++) {
                DiscreteMap m = family.apply(r);
                int warm = 20_000 + 5_000 * p;
                double[] s = settle(m, x0, warm);
                if (s != null && Periods.detect(m, s, 0, 2 * p, 1e-7) == p) {
                    x = s;
                    break;
                }
                if (k == 0) {
                    break;
                }
                r = prev + 0.5 * (r - prev); // overshot r_k (the gap was over-predicted): halve towards r_{k-1}
            }
            if (x == null) {
                stop = "no attracting period-" + p + " orbit found after r = " + prev;
                break;
            }
            double step = (k == 0 ? (rEnd - rStart) / 200 : gap / 10);
            double rPrev = r;
            double[] xPrev = x;
            double muPrev = multiplier(family.apply(r), p, x);
            if (Double.isNaN(muPrev)) {
                stop = "Newton failed on the period-" + p + " orbit at r = " + r;
                break;
            }
            boolean crossed = false;
            while (r < rEnd) {
                Cancellation.checkpoint();
                double rn = Math.min(rEnd, r + step);
                PeriodicOrbit o = PeriodicOrbits.find(family.apply(rn), p, xPrev);
                double mu = o.converged() && o.minimalPeriod() == p ? flip(o.stability()) : Double.NaN;
                if (Double.isNaN(mu)) {
                    step /= 4; // continuation lost: smaller steps
                    if (step < 1e-13) {
                        break;
                    }
                    continue;
                }
                if (mu < -1) {
                    // bisect μ(r) = −1 between r (μ ≥ −1) and rn (μ < −1)
                    double a = r;
                    double b = rn;
                    double[] xa = xPrev;
                    while (b - a > 1e-13 * Math.max(1, Math.abs(a))) {
                        Cancellation.checkpoint();
                        double c = 0.5 * (a + b);
                        PeriodicOrbit oc = PeriodicOrbits.find(family.apply(c), p, xa);
                        double mc = oc.converged() && oc.minimalPeriod() == p ? flip(oc.stability()) : Double.NaN;
                        if (Double.isNaN(mc)) {
                            break;
                        }
                        if (mc < -1) {
                            b = c;
                        } else {
                            a = c;
                            xa = oc.points()[0];
                        }
                    }
                    flips[found++] = 0.5 * (a + b);
                    crossed = true;
                    break;
                }
                r = rn;
                xPrev = o.points()[0];
                rPrev = r;
            }
            if (!crossed) {
                stop = "the period-" + p + " orbit did not flip before r = " + Math.min(rEnd, rPrev);
                break;
            }
            double newGap = flips[found - 1] - prev;
            gap = k == 0 ? (rEnd - flips[0]) / 4 : newGap / DELTA;
            if (k == 0) {
                gap = Math.min(gap, Math.max(1e-6, 0.5 * (rEnd - flips[0])));
            }
            prev = flips[found - 1];
        }
        return new FlipCascade(Arrays.copyOf(flips, found), stop);
    }

    private static double[] settle(DiscreteMap m, double[] x0, int n) {
        double[] x = x0.clone();
        double[] y = new double[x.length];
        for (int t = 0; t < n; t++) {
            Cancellation.checkpoint();
            m.step(x, y);
            if (!Orbit.ok(y, Orbit.DEFAULT_BOUND)) {
                return null;
            }
            double[] s = x;
            x = y;
            y = s;
        }
        return x;
    }

    private static double multiplier(DiscreteMap m, int p, double[] x) {
        PeriodicOrbit o = PeriodicOrbits.find(m, p, x);
        return o.converged() && o.minimalPeriod() == p ? flip(o.stability()) : Double.NaN;
    }

    /**
     * The most negative real multiplier; +1 if none is real (a complex pair cannot flip, so the cycle is not
     * past a flip there). NaN is reserved for a failed Newton solve.
     */
    private static double flip(Stability s) {
        double mu = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.re().length; i++) {
            if (s.im()[i] == 0 && s.re()[i] < mu) {
                mu = s.re()[i];
            }
        }
        return mu == Double.POSITIVE_INFINITY ? 1.0 : mu;
    }

    /** δ_k = (r_k − r_{k−1}) / (r_{k+1} − r_k) for k = 1 … n − 2. */
    public double[] ratios() {
        int n = points.length;
        double[] d = new double[Math.max(0, n - 2)];
        for (int k = 1; k + 1 < n; k++) {
            d[k - 1] = (points[k] - points[k - 1]) / (points[k + 1] - points[k]);
        }
        return d;
    }

    /**
     * One row per flip: {@code k}, {@code period} (2^k, the cycle that loses stability), {@code r} (the flip),
     * {@code gap} (r_k − r_{k−1}, missing for k = 0), {@code delta} (δ_{k−1} = gap_{k−1}/gap_k, missing
     * for k &lt; 2).
     */
    public Table table() {
        int n = points.length;
        int[] k = new int[n];
        int[] per = new int[n];
        double[] gap = new double[n];
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = i;
            per[i] = 1 << i;
            gap[i] = i == 0 ? Double.NaN : points[i] - points[i - 1];
            delta[i] = i < 2 ? Double.NaN : gap[i - 1] / gap[i];
        }
        return Table.create("period doubling").addColumns(IntColumn.create("k", k),
                IntColumn.create("period", per), DoubleColumn.create("r", points), DoubleColumn.create("gap", gap),
                DoubleColumn.create("delta", delta));
    }

    @Override
    public String toString() {
        return "FlipCascade[" + Arrays.toString(points) + ", delta " + Arrays.toString(ratios()) + ", " + stop + "]";
    }
}
