package org.sharpnesslab.dynamics;

import java.util.function.DoubleUnaryOperator;

/**
 * A map of the real line, x_{t+1} = f(x_t), with its derivative f′ (analytic when given, else a central
 * difference). It is a {@link DiscreteMap} of dimension 1, and the verbs that see a {@code Map1D} use the
 * primitive {@link #f(double)} directly (no arrays in the inner loop: the fast path of {@link Bifurcation} and
 * {@link Lyapunov}).
 *
 * <p>Make one with {@link Maps#of1D(DoubleUnaryOperator)} or {@link Maps#of1D(DoubleUnaryOperator, DoubleUnaryOperator)}.
 */
public final class Map1D implements DiscreteMap {

    private final DoubleUnaryOperator f;
    private final DoubleUnaryOperator df;

    /**
     * @param f  the map (not null)
     * @param df its derivative, or null for a central difference
     */
    public Map1D(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        this.f = f;
        this.df = df;
    }

    /** f(x). */
    public double f(double x) {
        return f.applyAsDouble(x);
    }

    /** f′(x): the analytic derivative if one was given, else (f(x+h) − f(x−h)) / 2h with h = 1e-6·max(1, |x|). */
    public double derivative(double x) {
        if (df != null) {
            return df.applyAsDouble(x);
        }
        double h = 1e-6 * Math.max(1.0, Math.abs(x));
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /** Whether the derivative is analytic. */
    public boolean hasAnalyticDerivative() {
        return df != null;
    }

    /** The map as a primitive operator. */
    public DoubleUnaryOperator operator() {
        return f;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public void step(double[] x, double[] out) {
        out[0] = f.applyAsDouble(x[0]);
    }

    @Override
    public void jacobian(double[] x, double[][] out) {
        out[0][0] = derivative(x[0]);
    }

    @Override
    public String toString() {
        return "Map1D[" + (df != null ? "analytic" : "numerical") + " derivative]";
    }
}
