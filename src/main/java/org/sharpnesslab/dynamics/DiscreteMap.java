package org.sharpnesslab.dynamics;

/**
 * A discrete-time dynamical system x_{t+1} = M(x_t) on ℝᵏ: the one core abstraction every analysis in
 * {@code dynamics} works on (orbits, fixed points, stability, bifurcation, Lyapunov exponents, vector fields).
 *
 * <p>Implementations are immutable and thread-safe; the parameters of the map live in its fields.
 */
public interface DiscreteMap {

    /** The dimension k of the state space. */
    int dimension();

    /**
     * One step of the map: {@code out = M(x)}.
     *
     * @param x   the state, length {@link #dimension()} (not modified)
     * @param out receives M(x), length {@link #dimension()} (modified); may not alias {@code x}
     */
    void step(double[] x, double[] out);

    /**
     * The Jacobian ∂M_i/∂x_j at {@code x}. The default is a central finite difference with a step scaled to
     * each coordinate; maps with an analytic Jacobian override it.
     *
     * @param x   the state (not modified)
     * @param out receives the k×k Jacobian, {@code out[i][j] = ∂M_i/∂x_j} (modified)
     */
    default void jacobian(double[] x, double[][] out) {
        int k = dimension();
        double[] xp = x.clone();
        double[] fp = new double[k];
        double[] fm = new double[k];
        for (int j = 0; j < k; j++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(x[j]));
            xp[j] = x[j] + h;
            step(xp, fp);
            xp[j] = x[j] - h;
            step(xp, fm);
            xp[j] = x[j];
            for (int i = 0; i < k; i++) {
                out[i][j] = (fp[i] - fm[i]) / (2 * h);
            }
        }
    }

    /** Convenience: a new array holding M(x). */
    default double[] apply(double[] x) {
        double[] out = new double[dimension()];
        step(x, out);
        return out;
    }

    /** Convenience: a new k×k array holding the Jacobian at x. */
    default double[][] jacobian(double[] x) {
        double[][] out = new double[dimension()][dimension()];
        jacobian(x, out);
        return out;
    }
}
