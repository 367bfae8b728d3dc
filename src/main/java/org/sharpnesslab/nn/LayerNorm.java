package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
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

    /**
     * The normalisation, then the affine part as a {@link LayerStage}: a chain of two whose backward pass, like a
     * {@link Chain}'s, stops above the normalisation when nothing needs δx̂ (and runs on in {@link
     * Pass#backwardAgain}).
     */
    @Override
    public Pass forward(Memory m, Blocks w, int b0, Rows x) {
        Pass norm = normalise(m, x);
        // x̂ is read by both passes (the affine part's gain gradient, the normalisation's Jacobian)
        Pass aff = new LayerStage(affine()).forward(m, w, b0,
                new Rows(norm.output(), 0, x.batch(), x.constant(), false));
        return new Pass() {
            int stop = -1; // the lowest pass (0 the normalisation, 1 the affine part) the last backward with keep ran

            @Override public NativeArray output() { return aff.output(); }

            @Override public boolean outputFree() { return aff.outputFree(); }

            /** The affine part's gradient and δ-terms, and the normalisation's δ-terms (input not constant). */
            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                return aff.wantsDelta(grad, keep) || norm.wantsDelta(grad, keep);
            }

            @Override
            public NativeArray backward(Memory mm, NativeArray delta, Blocks grad, boolean needInput, boolean keep) {
                boolean below = needInput || norm.wantsDelta(grad != null, keep);
                NativeArray d = aff.backward(mm, delta, grad, below, keep);
                if (!below) {
                    if (keep) {
                        stop = 1;
                    }
                    return null;
                }
                if (keep) {
                    stop = 0;
                }
                return norm.backward(mm, d, grad, needInput, keep);
            }

            @Override
            public NativeArray backwardAgain(Memory mm, Blocks grad, boolean needInput) {
                if (stop < 0) {
                    throw new IllegalStateException("no backward pass of " + LayerNorm.this + " was kept");
                }
                if (stop == 0) {
                    aff.backwardAgain(mm, grad, false);
                    return norm.backwardAgain(mm, grad, needInput);
                }
                NativeArray d = aff.backwardAgain(mm, grad, needInput); // δx̂ only for δx (no parameters below)
                return needInput ? norm.backward(mm, d, grad, true, false) : null;
            }

            @Override
            public NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray rx) {
                return aff.rForward(s, v, norm.rForward(s, v, rx));
            }

            /**
             * R(δx̂) only for R(δx) (the normalisation has no parameters), and R(δx) never at a constant input (its
             * δ-term Lᵀ(δy; V) would need a δy that a chain's backward pass does not bring down to it).
             */
            @Override
            public NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                boolean input = needInput && !x.constant();
                return norm.rBackward(s, v, aff.rBackward(s, v, rd, deltaTerms, hv, input), deltaTerms, hv, input);
            }
        };
    }

    /**
     * The parameter-free normalisation u ↦ x̂ and its passes (x̂ written over x when x is free: the passes need
     * only x̂ and s).
     */
    private Pass normalise(Memory mem, Rows in) {
        int batch = in.batch();
        int c = shape.channels(), hw = shape.plane(), size = shape.size();
        int n = batch * size;
        boolean curvature = !in.constant(); // the δ-terms vanish with R(x) = 0
        NativeArray xha = in.free() && in.offset() == 0 ? in.data() : mem.allocate(n);
        NativeArray sa = mem.allocate((long) batch * hw);
        DoubleBuffer x = in.data().buffer();
        DoubleBuffer xh = xha.buffer();
        DoubleBuffer s = sa.buffer();
        int x0 = (int) in.offset();
        for (int i = 0; i < batch; i++) {
            for (int a = 0; a < hw; a++) {
                int base = i * size + a;
                double mu = 0;
                for (int ch = 0; ch < c; ch++) {
                    mu += x.get(x0 + base + ch * hw);
                }
                mu /= c;
                double var = 0;
                for (int ch = 0; ch < c; ch++) {
                    double e = x.get(x0 + base + ch * hw) - mu;
                    var += e * e;
                }
                double si = 1.0 / Math.sqrt(var / c + eps);
                s.put(i * hw + a, si);
                for (int ch = 0; ch < c; ch++) {
                    xh.put(base + ch * hw, (x.get(x0 + base + ch * hw) - mu) * si);
                }
            }
        }
        return new Pass() {
            NativeArray delta; // δx̂ of the last backward pass with keep (for the δ-terms, or for backwardAgain)
            NativeArray du;    // J δx̂, for the δ-terms

            /** out = J a = s (a − mean(a) − x̂ mean(x̂ ⊙ a)) per position (out may be a). */
            private NativeArray jacobian(NativeArray aa, NativeArray outa) {
                DoubleBuffer a = aa.buffer();
                DoubleBuffer out = outa.buffer();
                for (int i = 0; i < batch; i++) {
                    for (int p = 0; p < hw; p++) {
                        int base = i * size + p;
                        double m = 0, q = 0;
                        for (int ch = 0; ch < c; ch++) {
                            int j = base + ch * hw;
                            m += a.get(j);
                            q += xh.get(j) * a.get(j);
                        }
                        m /= c;
                        q /= c;
                        double si = s.get(i * hw + p);
                        for (int ch = 0; ch < c; ch++) {
                            int j = base + ch * hw;
                            out.put(j, si * (a.get(j) - m - xh.get(j) * q));
                        }
                    }
                }
                return outa;
            }

            @Override public NativeArray output() { return xha; }

            /** Its later passes read x̂. */
            @Override public boolean outputFree() { return false; }

            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                return keep && curvature;
            }

            /** δu = J δx̂; with keep (input not constant) δx̂ and δu are kept for the δ-terms. */
            @Override
            public NativeArray backward(Memory m, NativeArray d, Blocks grad, boolean needInput, boolean keep) {
                if (keep && curvature) {
                    delta = d;
                    du = jacobian(d, m.allocate(n));
                    return needInput ? copy(du, m.allocate(n), n) : null;
                }
                if (!needInput) {
                    if (keep) {
                        delta = d;
                    }
                    return null;
                }
                return jacobian(d, d); // over δx̂ (δx̂ is this pass's)
            }

            @Override
            public NativeArray backwardAgain(Memory m, Blocks grad, boolean needInput) {
                if (!needInput) {
                    return null;
                }
                if (du != null) {
                    return copy(du, m.allocate(n), n);
                }
                if (delta == null) {
                    throw new IllegalStateException("no backward pass of " + LayerNorm.this + " was kept");
                }
                return jacobian(delta, m.allocate(n));
            }

            @Override
            public NativeArray rForward(Memory.Sweep sw, Blocks v, NativeArray r) {
                if (r == null) {
                    return null;
                }
                if (curvature) { // R(u) enters R(δu) through the δ-terms
                    sw.keep(this, r);
                    return jacobian(r, sw.allocate(n));
                }
                return jacobian(r, r);
            }

            @Override
            public NativeArray rBackward(Memory.Sweep sw, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                NativeArray ra = sw.take(this);
                boolean second = deltaTerms && ra != null;
                if (!needInput || (rd == null && !second)) {
                    return null;
                }
                if (second && du == null) {
                    throw new IllegalStateException("no backward pass of " + LayerNorm.this + " was kept");
                }
                NativeArray outa = rd != null ? jacobian(rd, rd) : sw.zeros(n);
                if (second) {
                    // R(δu) = J R(δx̂) − s m δu − (s/C) [R(x̂) (x̂·δx̂) + x̂ (R(x̂)·δx̂)], m = mean(x̂ ⊙ R(u))
                    NativeArray rxha = jacobian(ra, sw.allocate(n));
                    DoubleBuffer r = ra.buffer(), rxh = rxha.buffer(), out = outa.buffer();
                    DoubleBuffer dl = delta.buffer(), dub = du.buffer();
                    for (int i = 0; i < batch; i++) {
                        for (int p = 0; p < hw; p++) {
                            int base = i * size + p;
                            double m = 0, xd = 0, rd2 = 0;
                            for (int ch = 0; ch < c; ch++) {
                                int j = base + ch * hw;
                                m += xh.get(j) * r.get(j);
                                xd += xh.get(j) * dl.get(j);
                                rd2 += rxh.get(j) * dl.get(j);
                            }
                            m /= c;
                            double si = s.get(i * hw + p);
                            for (int ch = 0; ch < c; ch++) {
                                int j = base + ch * hw;
                                out.put(j, out.get(j)
                                        + (-si * m * dub.get(j) - (si / c) * (rxh.get(j) * xd + xh.get(j) * rd2)));
                            }
                        }
                    }
                }
                return outa;
            }
        };
    }

    /** The first n entries of src copied into dst (returned). */
    private static NativeArray copy(NativeArray src, NativeArray dst, int n) {
        dst.buffer().put(0, src.buffer(), 0, n);
        return dst;
    }

    @Override
    public String toString() {
        return "LayerNorm[" + shape + " over channels" + (zeroGain ? ", zero gain" : "") + "]";
    }
}
