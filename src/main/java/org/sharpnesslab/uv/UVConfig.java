package org.sharpnesslab.uv;

import java.util.Arrays;

/**
 * The UV model's configuration: a two-layer linear network f(x; θ) = vᵀUx / √(n^{1-p}) trained by gradient
 * descent on one example (x, y) with MSE loss ½(f − y)².
 *
 * <p>Defaults ({@link #builder()}) are those of 000 §4 and App. C.5 (Figs. 2, 7, 8): ‖x‖ = 1 (x = e₁, d = 1),
 * y = 2, σ_w² = 1, n = 512, NTP (p = 0), η = 0.3.
 *
 * @param n       width n ≥ 1
 * @param d       input dimension d ≥ 1 (= x.length)
 * @param p       parameterization exponent p ∈ [0, 1]: 0 is NTP, 1 is μP; n_eff = n^{1-p} (000 §2)
 * @param sigmaW2 weight variance σ_w² &gt; 0; entries of U and v are N(0, σ_w²/n^p)
 * @param x       the training input x ∈ ℝᵈ (copied; not all zero)
 * @param y       the training target y (finite)
 * @param lr      the learning-rate value: η itself, or the constant c (η = c/λ^H₀) or k (η = k/λ₀, λ = Tr H)
 * @param lrScale how {@code lr} is read
 */
public record UVConfig(int n, int d, double p, double sigmaW2, double[] x, double y, double lr, LrScale lrScale) {

    /** How the learning rate is specified (000 §5.2 Result 1; App. C.5 uses η = k/λ₀). */
    public enum LrScale {
        /** η given directly. */
        ETA,
        /** η = c / λ^H₀, λ^H₀ the top Hessian eigenvalue at initialisation. */
        C_OVER_LAMBDA_H,
        /** η = k / λ₀, λ₀ = Tr H₀ the scalar NTK at initialisation. */
        K_OVER_LAMBDA
    }

    public UVConfig {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x must be a non-empty vector");
        }
        if (d != x.length) {
            throw new IllegalArgumentException("d must equal x.length = " + x.length + ", got " + d);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        if (!(sigmaW2 > 0) || !Double.isFinite(sigmaW2)) {
            throw new IllegalArgumentException("sigmaW2 must be finite and > 0, got " + sigmaW2);
        }
        double s = 0;
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                throw new IllegalArgumentException("x must be finite, got " + Arrays.toString(x));
            }
            s += xi * xi;
        }
        if (s == 0) {
            throw new IllegalArgumentException("x must not be the zero vector");
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, got " + y);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr (" + lrScale + ") must be finite and > 0, got " + lr);
        }
        if (lrScale == null) {
            throw new IllegalArgumentException("lrScale must not be null");
        }
        x = x.clone();
    }

    /** The input x (a copy). */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** ‖x‖. */
    public double xNorm() {
        double s = 0;
        for (double xi : x) {
            s += xi * xi;
        }
        return Math.sqrt(s);
    }

    /** The effective width n_eff = n^{1-p} (000 §2). */
    public double nEff() {
        return Math.pow(n, 1 - p);
    }

    /** A builder with the paper's defaults (see the class Javadoc). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.n = n;
        b.p = p;
        b.sigmaW2 = sigmaW2;
        b.x = x.clone();
        b.y = y;
        b.lr = lr;
        b.lrScale = lrScale;
        return b;
    }

    public UVConfig withN(int n) {
        return toBuilder().n(n).build();
    }

    public UVConfig withP(double p) {
        return toBuilder().p(p).build();
    }

    public UVConfig withSigmaW2(double sigmaW2) {
        return toBuilder().sigmaW2(sigmaW2).build();
    }

    public UVConfig withY(double y) {
        return toBuilder().y(y).build();
    }

    public UVConfig withXNorm(double xNorm) {
        return toBuilder().xNorm(xNorm).build();
    }

    public UVConfig withEta(double eta) {
        return toBuilder().eta(eta).build();
    }

    public UVConfig withK(double k) {
        return toBuilder().k(k).build();
    }

    public UVConfig withC(double c) {
        return toBuilder().c(c).build();
    }

    @Override
    public String toString() {
        return String.format("UVConfig[n=%d, d=%d, p=%s, n_eff=%.4g, sigmaW2=%s, |x|=%.4g, y=%s, %s=%s]",
                n, d, p, nEff(), sigmaW2, xNorm(), y,
                lrScale == LrScale.ETA ? "eta" : lrScale == LrScale.K_OVER_LAMBDA ? "k" : "c", lr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UVConfig c && c.n == n && c.p == p && c.sigmaW2 == sigmaW2 && Arrays.equals(c.x, x)
                && c.y == y && c.lr == lr && c.lrScale == lrScale;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(n, p, sigmaW2, Arrays.hashCode(x), y, lr, lrScale);
    }

    /** Builder; every setter validates on {@link #build()}. */
    public static final class Builder {
        private int n = 512;
        private double p = 0;
        private double sigmaW2 = 1.0;
        private double[] x = {1.0};
        private double y = 2.0;
        private double lr = 0.3;
        private LrScale lrScale = LrScale.ETA;

        private Builder() {
        }

        public Builder n(int n) {
            this.n = n;
            return this;
        }

        public Builder p(double p) {
            this.p = p;
            return this;
        }

        /** NTP: p = 0 (000 §2). */
        public Builder ntp() {
            return p(0);
        }

        /** μP: p = 1 (000 §2). */
        public Builder muP() {
            return p(1);
        }

        public Builder sigmaW2(double sigmaW2) {
            this.sigmaW2 = sigmaW2;
            return this;
        }

        /** The input x itself (sets d = x.length). */
        public Builder x(double... x) {
            this.x = x.clone();
            return this;
        }

        /** x = ‖x‖ e₁ in d = 1 dimension. */
        public Builder xNorm(double xNorm) {
            return xNorm(xNorm, 1);
        }

        /** x = ‖x‖ (1, …, 1)/√d in d dimensions. */
        public Builder xNorm(double xNorm, int d) {
            if (d < 1) {
                throw new IllegalArgumentException("d must be >= 1, got " + d);
            }
            double[] v = new double[d];
            java.util.Arrays.fill(v, xNorm / Math.sqrt(d));
            this.x = v;
            return this;
        }

        public Builder y(double y) {
            this.y = y;
            return this;
        }

        /** η given directly. */
        public Builder eta(double eta) {
            this.lr = eta;
            this.lrScale = LrScale.ETA;
            return this;
        }

        /** η = c / λ^H₀. */
        public Builder c(double c) {
            this.lr = c;
            this.lrScale = LrScale.C_OVER_LAMBDA_H;
            return this;
        }

        /** η = k / λ₀ with λ₀ = Tr H₀ (000 App. C.5). */
        public Builder k(double k) {
            this.lr = k;
            this.lrScale = LrScale.K_OVER_LAMBDA;
            return this;
        }

        public UVConfig build() {
            return new UVConfig(n, x.length, p, sigmaW2, x, y, lr, lrScale);
        }
    }
}
