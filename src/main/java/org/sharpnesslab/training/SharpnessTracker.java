package org.sharpnesslab.training;

import org.sharpnesslab.spectrum.EigenResult;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.spectrum.PowerIteration;
import org.sharpnesslab.spectrum.PowerResult;

/**
 * The warm-started measurement of a top eigenvalue along a run (000 App. B.4; 004 §7.1): the first call starts
 * from the seeded random vector, every later call from the previous call's eigenvector, so a slowly moving
 * Hessian costs a few products per step. Mutable (it keeps the last eigenvector): one tracker per tracked
 * quantity per run, not shared between threads.
 *
 * <pre>{@code
 * SharpnessTracker tracker = SharpnessTracker.of(Sharpness.converged(1e-4), seed);
 * for (...) { SharpnessTracker.Measurement m = tracker.measure(Hessian.at(net, theta, data, Loss.MSE)); }
 * }</pre>
 */
public final class SharpnessTracker {

    private final Sharpness options;
    private double[] last;

    private SharpnessTracker(Sharpness options) {
        this.options = options;
    }

    /**
     * A tracker with these options, the random start of the first measurement drawn from {@code startSeed}.
     *
     * @param options   the solver and its stopping rule
     * @param startSeed seed of the first (cold) start vector
     */
    public static SharpnessTracker of(Sharpness options, long startSeed) {
        if (options == null) {
            throw new IllegalArgumentException("sharpness options must not be null");
        }
        Sharpness seeded = options.method() == Sharpness.Method.POWER
                ? new Sharpness(options.method(), options.power().withSeed(startSeed), null)
                : new Sharpness(options.method(), null, options.lanczos().withSeed(startSeed));
        return new SharpnessTracker(seeded);
    }

    /** The options (with the start seed in place). */
    public Sharpness options() {
        return options;
    }

    /**
     * Measures the top eigenvalue of {@code op}, warm-started from the previous measurement's eigenvector when
     * there was one of the same dimension.
     */
    public Measurement measure(LinearOperator op) {
        double[] start = last != null && last.length == op.dimension() ? last : null;
        Measurement m;
        if (options.method() == Sharpness.Method.POWER) {
            PowerResult r = PowerIteration.run(op, options.power(), start);
            m = new Measurement(r.eigenvalue(), r.residual(), r.iterations(), r.converged(), r.eigenvector());
        } else {
            EigenResult r = Lanczos.run(op, options.lanczos(), start);
            if (r.k() == 0) {  // the first product was non-finite
                m = new Measurement(Double.NaN, Double.NaN, r.iterations(), false, start);
            } else {
                m = new Measurement(r.value(0), r.residuals()[0], r.iterations(), r.converged()[0], r.vector(0));
            }
        }
        if (m.vector() != null && Double.isFinite(m.value())) {
            last = m.vector();
        }
        return m;
    }

    /**
     * One measurement.
     *
     * @param value     the eigenvalue estimate (Rayleigh quotient / Ritz value)
     * @param residual  ‖Av − λv‖ of the returned vector: some eigenvalue of A lies within it
     * @param products  number of operator products it took
     * @param converged whether the relative residual met the options' tolerance
     * @param vector    the unit eigenvector estimate (the next warm start)
     */
    public record Measurement(double value, double residual, int products, boolean converged, double[] vector) {

        /** residual / |value|. */
        public double relativeResidual() {
            return residual == 0 ? 0 : residual / Math.abs(value);
        }
    }

    @Override
    public String toString() {
        return "SharpnessTracker[" + options + (last == null ? ", cold" : ", warm") + "]";
    }
}
