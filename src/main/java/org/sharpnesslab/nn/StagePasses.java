package org.sharpnesslab.nn;

import org.sharpnesslab.task.Cancellation;

/**
 * The derivative engine of a {@link StageNetwork}: what {@link Passes} does for a stack of layers, done through the
 * network's {@link Stage} passes. One forward and one backward pass per micro-batch build the tape (the stage
 * passes keep activations and deltas; the gradient is kept too); every product then costs one R-forward and one
 * R-backward pass. Modes as in {@link Passes}: the Gauss-Newton product drops the δ-terms, the functional part
 * keeps only them.
 */
final class StagePasses {

    /** What a {@link Tape} of a stage network carries besides f, y and the loss. */
    static final class State {
        final Stage.Pass pass;
        final double[][] grad;

        State(Stage.Pass pass, double[][] grad) {
            this.pass = pass;
            this.grad = grad;
        }
    }

    private StagePasses() {
    }

    /** f(x; θ) (− f(x; θ₀) when centred) for all rows of inputs, in micro-batches. */
    static double[] forward(StageNetwork net, double[] params, double[] inputs) {
        int d = net.inputDim();
        if (inputs.length % d != 0) {
            throw new IllegalArgumentException("inputs length " + inputs.length + " is not a multiple of inputDim "
                    + d);
        }
        int n = inputs.length / d;
        int k = net.outputDim();
        double[][] w = Passes.blocks(net, params);
        double[][] cw = net.centre() == null ? null : Passes.blocks(net, net.centre());
        double[] f = new double[n * k];
        int mb = Hessian.DEFAULT_MICRO_BATCH;
        for (int start = 0; start < n; start += mb) {
            int b = Math.min(mb, n - start);
            double[] x = b == n ? inputs : java.util.Arrays.copyOfRange(inputs, start * d, (start + b) * d);
            double[] fb = outputs(net, w, cw, x, b);
            System.arraycopy(fb, 0, f, start * k, fb.length);
            Cancellation.checkpoint();
        }
        return f;
    }

    private static double[] outputs(StageNetwork net, double[][] w, double[][] cw, double[] x, int batch) {
        double[] f = net.body().forward(w, 0, x, batch).output().clone();
        if (cw != null) {
            double[] f0 = net.body().forward(cw, 0, x, batch).output();
            for (int i = 0; i < f.length; i++) {
                f[i] -= f0[i];
            }
        }
        return f;
    }

    /** Forward and backward pass on one micro-batch (see {@link Passes#tape}). */
    static Tape tape(StageNetwork net, double[][] w, double[][] centreW, double[] x, double[] y, int batch, Loss loss,
                     double scale) {
        int k = net.outputDim();
        Stage.Pass pass = net.body().forward(w, 0, x, batch);
        Tape t = new Tape(batch, net.layers().size(), k, y);
        double[] f = pass.output().clone();
        if (centreW != null) {
            double[] f0 = net.body().forward(centreW, 0, x, batch).output();
            for (int i = 0; i < f.length; i++) {
                f[i] -= f0[i];
            }
        }
        t.f = f;
        double[] dl = new double[batch * k];
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            sum += loss.value(f, i * k, y, i * k, k);
            loss.gradient(f, i * k, y, i * k, k, scale, dl, i * k);
        }
        t.lossSum = sum;
        double[][] grad = Passes.zeros(net);
        pass.backward(dl, grad, false, true);
        t.graph = new State(pass, grad);
        Cancellation.checkpoint();
        return t;
    }

    /** grad (blocks) += ∂L/∂θ of the tape's micro-batch. */
    static void gradient(Tape t, double[][] grad) {
        double[][] g = t.graph.grad;
        for (int l = 0; l < g.length; l++) {
            for (int i = 0; i < g[l].length; i++) {
                grad[l][i] += g[l][i];
            }
        }
    }

    /** J v of the tape's micro-batch (batch × k). */
    static double[] jvp(Tape t, double[][] v) {
        double[] jv = t.graph.pass.rForward(v, null);
        return jv == null ? new double[t.f.length] : jv;
    }

    /** out (blocks) += (mode-part of ∇²L) v restricted to the tape's micro-batch. */
    static void curvatureProduct(Tape t, double[][] v, Loss loss, double scale, Passes.Mode mode, double[][] out) {
        int k = t.f.length / t.batch;
        double[] jv = jvp(t, v);
        double[] rd = null;
        if (mode != Passes.Mode.FUNCTIONAL) {
            rd = new double[jv.length];
            for (int i = 0; i < t.batch; i++) {
                loss.curvature(t.f, i * k, t.y, i * k, k, jv, i * k, scale, rd, i * k);
            }
        }
        t.graph.pass.rBackward(v, rd, mode != Passes.Mode.GAUSS_NEWTON, out, false);
        Cancellation.checkpoint();
    }

    /** out (blocks) += Jᵀ u for the micro-batch (u: batch × k). */
    static void vjp(Tape t, double[] u, double[][] out) {
        t.graph.pass.backward(u, out, false, false);
    }
}
