package org.sharpnesslab.spectrum;

/** Why an iterative eigen-solver stopped; a field of every solver result. */
public enum StopReason {
    /** The convergence test passed and the solver was allowed to stop early. */
    TOLERANCE_REACHED,
    /** The solver ran the fixed number of steps it was asked for (the papers' 20 power steps, 000 App. B.4). */
    FIXED_STEPS_DONE,
    /** The iteration budget ran out before the convergence test passed. */
    MAX_ITERATIONS,
    /** The Krylov space became invariant (A v = 0, or a Lanczos β = 0): the answer is exact on that space. */
    INVARIANT_SUBSPACE,
    /** A product returned NaN or ±Inf; the result holds the last finite iterate. */
    NON_FINITE
}
