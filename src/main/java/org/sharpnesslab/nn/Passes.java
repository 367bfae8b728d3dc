package org.sharpnesslab.nn;

import java.util.List;

/**
 * The derivative engine: forward pass with a cache ({@link Tape}), backward pass, and the R-operator passes
 * (Pearlmutter 1994) that give exact Hessian, Gauss-Newton and functional-part products (004 §2.2). Matrices are
 * row-major with one example per row; parameters are handled per layer block (see {@link Network}).
 *
 * <p>Notation for weight layer l = 1..d: a₀ = x, z_l = L_l(a_{l−1}; W_l), a_l = φ(z_l), f = z_d − f₀;
 * δ_l = ∂L/∂z_l; E_l = ∂L/∂a_l so δ_l = E_l ⊙ φ'(z_l). For a direction v = (V_l): R(z_l) = L_l(R(a_{l−1}); W_l)
 * + L_l(a_{l−1}; V_l), R(a_l) = φ'(z_l) ⊙ R(z_l); R(δ_d) = H_z R(f) / n; R(δ_{l−1}) = [L_lᵀ(R(δ_l); W_l)
 * + L_lᵀ(δ_l; V_l)] ⊙ φ'(z_{l−1}) + E_{l−1} ⊙ φ''(z_{l−1}) ⊙ R(z_{l−1}); (Hv)_l = ∂_W⟨R(δ_l), L_l(a_{l−1})⟩
 * + ∂_W⟨δ_l, L_l(R(a_{l−1}))⟩. The Gauss-Newton product keeps only the terms that carry R(δ_d) through the
 * linearised network (every δ_l-term dropped); the functional part (∇²L − G) v keeps only the δ_l-terms.
 */
final class Passes {

    /** Which part of the curvature a product computes. */
    enum Mode { HESSIAN, GAUSS_NEWTON, FUNCTIONAL }

    private Passes() {
    }

    /** θ split into per-layer blocks (copies). */
    static double[][] blocks(Network net, double[] theta) {
        List<Layer> layers = net.layers();
        if (theta.length != net.numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + net.numParams()
                    + " entries, had " + theta.length);
        }
        double[][] b = new double[layers.size()][];
        int off = 0;
        for (int l = 0; l < b.length; l++) {
            b[l] = new double[layers.get(l).numParams()];
            System.arraycopy(theta, off, b[l], 0, b[l].length);
            off += b[l].length;
        }
        return b;
    }

    /** Copies v into existing blocks. */
    static void unpack(double[] v, double[][] blocks) {
        int off = 0;
        for (double[] b : blocks) {
            System.arraycopy(v, off, b, 0, b.length);
            off += b.length;
        }
    }

    /** Concatenates blocks into out. */
    static void pack(double[][] blocks, double[] out) {
        int off = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, out, off, b.length);
            off += b.length;
        }
    }

    static double[][] zeros(Network net) {
        List<Layer> layers = net.layers();
        double[][] b = new double[layers.size()][];
        for (int l = 0; l < b.length; l++) {
            b[l] = new double[layers.get(l).numParams()];
        }
        return b;
    }

    /** Plain outputs (no cache) of a batch: z_d for inputs x (batch rows). */
    static double[] outputs(List<Layer> layers, Activation act, double[][] w, double[] x, int batch) {
        double[] a = x;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            double[] z = new double[batch * layer.outputSize()];
            layer.forward(w[l], a, batch, true, 0.0, z);
            if (l < layers.size() - 1) {
                for (int i = 0; i < z.length; i++) {
                    z[i] = act.value(z[i]);
                }
            }
            a = z;
        }
        return a;
    }

    /** f(x; θ) (− f(x; θ₀) when centred) for all rows of inputs. */
    static double[] forward(Network net, double[] params, double[] inputs) {
        int d = net.inputDim();
        if (inputs.length % d != 0) {
            throw new IllegalArgumentException("inputs length " + inputs.length + " is not a multiple of inputDim "
                    + d);
        }
        int n = inputs.length / d;
        double[] f = outputs(net.layers(), net.activation(), blocks(net, params), inputs, n);
        if (net.centre() != null) {
            double[] f0 = outputs(net.layers(), net.activation(), blocks(net, net.centre()), inputs, n);
            for (int i = 0; i < f.length; i++) {
                f[i] -= f0[i];
            }
        }
        return f;
    }

    /**
     * Forward and backward pass on one micro-batch, keeping what every later product needs.
     *
     * @param scale the weight of each example's loss in L (1/n for the full-batch average)
     */
    static Tape tape(Network net, double[][] w, double[][] centreW, double[] x, double[] y, int batch, Loss loss,
                     double scale) {
        if (net instanceof StageNetwork m) {
            return StagePasses.tape(m, w, centreW, x, y, batch, loss, scale);
        }
        List<Layer> layers = net.layers();
        Activation act = net.activation();
        int depth = layers.size();
        int k = net.outputDim();
        Tape t = new Tape(batch, depth, k, y);
        t.acts[0] = x;
        double[] a = x;
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers.get(l - 1);
            double[] z = new double[batch * layer.outputSize()];
            layer.forward(w[l - 1], a, batch, true, 0.0, z);
            if (l < depth) {
                double[] dp = new double[z.length];
                double[] d2 = act.hasCurvature() ? new double[z.length] : null;
                for (int i = 0; i < z.length; i++) {
                    double zi = z[i];
                    dp[i] = act.derivative(zi);
                    if (d2 != null) {
                        d2[i] = act.secondDerivative(zi);
                    }
                    z[i] = act.value(zi);
                }
                t.dphi[l] = dp;
                t.curv[l] = d2; // φ''(z_l) for now; multiplied by E_l in the backward pass below
                t.acts[l] = z;
                a = z;
            } else {
                t.f = z;
            }
        }
        if (centreW != null) {
            double[] f0 = outputs(layers, act, centreW, x, batch);
            for (int i = 0; i < t.f.length; i++) {
                t.f[i] -= f0[i];
            }
        }
        double[] dl = new double[batch * k];
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            sum += loss.value(t.f, i * k, y, i * k, k);
            loss.gradient(t.f, i * k, y, i * k, k, scale, dl, i * k);
        }
        t.lossSum = sum;
        t.delta[depth] = dl;
        for (int l = depth; l > 1; l--) {
            Layer layer = layers.get(l - 1);
            double[] e = new double[batch * layer.inputSize()];
            layer.backwardInput(w[l - 1], t.delta[l], batch, 0.0, e);
            double[] dp = t.dphi[l - 1];
            double[] c = t.curv[l - 1];
            double[] d = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                d[i] = e[i] * dp[i];
                if (c != null) {
                    c[i] *= e[i];
                }
            }
            t.delta[l - 1] = d;
        }
        return t;
    }

    /** grad (blocks) += ∂L/∂θ of the tape's micro-batch. */
    static void gradient(Network net, Tape t, double[][] grad) {
        if (t.graph != null) {
            StagePasses.gradient(t, grad);
            return;
        }
        List<Layer> layers = net.layers();
        for (int l = 1; l <= layers.size(); l++) {
            layers.get(l - 1).backwardParams(t.acts[l - 1], t.delta[l], t.batch, true, grad[l - 1]);
        }
    }

    /**
     * The linearised forward pass: R(z_l) for direction v (blocks), returned per layer (index 1..d), with
     * R(a_l) = φ'(z_l) ⊙ R(z_l) in {@code ra}. R(z_d) = J v for the micro-batch.
     */
    static double[][] rForward(List<Layer> layers, double[][] w, double[][] v, Tape t, double[][] ra) {
        if (t.graph != null) {
            return new double[][]{StagePasses.jvp(t, v)};
        }
        int depth = layers.size();
        double[][] rz = new double[depth + 1][];
        double[] rPrev = null;
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers.get(l - 1);
            double[] z = new double[t.batch * layer.outputSize()];
            layer.forward(v[l - 1], t.acts[l - 1], t.batch, true, 0.0, z);
            if (rPrev != null) {
                layer.forward(w[l - 1], rPrev, t.batch, false, 1.0, z);
            }
            rz[l] = z;
            if (l < depth) {
                double[] dp = t.dphi[l];
                double[] r = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    r[i] = dp[i] * z[i];
                }
                ra[l] = r;
                rPrev = r;
            }
        }
        return rz;
    }

    /** out (blocks) += (mode-part of ∇²L) v restricted to the tape's micro-batch. */
    static void curvatureProduct(Network net, double[][] w, double[][] v, Tape t, Loss loss, double scale,
                                 Mode mode, double[][] out) {
        if (t.graph != null) {
            StagePasses.curvatureProduct(t, v, loss, scale, mode, out);
            return;
        }
        List<Layer> layers = net.layers();
        int depth = layers.size();
        int k = net.outputDim();
        double[][] ra = new double[depth + 1][];
        double[][] rz = rForward(layers, w, v, t, ra);
        double[] rd = null;
        if (mode != Mode.FUNCTIONAL) {
            double[] jv = rz[depth];
            rd = new double[jv.length];
            for (int i = 0; i < t.batch; i++) {
                loss.curvature(t.f, i * k, t.y, i * k, k, jv, i * k, scale, rd, i * k);
            }
        }
        boolean deltaTerms = mode != Mode.GAUSS_NEWTON;
        for (int l = depth; l >= 1; l--) {
            Layer layer = layers.get(l - 1);
            if (rd != null) {
                layer.backwardParams(t.acts[l - 1], rd, t.batch, true, out[l - 1]);
            }
            if (deltaTerms && l > 1) {
                layer.backwardParams(ra[l - 1], t.delta[l], t.batch, false, out[l - 1]);
            }
            if (l == 1) {
                break;
            }
            double[] re = new double[t.batch * layer.inputSize()];
            double beta = 0.0;
            if (rd != null) {
                layer.backwardInput(w[l - 1], rd, t.batch, 0.0, re);
                beta = 1.0;
            }
            if (deltaTerms) {
                layer.backwardInput(v[l - 1], t.delta[l], t.batch, beta, re);
            }
            double[] dp = t.dphi[l - 1];
            double[] c = deltaTerms ? t.curv[l - 1] : null;
            double[] z = rz[l - 1];
            for (int i = 0; i < re.length; i++) {
                re[i] = re[i] * dp[i] + (c != null ? c[i] * z[i] : 0.0);
            }
            rd = re;
        }
    }

    /** out (blocks) += Jᵀ u for the micro-batch (u: batch×k). */
    static void vjp(Network net, double[][] w, double[] u, Tape t, double[][] out) {
        if (t.graph != null) {
            StagePasses.vjp(t, u, out);
            return;
        }
        List<Layer> layers = net.layers();
        double[] d = u;
        for (int l = layers.size(); l >= 1; l--) {
            Layer layer = layers.get(l - 1);
            layer.backwardParams(t.acts[l - 1], d, t.batch, true, out[l - 1]);
            if (l == 1) {
                break;
            }
            double[] e = new double[t.batch * layer.inputSize()];
            layer.backwardInput(w[l - 1], d, t.batch, 0.0, e);
            double[] dp = t.dphi[l - 1];
            for (int i = 0; i < e.length; i++) {
                e[i] *= dp[i];
            }
            d = e;
        }
    }
}
