package org.sharpnesslab.alignment;

import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;

/**
 * Options of {@link JacobianAlignment}, immutable; tweak with {@code withX}. Defaults (declared once, in
 * {@link #DEFAULTS}): the three spectra computed, Lanczos to a relative residual of 1e-6 within 150 products, the
 * per-example operator norms ‖∂x̂^{i+1}/∂x̂^i‖² by power iteration to a relative residual of 1e-6 within 1000
 * products, micro-batches of 256 examples, seed 0.
 *
 * @param spectra             compute λ₁ of ∇²L, of G and of the functional part H (004 Fig. 1); false skips the
 *                            three Lanczos runs (then ρ(K) is missing too)
 * @param lanczosTolerance    relative residual of the Lanczos runs, in (0, 1)
 * @param lanczosIterations   product budget of each Lanczos run, ≥ 1
 * @param jacobianTolerance   relative residual ‖JᵀJv − μv‖ ≤ tol·μ of the per-example power iteration, in (0, 1)
 * @param jacobianIterations  product budget of the per-example power iteration, ≥ 1
 * @param microBatch          examples per micro-batch, ≥ 1
 * @param seed                seed of the random starts
 */
public record AlignmentOptions(boolean spectra, double lanczosTolerance, int lanczosIterations,
                               double jacobianTolerance, int jacobianIterations, int microBatch, long seed) {

    /** Spectra on, Lanczos 1e-6 / 150, power 1e-6 / 1000, micro-batch 256, seed 0. */
    public static final AlignmentOptions DEFAULTS = new AlignmentOptions(true, 1e-6, 150, 1e-6, 1000, 256, 0L);

    public AlignmentOptions {
        if (!(lanczosTolerance > 0 && lanczosTolerance < 1)) {
            throw new IllegalArgumentException("lanczosTolerance must be in (0, 1), got " + lanczosTolerance);
        }
        if (lanczosIterations < 1) {
            throw new IllegalArgumentException("lanczosIterations must be >= 1, got " + lanczosIterations);
        }
        if (!(jacobianTolerance > 0 && jacobianTolerance < 1)) {
            throw new IllegalArgumentException("jacobianTolerance must be in (0, 1), got " + jacobianTolerance);
        }
        if (jacobianIterations < 1) {
            throw new IllegalArgumentException("jacobianIterations must be >= 1, got " + jacobianIterations);
        }
        if (microBatch < 1) {
            throw new IllegalArgumentException("microBatch must be >= 1, got " + microBatch);
        }
    }

    public AlignmentOptions withSpectra(boolean v) {
        return new AlignmentOptions(v, lanczosTolerance, lanczosIterations, jacobianTolerance, jacobianIterations,
                microBatch, seed);
    }

    public AlignmentOptions withLanczos(double tolerance, int iterations) {
        return new AlignmentOptions(spectra, tolerance, iterations, jacobianTolerance, jacobianIterations,
                microBatch, seed);
    }

    public AlignmentOptions withJacobian(double tolerance, int iterations) {
        return new AlignmentOptions(spectra, lanczosTolerance, lanczosIterations, tolerance, iterations,
                microBatch, seed);
    }

    public AlignmentOptions withMicroBatch(int v) {
        return new AlignmentOptions(spectra, lanczosTolerance, lanczosIterations, jacobianTolerance,
                jacobianIterations, v, seed);
    }

    public AlignmentOptions withSeed(long v) {
        return new AlignmentOptions(spectra, lanczosTolerance, lanczosIterations, jacobianTolerance,
                jacobianIterations, microBatch, v);
    }

    /** The Lanczos options of the three spectra (top algebraic eigenvalue, 004 §2.1's λ₁). */
    LanczosOptions lanczos() {
        return LanczosOptions.top(1).withWhich(Lanczos.Which.LARGEST_ALGEBRAIC).withTolerance(lanczosTolerance)
                .withMaxIterations(lanczosIterations).withSeed(seed);
    }
}
