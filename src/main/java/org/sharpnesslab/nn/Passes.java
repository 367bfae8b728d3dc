package org.sharpnesslab.nn;

import org.sharpnesslab.task.Cancellation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The derivative engine: forward pass with a cache ({@link Tape}), backward pass, and the R-operator passes
 * (Pearlmutter 1994) that give exact Hessian, Gauss-Newton and functional-part products (004 §2.2), for every
 * network, through its {@link Stage} passes: a {@link StageNetwork}'s body, and a stack of layers as the chain
 * L₁, φ, L₂, φ, …, L_d of {@link LayerStage}s and {@link Activate}s. The formulas of each pass live in the stage
 * that owns them ({@link Stage}); this class runs them over micro-batches, applies the loss at the output and holds
 * the bookkeeping every engine shares (θ's blocks, the loss's gradient and curvature at the output, the centring of
 * 002 §4). {@link DenseProducts} runs the same passes of a stack of {@link DenseLayer}s as GEMMs on off-heap
 * operands.
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

    /**
     * The network as one stage: a {@link StageNetwork}'s body, or a stack of layers as the chain L₁, φ, …, φ, L_d
     * (no activation after the last layer), whose passes are the formulas of the class comment.
     */
    static Stage body(Network net) {
        if (net instanceof StageNetwork s) {
            return s.body();
        }
        List<Layer> layers = net.layers();
        List<Stage> stages = new ArrayList<>(2 * layers.size() - 1);
        for (int l = 0; l < layers.size(); l++) {
            stages.add(new LayerStage(layers.get(l)));
            if (l < layers.size() - 1) {
                stages.add(new Activate(net.activation(), layers.get(l).outputSize()));
            }
        }
        return new Chain(stages);
    }

    /** f(x; θ) (− f(x; θ₀) when centred) for all rows of inputs, in micro-batches. */
    static double[] forward(Network net, double[] params, double[] inputs) {
        int d = net.inputDim();
        if (inputs.length % d != 0) {
            throw new IllegalArgumentException("inputs length " + inputs.length + " is not a multiple of inputDim "
                    + d);
        }
        int n = inputs.length / d;
        int k = net.outputDim();
        Stage body = body(net);
        double[][] w = blocks(net, params);
        double[][] cw = net.centre() == null ? null : blocks(net, net.centre());
        double[] f = new double[n * k];
        int mb = Hessian.DEFAULT_MICRO_BATCH;
        for (int start = 0; start < n; start += mb) {
            int b = Math.min(mb, n - start);
            double[] x = b == n ? inputs : Arrays.copyOfRange(inputs, start * d, (start + b) * d);
            double[] fb = body.forward(w, 0, x, b).output();
            subtractCentre(body, cw, x, b, fb);
            System.arraycopy(fb, 0, f, start * k, fb.length);
            Cancellation.checkpoint();
        }
        return f;
    }

    /** f −= f(x; θ₀) of a centred network (002 §4); nothing when {@code centreW} is null. */
    static void subtractCentre(Stage body, double[][] centreW, double[] x, int batch, double[] f) {
        if (centreW == null) {
            return;
        }
        double[] f0 = body.forward(centreW, 0, x, batch).output();
        for (int i = 0; i < f.length; i++) {
            f[i] -= f0[i];
        }
    }

    /** Sets the tape's loss sum from its outputs and returns ∂L/∂f = scale · ∂ℓ/∂f per example (batch × k). */
    static double[] outputGradient(Tape t, Loss loss, double scale) {
        int k = t.f.length / t.batch;
        double[] dl = new double[t.f.length];
        double sum = 0;
        for (int i = 0; i < t.batch; i++) {
            sum += loss.value(t.f, i * k, t.y, i * k, k);
            loss.gradient(t.f, i * k, t.y, i * k, k, scale, dl, i * k);
        }
        t.lossSum = sum;
        return dl;
    }

    /** rd = R(δ_d) = scale · H_z R(f) per example, the loss's curvature at the output (R(f) = J v in {@code jv}). */
    static void outputCurvature(Tape t, Loss loss, double scale, double[] jv, double[] rd) {
        int k = t.f.length / t.batch;
        for (int i = 0; i < t.batch; i++) {
            loss.curvature(t.f, i * k, t.y, i * k, k, jv, i * k, scale, rd, i * k);
        }
    }

    /**
     * Forward and backward pass on one micro-batch, keeping what every later product needs (the stage passes keep
     * activations and deltas; the gradient is kept too).
     *
     * @param scale the weight of each example's loss in L (1/n for the full-batch average)
     */
    static Tape tape(Network net, Stage body, double[][] w, double[][] centreW, double[] x, double[] y, int batch,
                     Loss loss, double scale) {
        Stage.Pass pass = body.forward(w, 0, x, batch);
        Tape t = new Tape(batch, y);
        t.f = pass.output();
        subtractCentre(body, centreW, x, batch, t.f);
        double[] dl = outputGradient(t, loss, scale);
        double[][] grad = zeros(net);
        pass.backward(dl, grad, false, true);
        t.pass = pass;
        t.grad = grad;
        Cancellation.checkpoint();
        return t;
    }

    /** grad (blocks) += ∂L/∂θ of the tape's micro-batch. */
    static void gradient(Tape t, double[][] grad) {
        for (int l = 0; l < grad.length; l++) {
            double[] g = t.grad[l];
            for (int i = 0; i < g.length; i++) {
                grad[l][i] += g[i];
            }
        }
    }

    /** J v of the tape's micro-batch (batch × k). */
    static double[] jvp(Tape t, double[][] v) {
        double[] jv = t.pass.rForward(v, null);
        return jv == null ? new double[t.f.length] : jv;
    }

    /** out (blocks) += (mode-part of ∇²L) v restricted to the tape's micro-batch. */
    static void curvatureProduct(Tape t, double[][] v, Loss loss, double scale, Mode mode, double[][] out) {
        double[] jv = jvp(t, v);
        double[] rd = null;
        if (mode != Mode.FUNCTIONAL) {
            rd = new double[jv.length];
            outputCurvature(t, loss, scale, jv, rd);
        }
        t.pass.rBackward(v, rd, mode != Mode.GAUSS_NEWTON, out, false);
        Cancellation.checkpoint();
    }

    /** out (blocks) += Jᵀ u for the micro-batch (u: batch × k). */
    static void vjp(Tape t, double[] u, double[][] out) {
        t.pass.backward(u, out, false, false);
    }
}
