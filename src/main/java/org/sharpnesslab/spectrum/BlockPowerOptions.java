package org.sharpnesslab.spectrum;

/**
 * Options of {@link BlockPower}, immutable; tweak with {@code withX}. Defaults (declared once, in
 * {@link #DEFAULTS}): k = 1, at most {@value #DEFAULT_MAX_SWEEPS} sweeps, relative residual tolerance
 * {@value #DEFAULT_TOLERANCE}, no shift, seed 0.
 *
 * @param k         block size = number of eigenpairs wanted, ≥ 1 (and ≤ the dimension)
 * @param maxSweeps number of block products A V allowed (each costs k products), ≥ 1
 * @param tolerance a pair counts as converged when ‖A y − θ y‖ ≤ tol·max|θ|; in (0, 1)
 * @param shift     σ: iterate with A + σI (the k eigenvalues of A + σI largest in magnitude are found; reported
 *                  values are those of A); finite
 * @param seed      seed of the Gaussian random start block
 */
public record BlockPowerOptions(int k, int maxSweeps, double tolerance, double shift, long seed) {

    /** Default sweep budget. */
    public static final int DEFAULT_MAX_SWEEPS = 500;
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /** k = 1, 500 sweeps, tol 1e-6, no shift, seed 0. */
    public static final BlockPowerOptions DEFAULTS =
            new BlockPowerOptions(1, DEFAULT_MAX_SWEEPS, DEFAULT_TOLERANCE, 0.0, 0L);

    /** Validates every field. */
    public BlockPowerOptions {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (maxSweeps < 1) throw new IllegalArgumentException("maxSweeps must be >= 1, got " + maxSweeps);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (!Double.isFinite(shift)) throw new IllegalArgumentException("shift must be finite, got " + shift);
    }

    /** The defaults with block size k. */
    public static BlockPowerOptions top(int k) {
        return DEFAULTS.withK(k);
    }

    public BlockPowerOptions withK(int v) {
        return new BlockPowerOptions(v, maxSweeps, tolerance, shift, seed);
    }

    public BlockPowerOptions withMaxSweeps(int v) {
        return new BlockPowerOptions(k, v, tolerance, shift, seed);
    }

    public BlockPowerOptions withTolerance(double v) {
        return new BlockPowerOptions(k, maxSweeps, v, shift, seed);
    }

    public BlockPowerOptions withShift(double v) {
        return new BlockPowerOptions(k, maxSweeps, tolerance, v, seed);
    }

    public BlockPowerOptions withSeed(long v) {
        return new BlockPowerOptions(k, maxSweeps, tolerance, shift, v);
    }
}
