package org.sharpnesslab.dynamics;

/**
 * The k-step map M^(k) = M ∘ … ∘ M (k times) as a {@link DiscreteMap}, with the chained Jacobian
 * J_{M^(k)}(x_0) = J(x_{k−1}) ⋯ J(x_1) J(x_0), x_{t+1} = M(x_t) (chain rule; each factor analytic if M has one).
 * Its fixed points are the points of period-k orbits of M, and the eigenvalues of its Jacobian are the orbit's
 * multipliers (the same at every point of the orbit).
 *
 * <p>Thread-safe: scratch arrays are allocated per call.
 */
public final class IteratedMap implements DiscreteMap {

    private final DiscreteMap map;
    private final int steps;

    /**
     * @param map   the map M
     * @param steps k ≥ 1
     */
    public IteratedMap(DiscreteMap map, int steps) {
        if (map == null) {
            throw new IllegalArgumentException("map must not be null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.map = map;
        this.steps = steps;
    }

    /** M^(k) for {@code map}. */
    public static IteratedMap of(DiscreteMap map, int steps) {
        return new IteratedMap(map, steps);
    }

    /** The underlying map M. */
    public DiscreteMap base() {
        return map;
    }

    /** k. */
    public int steps() {
        return steps;
    }

    @Override
    public int dimension() {
        return map.dimension();
    }

    @Override
    public void step(double[] x, double[] out) {
        int d = map.dimension();
        double[] a = x.clone();
        double[] b = new double[d];
        for (int t = 0; t < steps; t++) {
            map.step(a, b);
            double[] s = a;
            a = b;
            b = s;
        }
        System.arraycopy(a, 0, out, 0, d);
    }

    @Override
    public void jacobian(double[] x, double[][] out) {
        int d = map.dimension();
        double[] a = x.clone();
        double[] b = new double[d];
        double[][] j = new double[d][d];
        double[][] acc = new double[d][d];
        double[][] tmp = new double[d][d];
        for (int i = 0; i < d; i++) {
            acc[i][i] = 1;
        }
        for (int t = 0; t < steps; t++) {
            map.jacobian(a, j);
            Lyapunov.multiply(j, acc, tmp);
            double[][] s = acc;
            acc = tmp;
            tmp = s;
            if (t + 1 < steps) {
                map.step(a, b);
                double[] sw = a;
                a = b;
                b = sw;
            }
        }
        for (int i = 0; i < d; i++) {
            System.arraycopy(acc[i], 0, out[i], 0, d);
        }
    }

    @Override
    public String toString() {
        return "IteratedMap[" + steps + " steps of " + map + "]";
    }
}
