package org.sharpnesslab.dynamics;

/**
 * Period-k orbits of a map: fixed points of M^(k) ({@link IteratedMap}) by Newton's method, their points and
 * multipliers. The multipliers are the eigenvalues of J_{M^(k)}(x_0) = J(x_{k−1}) ⋯ J(x_0); a period-k orbit is
 * stable when all have modulus &lt; 1. For the logistic map the 2-cycle has the single multiplier
 * 4 + 2r − r², which is −1 at r = 1 + √6 (the onset of period 4).
 *
 * <pre>{@code PeriodicOrbits.find(Maps.logistic(3.2), 2, new double[] {0.5}) }</pre>
 */
public final class PeriodicOrbits {

    private PeriodicOrbits() {
    }

    /** {@link #find(DiscreteMap, int, double[], Newton)} with {@link Newton#DEFAULT}. */
    public static PeriodicOrbit find(DiscreteMap map, int k, double[] guess) {
        return find(map, k, guess, Newton.DEFAULT);
    }

    /**
     * A period-k orbit near {@code guess}: Newton's method on M^(k)(x) − x, then the k points of the orbit, its
     * minimal period (Newton may land on a shorter cycle whose period divides k) and its multipliers.
     *
     * @param map     the map M
     * @param k       the period, ≥ 1
     * @param guess   a start near a point of the orbit
     * @param options Newton options
     */
    public static PeriodicOrbit find(DiscreteMap map, int k, double[] guess, Newton options) {
        IteratedMap mk = IteratedMap.of(map, k);
        FixedPoint p = FixedPoints.newton(mk, guess, options);
        if (!p.converged()) {
            return new PeriodicOrbit(p, new double[0][], 0, null);
        }
        Orbit o = Orbit.of(map, p.point(), k);
        double[][] pts = new double[k][];
        for (int t = 0; t < k; t++) {
            pts[t] = o.states()[t];
        }
        double scale = 1e-6 * Math.max(1, FixedPoints.normInf(pts[0]));
        int minimal = k;
        for (int q = 1; q < k; q++) {
            if (k % q == 0) {
                double d = 0;
                for (int i = 0; i < pts[0].length; i++) {
                    d = Math.max(d, Math.abs(pts[q][i] - pts[0][i]));
                }
                if (d <= scale) {
                    minimal = q;
                    break;
                }
            }
        }
        return new PeriodicOrbit(p, pts, minimal, Stability.of(mk, p.point()));
    }
}
