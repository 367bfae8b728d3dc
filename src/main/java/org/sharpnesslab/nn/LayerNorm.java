package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

import java.util.List;

/**
 * Layer normalisation over the channels at every position, as Flax's {@code nn.LayerNorm()} on NHWC feature maps
 * (the ResNets of 000 App. B.2 use it instead of batch norm): for each example and position α, with u = x[·, α] ∈ ℝᶜ,
 * μ = mean(u), σ² = mean((u − μ)²), s = (σ² + ε)^{−1/2}, x̂ = s (u − μ), then y = g ⊙ x̂ + b per channel
 * ({@link ChannelAffine}; its parameters are this stage's one block).
 *
 * <p>Exact second derivatives. The Jacobian of u ↦ x̂ is J = s (I − 11ᵀ/C − x̂ x̂ᵀ/C), symmetric, so
 * δu = J δx̂ and R(x̂) = J R(u). Its derivative along R(u) gives the δ-term of the R-operator:
 * R(δu) = J R(δx̂) − s m δu − (s/C) [R(x̂) (x̂·δx̂) + x̂ (R(x̂)·δx̂)], with m = mean(x̂ ⊙ R(u)) (R(s) = −s² m).
 *
 * @param shape    image shape (input = output)
 * @param eps      ε > 0 (Flax's default 10⁻⁶)
 * @param zeroGain initialise the gain g to zero (Flax's ResNet block: the last norm of the residual branch)
 */
public record LayerNorm(ImageShape shape, double eps, boolean zeroGain) implements Stage {

    /** Flax's default ε. */
    public static final double DEFAULT_EPS = 1e-6;

    public LayerNorm {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
        }
    }

    /** LayerNorm over the channels with ε = 10⁻⁶, gain 1. */
    public static LayerNorm of(ImageShape shape) {
        return new LayerNorm(shape, DEFAULT_EPS, false);
    }

    /** The learnable per-channel scale and shift. */
    public ChannelAffine affine() {
        return new ChannelAffine(shape, zeroGain);
    }

    @Override public int inputSize() { return shape.size(); }

    @Override public int outputSize() { return shape.size(); }

    @Override public List<Layer> layers() { return List.of(affine()); }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        Pass norm = normalise(x, batch);
        Pass aff = new LayerStage(affine()).forward(w, b0, norm.output(), batch);
        return new Pass() {
            @Override public double[] output() { return aff.output(); }

            @Override
            public double[] backward(double[] delta, double[][] grad, boolean needInput, boolean keep) {
                double[] d = aff.backward(delta, grad, true, keep);
                return norm.backward(d, grad, needInput, keep);
            }

            @Override
            public double[] rForward(double[][] v, double[] rx) {
                return aff.rForward(v, norm.rForward(v, rx));
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                return norm.rBackward(v, aff.rBackward(v, rd, deltaTerms, hv, true), deltaTerms, hv, needInput);
            }
        };
    }

    /** The parameter-free normalisation u ↦ x̂ and its passes. */
    private Pass normalise(double[] x, int batch) {
        int c = shape.channels(), hw = shape.plane(), size = shape.size();
        double[] xh = new double[x.length];
        double[] s = new double[batch * hw];
        for (int i = 0; i < batch; i++) {
            for (int a = 0; a < hw; a++) {
                int base = i * size + a;
                double mu = 0;
                for (int ch = 0; ch < c; ch++) {
                    mu += x[base + ch * hw];
                }
                mu /= c;
                double var = 0;
                for (int ch = 0; ch < c; ch++) {
                    double e = x[base + ch * hw] - mu;
                    var += e * e;
                }
                double si = 1.0 / Math.sqrt(var / c + eps);
                s[i * hw + a] = si;
                for (int ch = 0; ch < c; ch++) {
                    xh[base + ch * hw] = (x[base + ch * hw] - mu) * si;
                }
            }
        }
        return new Pass() {
            double[] delta;
            double[] du;
            double[] ru;

            /** J a = s (a − mean(a) − x̂ mean(x̂ ⊙ a)) per position. */
            private double[] jacobian(double[] a) {
                double[] out = new double[a.length];
                for (int i = 0; i < batch; i++) {
                    for (int p = 0; p < hw; p++) {
                        int base = i * size + p;
                        double m = 0, q = 0;
                        for (int ch = 0; ch < c; ch++) {
                            int j = base + ch * hw;
                            m += a[j];
                            q += xh[j] * a[j];
                        }
                        m /= c;
                        q /= c;
                        double si = s[i * hw + p];
                        for (int ch = 0; ch < c; ch++) {
                            int j = base + ch * hw;
                            out[j] = si * (a[j] - m - xh[j] * q);
                        }
                    }
                }
                return out;
            }

            @Override public double[] output() { return xh; }

            @Override
            public double[] backward(double[] d, double[][] grad, boolean needInput, boolean keep) {
                double[] g = needInput || keep ? jacobian(d) : null;
                if (keep) {
                    delta = d;
                    du = g;
                }
                return needInput ? g : null;
            }

            @Override
            public double[] rForward(double[][] v, double[] r) {
                ru = r;
                return r == null ? null : jacobian(r);
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                double[] r = ru;
                ru = null;
                boolean second = deltaTerms && r != null;
                if (!needInput || (rd == null && !second)) {
                    return null;
                }
                double[] out = rd != null ? jacobian(rd) : new double[xh.length];
                if (second) {
                    double[] rxh = jacobian(r);
                    for (int i = 0; i < batch; i++) {
                        for (int p = 0; p < hw; p++) {
                            int base = i * size + p;
                            double m = 0, xd = 0, rd2 = 0;
                            for (int ch = 0; ch < c; ch++) {
                                int j = base + ch * hw;
                                m += xh[j] * r[j];
                                xd += xh[j] * delta[j];
                                rd2 += rxh[j] * delta[j];
                            }
                            m /= c;
                            double si = s[i * hw + p];
                            for (int ch = 0; ch < c; ch++) {
                                int j = base + ch * hw;
                                out[j] += -si * m * du[j] - (si / c) * (rxh[j] * xd + xh[j] * rd2);
                            }
                        }
                    }
                }
                return out;
            }
        };
    }

    @Override
    public String toString() {
        return "LayerNorm[" + shape + " over channels" + (zeroGain ? ", zero gain" : "") + "]";
    }
}
