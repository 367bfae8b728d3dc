package org.sharpnesslab.spectrum;

import org.sharpnesslab.linalg.Vectors;
import java.util.SplittableRandom;

import org.sharpnesslab.task.Cancellation;

/**
 * Hutchinson's stochastic estimate of the trace of a symmetric {@link LinearOperator}.
 *
 * <p>Returns a {@link TraceEstimate} (estimate, standard error, per-probe values; {@code table()} columns sample,
 * value, running_mean, running_se).
 *
 * <p>With Rademacher probes z (entries ±1 with probability ½, seeded), E[zᵀAz] = tr A and
 * Var[zᵀAz] = 2 Σ_{i≠j} A_ij², the smallest variance among i.i.d. probes; the estimate is the mean over m probes
 * and its standard error the sample standard deviation over √m. One product per probe.
 * Reference: Hutchinson (1990); Avron &amp; Toledo (2011); the PyHessian trace.
 */
public final class Hutchinson {

    /** Default number of probes. */
    public static final int DEFAULT_SAMPLES = 100;

    private Hutchinson() {
    }

    /** tr(A) from {@value #DEFAULT_SAMPLES} probes with seed 0. */
    public static TraceEstimate trace(LinearOperator a) {
        return trace(a, DEFAULT_SAMPLES, 0L);
    }

    /**
     * tr(A) from {@code samples} Rademacher probes.
     *
     * @param a       symmetric operator (not modified)
     * @param samples number of probes, ≥ 2 (the standard error needs two)
     * @param seed    seed of the probes
     * @throws IllegalArgumentException if samples &lt; 2 or the operator returns a non-finite product
     */
    public static TraceEstimate trace(LinearOperator a, int samples, long seed) {
        if (a == null) throw new IllegalArgumentException("operator a must not be null");
        if (samples < 2) throw new IllegalArgumentException("samples must be >= 2, got " + samples);
        int n = a.dimension();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] z = new double[n];
        double[] az = new double[n];
        double[] values = new double[samples];
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            Cancellation.checkpoint();
            rademacher(z, rnd);
            a.apply(z, az);
            values[s] = Vectors.dot(z, az);
            if (!Double.isFinite(values[s])) {
                throw new IllegalArgumentException("operator a returned a non-finite product for probe " + s
                        + " (z^T A z = " + values[s] + ")");
            }
            sum += values[s];
        }
        double mean = sum / samples;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double se = Math.sqrt(ss / (samples - 1) / samples);
        return new TraceEstimate(mean, se, values, seed);
    }

    static void rademacher(double[] z, SplittableRandom rnd) {
        for (int i = 0; i < z.length; i++) z[i] = rnd.nextBoolean() ? 1.0 : -1.0;
    }
}
