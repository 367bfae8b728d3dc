package org.sharpnesslab.training;

import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;
import org.sharpnesslab.spectrum.PowerOptions;

/**
 * How {@link Training} measures the sharpness λ^H = λ_max(∇²L) along a run: which eigen-solver, to what tolerance,
 * with what budget. Every measurement after the first is warm-started from the previous eigenvector
 * ({@link SharpnessTracker}); each reports its residual ‖Hv − λv‖ and its number of Hessian-vector products
 * (columns {@code sharpness_residual} and {@code sharpness_iterations} of {@link TrainingRun#table()}).
 *
 * <pre>{@code
 * Training.gd(net, data).c(2).sharpness(Sharpness.converged(1e-4))     // to r ≤ 1e-4·λ (warm Lanczos)
 * Training.gd(net, data).c(2).sharpness(Sharpness.papers20())          // 000 App. B.4: 20 power steps
 * }</pre>
 *
 * <p>The default ({@link #DEFAULT}) is {@link #converged(double) converged(1e-3)}: warm-started Lanczos until the
 * relative residual is ≤ 10⁻³, so every tracked value is within 10⁻³·λ of an eigenvalue of ∇²L. Lanczos was chosen
 * over power iteration with the same stopping rule by measurement ({@code bench/TrackingBench}: ReLU FCN
 * 64→128→128→10 in SP, P = 25,856, 256 Gaussian examples, GD at c = 1, λ^H every step, products per measurement):
 * <pre>
 *   relative residual   Lanczos: cold start / mean warm    power: cold start / mean warm
 *   10⁻³                 19 / 2.8  (200 steps)               124 / 10.1
 *   10⁻⁴                 22 / 10.0 (200 steps)               717 / 121
 *   10⁻⁶                 26 / 16.9 (30 steps)               1918 / 529
 * </pre>
 * and the papers' 20 warm power steps were up to 2.8 % off the converged value along the same run. Power iteration
 * converges at the rate λ₂/λ₁ (close to 1 when the k outlier eigenvalues of a k-output network cluster), Lanczos at
 * a rate set by the gap relative to the spread of the spectrum. Lanczos returns the top <em>algebraic</em>
 * eigenvalue; power iteration the one of largest magnitude (they differ only when a negative eigenvalue dominates,
 * e.g. far from a minimum with cross-entropy).
 *
 * @param method  the solver
 * @param power   options of the power iteration (used when {@code method == POWER}; its seed is replaced by the
 *                run's seed + 2)
 * @param lanczos options of Lanczos (used when {@code method == LANCZOS}; seed replaced likewise)
 */
public record Sharpness(Method method, PowerOptions power, LanczosOptions lanczos) {

    /** The eigen-solver used for λ^H. */
    public enum Method {
        /** {@link org.sharpnesslab.spectrum.PowerIteration}: largest-magnitude eigenvalue (the papers' method). */
        POWER,
        /** {@link Lanczos} with full reorthogonalisation, largest algebraic eigenvalue. */
        LANCZOS
    }

    /** Default relative-residual tolerance of {@link #DEFAULT}. */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Default budget of products per measurement in the tolerance modes (a warm start rarely needs 10). */
    public static final int DEFAULT_BUDGET = 200;

    /** The default: {@code converged(1e-3)}. */
    public static final Sharpness DEFAULT = converged(DEFAULT_TOLERANCE);

    /** Validates: the options of the chosen method must be given. */
    public Sharpness {
        if (method == null) {
            throw new IllegalArgumentException("method must be POWER or LANCZOS, got null");
        }
        if (method == Method.POWER && power == null) {
            throw new IllegalArgumentException("power options must not be null for method POWER");
        }
        if (method == Method.LANCZOS && lanczos == null) {
            throw new IllegalArgumentException("lanczos options must not be null for method LANCZOS");
        }
    }

    /**
     * Converged tracking (the default solver, Lanczos): each measurement runs until its relative residual
     * ‖Hv − λv‖/|λ| is ≤ {@code tolerance}, warm-started from the previous eigenvector, at most
     * {@value #DEFAULT_BUDGET} products.
     *
     * @param tolerance relative residual in (0, 1)
     */
    public static Sharpness converged(double tolerance) {
        return lanczos(tolerance, DEFAULT_BUDGET);
    }

    /**
     * The papers' protocol (000 App. B.4: "m = 20 iterations"): power iteration with 20 fixed steps, warm-started
     * along training. Its {@code converged} flag is still judged at relative residual 10⁻³. These were the
     * library's defaults before converged tracking.
     */
    public static Sharpness papers20() {
        return power(PowerOptions.defaults());
    }

    /** Power iteration with these options (fixed steps or tolerance mode), warm-started along training. */
    public static Sharpness power(PowerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("power options must not be null");
        }
        return new Sharpness(Method.POWER, options, null);
    }

    /** Power iteration until the relative residual is ≤ {@code tolerance} (budget {@code maxProducts}). */
    public static Sharpness powerUntil(double tolerance, int maxProducts) {
        return power(PowerOptions.untilConverged(tolerance, maxProducts));
    }

    /**
     * Lanczos (k = 1, largest algebraic) until the relative residual estimate is ≤ {@code tolerance}
     * (budget {@code maxProducts}; memory: that many vectors of length P).
     */
    public static Sharpness lanczos(double tolerance, int maxProducts) {
        return new Sharpness(Method.LANCZOS, null, LanczosOptions.DEFAULTS.withTolerance(tolerance)
                .withMaxIterations(maxProducts).withWhich(Lanczos.Which.LARGEST_ALGEBRAIC));
    }

    /** The relative tolerance of the stopping rule (or, for fixed steps, of the {@code converged} flag). */
    public double tolerance() {
        return method == Method.POWER ? power.tolerance() : lanczos.tolerance();
    }

    /** Whether the solver stops at the tolerance (false: the papers' fixed number of steps). */
    public boolean toTolerance() {
        return method == Method.LANCZOS || power.stopEarly();
    }

    @Override
    public String toString() {
        if (method == Method.LANCZOS) {
            return String.format("Sharpness[lanczos, r/λ ≤ %.1e, ≤ %d products]", lanczos.tolerance(),
                    lanczos.maxIterations());
        }
        return power.stopEarly()
                ? String.format("Sharpness[power, r/λ ≤ %.1e, ≤ %d products]", power.tolerance(),
                        power.maxIterations())
                : String.format("Sharpness[power, %d fixed steps]", power.maxIterations());
    }
}
