/**
 * A general toolkit for discrete dynamical systems x_{t+1} = M(x_t) on ℝᵏ: one system type
 * ({@link org.sharpnesslab.dynamics.DiscreteMap}) and uniform verbs that take the map first, one class per verb
 * (after DynamicalSystems.jl / ChaosTools.jl). Nothing here knows about any particular model.
 *
 * <ul>
 *   <li>maps: {@link org.sharpnesslab.dynamics.Maps#of} (lambda), {@link org.sharpnesslab.dynamics.Maps#of1D},
 *       {@link org.sharpnesslab.dynamics.Maps#logistic}, {@link org.sharpnesslab.dynamics.Maps#henon},
 *       {@link org.sharpnesslab.dynamics.Maps#linear}; families are {@code DoubleFunction<DiscreteMap>}
 *       ({@code Maps::logistic});</li>
 *   <li>{@link org.sharpnesslab.dynamics.Orbit#of} — orbits as tables, divergence flagged;</li>
 *   <li>{@link org.sharpnesslab.dynamics.FixedPoints#newton}, {@link org.sharpnesslab.dynamics.FixedPoints#search}
 *       — fixed points (Newton, multi-start over a box), with {@link org.sharpnesslab.dynamics.Stability#of}
 *       (Jacobian eigenpairs: stable, unstable, saddle, marginal);</li>
 *   <li>{@link org.sharpnesslab.dynamics.IteratedMap#of}, {@link org.sharpnesslab.dynamics.PeriodicOrbits#find} —
 *       the k-step map and period-k orbits with their multipliers; {@link org.sharpnesslab.dynamics.Periods#detect}
 *       — the period of an attractor;</li>
 *   <li>{@link org.sharpnesslab.dynamics.Lyapunov#exponent}, {@link org.sharpnesslab.dynamics.Lyapunov#spectrum}
 *       — Lyapunov exponents (1-D, and QR for k-D);</li>
 *   <li>{@link org.sharpnesslab.dynamics.Bifurcation#diagram} — orbit diagrams over a parameter with
 *       continuation, periods and Lyapunov exponents; {@link org.sharpnesslab.dynamics.FlipCascade#find} — the
 *       period-doubling points and Feigenbaum ratios;</li>
 *   <li>{@link org.sharpnesslab.dynamics.VectorField#unit}, {@link org.sharpnesslab.dynamics.Nullclines#of},
 *       {@link org.sharpnesslab.dynamics.Contours#level} — the unit field Ĝ = G/‖G‖ (G = M(x) − x) and
 *       zero contours of 2-D maps.</li>
 * </ul>
 *
 * <p>Charts for these results live in {@code plot}: {@code Quiver}, {@code Overlays}, {@code BifurcationChart},
 * {@code MapPortrait}, {@code Figures.column}.
 *
 * <pre>{@code
 * DiscreteMap h = Maps.henon(1.4, 0.3);
 * display(FixedPoints.search(h, new double[] {-2, -2}, new double[] {2, 2}, 8).table("x", "y"));
 * display(Lyapunov.spectrum(h, new double[] {0.1, 0.1}, 1000, 100_000));
 * BifurcationChart.withLyapunov(Bifurcation.diagram(Maps::logistic, Bifurcation.range(2.5, 4, 2000),
 *         new double[] {0.5}, 0, Bifurcation.Options.DEFAULT.withLyapunov(true)), "r", "x")
 * }</pre>
 */
package org.sharpnesslab.dynamics;
