package org.sharpnesslab.nn;

/**
 * How a network's weights are scaled: each weight layer l computes h = γ_l W_l a (+ b) with W_l ~ N(0, σ_l²) at
 * initialisation. The families of 000 App. B.2.1 (SP Eq. 7, NTP Eq. 8, interpolating Eq. 9, μP = interpolating
 * with s = 1) for depth d, width n, input dimension d_in and weight variance σ_w²:
 *
 * <pre>
 *            first layer               hidden layers             last layer
 * SP         γ = 1,  σ² = σ_w²/d_in     γ = 1,  σ² = σ_w²/n        γ = 1,      σ² = 1/n
 * NTP        γ = σ_w/√d_in, σ² = 1      γ = σ_w/√n, σ² = 1         γ = 1/√n,   σ² = 1
 * interp. s  γ = n^{s/2}, σ² = σ_w²/n^s γ = 1,  σ² = σ_w²/n        γ = n^{-s/2}, σ² = 1/n
 * </pre>
 *
 * 002 App. A's SP/NTP "at criticality" for ReLU are SP/NTP with σ_w² = 2 (the default of {@link FCN.Builder}).
 *
 * @param kind the family
 * @param s    the interpolation exponent in [0, 1] (used by {@link Kind#INTERPOLATING} only; 1 for μP)
 */
public record Parameterization(Kind kind, double s) {

    /** The parameterisation families. */
    public enum Kind { SP, NTP, INTERPOLATING }

    public Parameterization {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("s must be in [0, 1], got " + s);
        }
    }

    /** Standard parameterisation, 000 Eq. (7). */
    public static Parameterization sp() {
        return new Parameterization(Kind.SP, 0);
    }

    /** Neural tangent parameterisation, 000 Eq. (8). */
    public static Parameterization ntp() {
        return new Parameterization(Kind.NTP, 0);
    }

    /** Maximal update parameterisation: interpolating with s = 1 (000 App. B.2.1). */
    public static Parameterization muP() {
        return new Parameterization(Kind.INTERPOLATING, 1);
    }

    /** Interpolating parameterisation of 000 Eq. (9), s ∈ [0, 1]. */
    public static Parameterization interpolating(double s) {
        return new Parameterization(Kind.INTERPOLATING, s);
    }

    /**
     * The forward multiplier γ_l of weight layer l.
     *
     * @param layer   1-based layer index l ∈ [1, depth]
     * @param depth   number of weight layers d ≥ 2
     * @param inputDim d_in
     * @param width   n
     * @param sigmaW2 σ_w²
     */
    public double multiplier(int layer, int depth, int inputDim, int width, double sigmaW2) {
        boolean first = layer == 1;
        boolean last = layer == depth;
        switch (kind) {
            case SP: return 1.0;
            case NTP: return first ? Math.sqrt(sigmaW2 / inputDim)
                    : last ? 1 / Math.sqrt(width) : Math.sqrt(sigmaW2 / width);
            default: return first ? Math.pow(width, s / 2) : last ? Math.pow(width, -s / 2) : 1.0;
        }
    }

    /** The initial weight variance σ_l² of weight layer l (arguments as {@link #multiplier}). */
    public double initVariance(int layer, int depth, int inputDim, int width, double sigmaW2) {
        boolean first = layer == 1;
        boolean last = layer == depth;
        switch (kind) {
            case SP: return first ? sigmaW2 / inputDim : last ? 1.0 / width : sigmaW2 / width;
            case NTP: return 1.0;
            default: return first ? sigmaW2 / Math.pow(width, s) : last ? 1.0 / width : sigmaW2 / width;
        }
    }

    @Override
    public String toString() {
        return kind == Kind.INTERPOLATING ? (s == 1 ? "muP" : "interpolating(s=" + s + ")") : kind.name();
    }
}
