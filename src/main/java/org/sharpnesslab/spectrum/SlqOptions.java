package org.sharpnesslab.spectrum;

/**
 * Options of {@link StochasticLanczos}, immutable; tweak with {@code withX}. Defaults (declared once, in
 * {@link #DEFAULTS}): {@value #DEFAULT_STARTS} random starts, {@value #DEFAULT_STEPS} Lanczos steps each (capped at
 * the dimension), Gaussian broadening σ = {@value #DEFAULT_RELATIVE_WIDTH} × (λ_max − λ_min) of the Ritz values,
 * {@value #DEFAULT_GRID} grid points, seed 0. (Ghorbani et al. 2019 use 10 starts and 90 steps on ResNets;
 * PyHessian 1 start and 100 steps.)
 *
 * @param starts        number of independent Rademacher start vectors, ≥ 1
 * @param steps         Lanczos steps per start (m), ≥ 1
 * @param relativeWidth Gaussian broadening σ relative to the spread of the Ritz values, in (0, 1]
 * @param gridPoints    number of points of the λ grid, ≥ 16
 * @param seed          seed of the start vectors
 */
public record SlqOptions(int starts, int steps, double relativeWidth, int gridPoints, long seed) {

    public static final int DEFAULT_STARTS = 10;
    public static final int DEFAULT_STEPS = 80;
    public static final double DEFAULT_RELATIVE_WIDTH = 0.01;
    public static final int DEFAULT_GRID = 1000;

    /** 10 starts, 80 steps, σ = 0.01 × spread, 1000 grid points, seed 0. */
    public static final SlqOptions DEFAULTS =
            new SlqOptions(DEFAULT_STARTS, DEFAULT_STEPS, DEFAULT_RELATIVE_WIDTH, DEFAULT_GRID, 0L);

    /** Validates every field. */
    public SlqOptions {
        if (starts < 1) throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (!(relativeWidth > 0 && relativeWidth <= 1)) {
            throw new IllegalArgumentException("relativeWidth must be in (0, 1], got " + relativeWidth);
        }
        if (gridPoints < 16) throw new IllegalArgumentException("gridPoints must be >= 16, got " + gridPoints);
    }

    public SlqOptions withStarts(int v) {
        return new SlqOptions(v, steps, relativeWidth, gridPoints, seed);
    }

    public SlqOptions withSteps(int v) {
        return new SlqOptions(starts, v, relativeWidth, gridPoints, seed);
    }

    public SlqOptions withRelativeWidth(double v) {
        return new SlqOptions(starts, steps, v, gridPoints, seed);
    }

    public SlqOptions withGridPoints(int v) {
        return new SlqOptions(starts, steps, relativeWidth, v, seed);
    }

    public SlqOptions withSeed(long v) {
        return new SlqOptions(starts, steps, relativeWidth, gridPoints, v);
    }
}
