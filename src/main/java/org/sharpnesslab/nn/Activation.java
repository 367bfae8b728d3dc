package org.sharpnesslab.nn;

/**
 * Element-wise activation φ of the hidden layers, with its first and second derivatives (the second enters the
 * exact Hessian through the R-operator; it is zero almost everywhere for ReLU and linear).
 */
public enum Activation {
    /** φ(z) = max(z, 0); φ'(0) taken as 0. The papers' networks (000 App. B.2, 002 App. A). */
    RELU,
    /** φ(z) = z (deep linear networks, 000 App. G). */
    LINEAR,
    /** φ(z) = tanh z. */
    TANH,
    /** φ(z) = z for z > 0, eᶻ − 1 otherwise (ELU with α = 1). */
    ELU;

    /** φ(z). */
    public double value(double z) {
        switch (this) {
            case RELU: return Double.longBitsToDouble(Double.doubleToRawLongBits(z) & positive(z));
            case LINEAR: return z;
            case TANH: return Math.tanh(z);
            default: return z > 0 ? z : Math.expm1(z);
        }
    }

    /** φ'(z). */
    public double derivative(double z) {
        switch (this) {
            case RELU: return Double.longBitsToDouble(ONE_BITS & positive(z));
            case LINEAR: return 1.0;
            case TANH: { double t = Math.tanh(z); return 1 - t * t; }
            default: return z > 0 ? 1.0 : Math.exp(z);
        }
    }

    /** φ''(z). */
    public double secondDerivative(double z) {
        switch (this) {
            case RELU:
            case LINEAR: return 0.0;
            case TANH: { double t = Math.tanh(z); return -2 * t * (1 - t * t); }
            default: return z > 0 ? 0.0 : Math.exp(z);
        }
    }

    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    /**
     * All ones if z > 0 (or z is a NaN with the sign bit clear), else 0, without a branch: the signs of a layer's
     * pre-activations are random, and a mispredicted branch per entry made ReLU's loops 5–8× slower (measured on
     * 512,000 Gaussian entries: 2.5 ms against 0.3–0.5 ms).
     */
    private static long positive(double z) {
        long bits = Double.doubleToRawLongBits(z);
        return (-bits & ~bits) >> 63; // sign of −bits is set iff bits > 0; ~bits excludes −0.0 (Long.MIN_VALUE)
    }

    /** Whether φ'' can be non-zero (else the Hessian's curvature-of-activation term is skipped). */
    public boolean hasCurvature() {
        return this == TANH || this == ELU;
    }
}
