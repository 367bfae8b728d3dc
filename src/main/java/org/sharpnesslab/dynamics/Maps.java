package org.sharpnesslab.dynamics;

import java.util.function.DoubleUnaryOperator;
import org.sharpnesslab.task.Check;

/**
 * Factories for {@link DiscreteMap}s: from lambdas for notebook use, and a few classical maps with closed-form
 * fixed points, multipliers and Lyapunov exponents (used to test every verb in this package).
 *
 * <pre>{@code
 * DiscreteMap henon = Maps.of(2, (x, out) -> { out[0] = 1 - 1.4 * x[0] * x[0] + x[1]; out[1] = 0.3 * x[0]; });
 * Map1D logistic = Maps.of1D(x -> 3.2 * x * (1 - x), x -> 3.2 * (1 - 2 * x));
 * DoubleFunction<DiscreteMap> family = r -> Maps.logistic(r);   // for Bifurcation.diagram
 * }</pre>
 */
public final class Maps {

    private Maps() {
    }

    /** One step of a map: writes M(x) into {@code out} (which never aliases {@code x}). */
    @FunctionalInterface
    public interface Step {
        void step(double[] x, double[] out);
    }

    /** A Jacobian: writes ∂M_i/∂x_j into {@code out[i][j]}. */
    @FunctionalInterface
    public interface Jacobian {
        void jacobian(double[] x, double[][] out);
    }

    /**
     * A map of ℝᵏ from a lambda; its Jacobian is the numerical default of {@link DiscreteMap}.
     *
     * @param k    the dimension, ≥ 1
     * @param step writes M(x) into out
     */
    public static DiscreteMap of(int k, Step step) {
        return of(k, step, null);
    }

    /**
     * A map of ℝᵏ from a lambda with an analytic Jacobian (null: numerical).
     *
     * @param k        the dimension, ≥ 1
     * @param step     writes M(x) into out
     * @param jacobian writes ∂M_i/∂x_j into out[i][j], or null
     */
    public static DiscreteMap of(int k, Step step, Jacobian jacobian) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (step == null) {
            throw new IllegalArgumentException("step must not be null");
        }
        return new DiscreteMap() {
            @Override
            public int dimension() {
                return k;
            }

            @Override
            public void step(double[] x, double[] out) {
                step.step(x, out);
            }

            @Override
            public void jacobian(double[] x, double[][] out) {
                if (jacobian == null) {
                    DiscreteMap.super.jacobian(x, out); // central differences
                } else {
                    jacobian.jacobian(x, out);
                }
            }

            @Override
            public String toString() {
                return "DiscreteMap[k=" + k + (jacobian == null ? ", numerical" : ", analytic") + " jacobian]";
            }
        };
    }

    /** A 1-D map x ↦ f(x) with a numerical derivative. */
    public static Map1D of1D(DoubleUnaryOperator f) {
        return new Map1D(f, null);
    }

    /** A 1-D map x ↦ f(x) with the analytic derivative {@code df}. */
    public static Map1D of1D(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        return new Map1D(f, df);
    }

    /**
     * The logistic map x ↦ r x (1 − x), with f′(x) = r (1 − 2x). Fixed points 0 (multiplier r) and 1 − 1/r
     * (multiplier 2 − r); period 2 from r = 3, period 4 from r = 1 + √6; λ = ln 2 at r = 4.
     */
    public static Map1D logistic(double r) {
        return new Map1D(x -> r * x * (1 - x), x -> r * (1 - 2 * x));
    }

    /**
     * The Hénon map (x, y) ↦ (1 − a x² + y, b x), analytic Jacobian [[−2ax, 1], [b, 0]]. Its Jacobian determinant
     * is −b, so the Lyapunov exponents sum to ln|b|; at a = 1.4, b = 0.3 they are ≈ (0.419, −1.623).
     */
    public static DiscreteMap henon(double a, double b) {
        return of(2, (x, out) -> {
            out[0] = 1 - a * x[0] * x[0] + x[1];
            out[1] = b * x[0];
        }, (x, j) -> {
            j[0][0] = -2 * a * x[0];
            j[0][1] = 1;
            j[1][0] = b;
            j[1][1] = 0;
        });
    }

    /** The linear map x ↦ A x (A is copied); its Jacobian is A everywhere. */
    public static DiscreteMap linear(double[][] a) {
        Check.notNull("a", a);
        int k = a.length;
        double[][] m = new double[k][];
        for (int i = 0; i < k; i++) {
            if (a[i].length != k) {
                throw new IllegalArgumentException("a must be square: row " + i + " has length " + a[i].length
                        + ", expected " + k);
            }
            m[i] = a[i].clone();
        }
        return of(k, (x, out) -> {
            for (int i = 0; i < k; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += m[i][j] * x[j];
                }
                out[i] = s;
            }
        }, (x, j) -> {
            for (int i = 0; i < k; i++) {
                System.arraycopy(m[i], 0, j[i], 0, k);
            }
        });
    }
}
