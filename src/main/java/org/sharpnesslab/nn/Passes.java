package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;
import org.sharpnesslab.task.Cancellation;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative engine: forward pass with a cache ({@link Tape}), backward pass, and the R-operator passes
 * (Pearlmutter 1994) that give exact Hessian, Gauss-Newton and functional-part products (004 §2.2), for every
 * network, through its {@link Stage} passes: a {@link StageNetwork}'s body, and a stack of layers as the chain
 * L₁, φ, L₂, φ, …, L_d of {@link LayerStage}s and {@link Activate}s. The formulas of each pass live in the stage
 * that owns them; this class runs them over micro-batches, applies the loss at the output and holds the bookkeeping
 * every product shares: θ off-heap in one array ({@link Blocks}), the loss's gradient and curvature at the output,
 * the centring of 002 §4, the inputs' off-heap copy, the operator's memory.
 *
 * <p>Notation for weight layer l = 1..d of a stack: a₀ = x, z_l = L_l(a_{l−1}; W_l), a_l = φ(z_l), f = z_d − f₀;
 * δ_l = ∂L/∂z_l; E_l = ∂L/∂a_l so δ_l = E_l ⊙ φ'(z_l). For a direction v = (V_l): R(z_l) = L_l(R(a_{l−1}); W_l)
 * + L_l(a_{l−1}; V_l), R(a_l) = φ'(z_l) ⊙ R(z_l); R(δ_d) = H_z R(f) / n; R(δ_{l−1}) = [L_lᵀ(R(δ_l); W_l)
 * + L_lᵀ(δ_l; V_l)] ⊙ φ'(z_{l−1}) + E_{l−1} ⊙ φ''(z_{l−1}) ⊙ R(z_{l−1}); (Hv)_l = ∂_W⟨R(δ_l), L_l(a_{l−1})⟩
 * + ∂_W⟨δ_l, L_l(R(a_{l−1}))⟩. The Gauss-Newton product keeps only the terms that carry R(δ_d) through the
 * linearised network (every δ_l-term dropped); the functional part (∇²L − G) v keeps only the δ_l-terms.
 *
 * <p>Why off-heap: JavaCPP's {@code double[]} GEMM copies each operand into native memory and back on every call:
 * for FCN 3072-512-512-10 on 1000 examples that is the 24 MB input matrix twice per product, 30–40 % of the GEMM
 * time. Here θ, the inputs, the activations and the deltas of each micro-batch are made in native memory once per
 * operator (they do not depend on v) and a product copies only v in and the result out. The native copy of a
 * dataset's inputs is kept for the next operator on the same inputs (the most recent inputs only), as PyTorch and
 * JAX keep their data in a tensor, and it is the only copy an operator holds (micro-batches read it at an offset).
 * The work buffers of a product belong to its thread ({@link Memory.Sweep}), so that building an operator
 * allocates only its cache, and products of one operator may run on several threads at once (building it may
 * not). The gradient is not made while the operator is built: the backward pass stops below the last stage whose
 * δ a product needs (for a stack with ReLU: δ₁ and the weight gradients, 4.2 GFLOP against 13.2 for one H v from
 * scratch in that example) and runs on when {@link #gradient} asks.
 */
final class Passes implements AutoCloseable {

    /** Which part of the curvature a product computes. */
    enum Mode { HESSIAN, GAUSS_NEWTON, FUNCTIONAL }

    private final Network net;
    private final List<Layer> layers;
    private final Stage body;
    private final int p;
    private final NativeArray theta;
    private final Blocks w;
    private final NativeArray centreTheta; // θ₀ of a centred network, or null
    private final Memory.Kept memory = Memory.kept();
    private final List<Tape> tapes = new ArrayList<>();
    private Inputs inputs;                 // the inputs' off-heap copy the tapes read (null before the first)
    private volatile boolean closed;

    /** Copies θ (and θ₀ of a centred network) off-heap; micro-batches are added by {@link #tape}. */
    Passes(Network net, double[] params) {
        this.net = net;
        this.layers = net.layers();
        this.body = body(net);
        this.p = net.numParams();
        if (params.length != p) {
            throw new IllegalArgumentException("params must have numParams = " + p + " entries, had "
                    + params.length);
        }
        theta = memory.allocate(p).copyFrom(params, 0, 0, p);
        w = Blocks.over(layers, theta);
        centreTheta = net.centre() == null ? null : memory.allocate(p).copyFrom(net.centre(), 0, 0, p);
    }

    // ---- θ as blocks on the heap (Network.unpack / pack) ----

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

    /** Concatenates blocks into out. */
    static void pack(double[][] blocks, double[] out) {
        int off = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, out, off, b.length);
            off += b.length;
        }
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

    // ---- the forward pass alone ----

    /** f(x; θ) (− f(x; θ₀) when centred) for all rows of inputs, in micro-batches. */
    static double[] forward(Network net, double[] params, double[] inputs) {
        int d = net.inputDim();
        if (inputs.length % d != 0) {
            throw new IllegalArgumentException("inputs length " + inputs.length + " is not a multiple of inputDim "
                    + d);
        }
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + net.numParams()
                    + " entries, had " + params.length);
        }
        int n = inputs.length / d;
        int k = net.outputDim();
        int p = params.length;
        Stage body = body(net);
        double[] f = new double[n * k];
        int mb = Hessian.DEFAULT_MICRO_BATCH;
        try (Memory.Sweep s = Memory.Sweep.begin()) {
            Blocks w = Blocks.over(net.layers(), s.allocate(p).copyFrom(params, 0, 0, p));
            Blocks cw = net.centre() == null ? null
                    : Blocks.over(net.layers(), s.allocate(p).copyFrom(net.centre(), 0, 0, p));
            int mark = s.mark();
            for (int start = 0; start < n; start += mb) {
                s.restart(mark);
                int b = Math.min(mb, n - start);
                NativeArray x = s.allocate((long) b * d).copyFrom(inputs, start * d, 0, b * d);
                Stage.Rows rows = new Stage.Rows(x, 0, b, true, false);
                body.forward(s, w, 0, rows).output().copyTo(0, f, start * k, b * k);
                if (cw != null) {
                    subtract(body.forward(s, cw, 0, rows).output(), f, start * k, b * k);
                }
                Cancellation.checkpoint();
            }
        }
        return f;
    }

    /** f[off ..] −= f₀ (the centring of 002 §4). */
    private static void subtract(NativeArray f0, double[] f, int off, int len) {
        java.nio.DoubleBuffer fb = f0.buffer();
        for (int i = 0; i < len; i++) {
            f[off + i] -= fb.get(i);
        }
    }

    // ---- the loss at the output ----

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

    // ---- the inputs' off-heap copy ----

    /**
     * The off-heap copy of one dataset's inputs and the number of open operators reading it: the copy of the most
     * recent inputs is kept for the next operator on the same array (a {@link org.sharpnesslab.data.Dataset}'s
     * arrays are read-only); a copy that is no longer the most recent is given back when its last operator closes
     * (or freed by the garbage collector with the operators that were never closed).
     */
    private static final class Inputs {
        final WeakReference<double[]> key;
        final NativeArray copy;
        int users;
        boolean current = true;

        Inputs(double[] inputs) {
            key = new WeakReference<>(inputs);
            copy = NativeArray.of(inputs);
        }
    }

    private static Inputs lastInputs;

    /** The off-heap copy of {@code inputs}, one more operator reading it (made once per array, see {@link Inputs}). */
    private static synchronized Inputs acquireInputs(double[] inputs) {
        if (lastInputs == null || lastInputs.key.get() != inputs) {
            if (lastInputs != null) {
                lastInputs.current = false;
                if (lastInputs.users == 0) {
                    lastInputs.copy.close();
                }
            }
            lastInputs = new Inputs(inputs);
        }
        lastInputs.users++;
        return lastInputs;
    }

    private static synchronized void releaseInputs(Inputs in) {
        if (--in.users == 0 && !in.current) {
            in.copy.close();
        }
    }

    // ---- the operator ----

    /**
     * The forward and backward pass of one micro-batch: returns its {@link Tape} (f, y, the loss, the network's
     * pass with its cache in this operator's memory).
     *
     * @param inputs the dataset's inputs (all examples; copied off-heap once, see {@link Inputs})
     * @param start  the micro-batch's first example
     * @param y      its targets
     * @param scale  the weight of each example's loss in L (1/n)
     */
    Tape tape(double[] inputs, int start, double[] y, int batch, Loss loss, double scale) {
        checkOpen();
        if (this.inputs == null) {
            this.inputs = acquireInputs(inputs);
        } else if (this.inputs.key.get() != inputs) {
            throw new IllegalArgumentException("every micro-batch of an operator reads the same inputs array");
        }
        int d = net.inputDim();
        int k = net.outputDim();
        Stage.Rows rows = new Stage.Rows(this.inputs.copy, (long) start * d, batch, true, false);
        Stage.Pass pass = body.forward(memory, w, 0, rows);
        Tape t = new Tape(batch, y);
        t.f = pass.output().toArray(batch * k);
        if (centreTheta != null) { // f(x; θ₀) on the sweep's memory
            try (Memory.Sweep s = Memory.Sweep.begin()) {
                subtract(body.forward(s, Blocks.over(layers, centreTheta), 0, rows).output(), t.f, 0, batch * k);
            }
        }
        double[] dl = outputGradient(t, loss, scale);
        pass.backward(memory, memory.allocate(dl.length).copyFrom(dl, 0, 0, dl.length), null, false, true);
        t.pass = pass;
        tapes.add(t);
        java.lang.ref.Reference.reachabilityFence(this);
        Cancellation.checkpoint();
        return t;
    }

    /** The micro-batches' tapes, in order. */
    List<Tape> tapes() {
        return tapes;
    }

    /** ∇L: the backward passes run on from where building the operator stopped them (length P). */
    void gradient(double[] result) {
        checkOpen();
        try (Memory.Sweep s = Memory.Sweep.begin()) {
            Blocks g = Blocks.over(layers, s.allocate(p));
            int mark = s.mark();
            for (Tape t : tapes) {
                s.restart(mark);
                t.pass.backwardAgain(s, g, false);
                Cancellation.checkpoint();
            }
            g.zeroUnwritten();
            g.data().copyTo(0, result, 0, p);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this); // the cache (and its memory) in use until here
        }
    }

    /**
     * result = (mode-part of ∇²L) v summed over the micro-batches (v, result: length P; may not alias). With one
     * micro-batch the product's blocks are written over v's off-heap copy, each after the last read of v's block
     * (one buffer of P instead of two: the memory of {@code bench/run}'s scaling table); with several, the sum
     * has its own buffer. Either way the first write of a block sets it: no buffer is zeroed.
     */
    void apply(double[] vec, double[] result, Loss loss, double scale, Mode mode) {
        checkOpen();
        try (Memory.Sweep s = Memory.Sweep.begin()) {
            Blocks v = Blocks.over(layers, s.allocate(p).copyFrom(vec, 0, 0, p));
            Blocks out = tapes.size() == 1 ? v.sameMemory() : Blocks.over(layers, s.allocate(p));
            out.reset();
            boolean haveRd = mode != Mode.FUNCTIONAL;
            int mark = s.mark();
            for (Tape t : tapes) {
                Cancellation.checkpoint();
                s.restart(mark);
                NativeArray jv = t.pass.rForward(s, v, null);
                NativeArray rd = null;
                if (haveRd && jv != null) { // R(δ_d) = H_z R(f) / n
                    int bk = t.f.length;
                    double[] heapJv = jv.toArray(bk);
                    double[] heapRd = new double[bk];
                    outputCurvature(t, loss, scale, heapJv, heapRd);
                    rd = jv.copyFrom(heapRd, 0, 0, bk); // R(f) is not read again
                }
                t.pass.rBackward(s, v, rd, mode != Mode.GAUSS_NEWTON, out, false);
            }
            out.zeroUnwritten();
            out.data().copyTo(0, result, 0, p);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    /** J v: the R-forward pass alone, R(f) of every micro-batch (n·k, row-major). */
    double[] jvp(double[] vec) {
        checkOpen();
        int size = 0;
        for (Tape t : tapes) {
            size += t.f.length;
        }
        double[] result = new double[size];
        try (Memory.Sweep s = Memory.Sweep.begin()) {
            Blocks v = Blocks.over(layers, s.allocate(p).copyFrom(vec, 0, 0, p));
            int mark = s.mark();
            int off = 0;
            for (Tape t : tapes) {
                Cancellation.checkpoint();
                s.restart(mark);
                NativeArray jv = t.pass.rForward(s, v, null);
                if (jv != null) {
                    jv.copyTo(0, result, off, t.f.length);
                }
                off += t.f.length;
            }
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
        return result;
    }

    /** Jᵀ u (u: n·k, row-major): the backward pass from u (length P). */
    double[] vjp(double[] u) {
        checkOpen();
        double[] result = new double[p];
        try (Memory.Sweep s = Memory.Sweep.begin()) {
            Blocks out = Blocks.over(layers, s.allocate(p));
            int mark = s.mark();
            int off = 0;
            for (Tape t : tapes) {
                Cancellation.checkpoint();
                s.restart(mark);
                int bk = t.f.length;
                t.pass.backward(s, s.allocate(bk).copyFrom(u, off, 0, bk), out, false, false);
                off += bk;
            }
            out.zeroUnwritten();
            out.data().copyTo(0, result, 0, p);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
        return result;
    }

    /**
     * Gives back the operator's native memory (θ, the activations and deltas: to {@link NativeArray}'s pool, where
     * the next operator of the same shapes takes it) and its claim on the inputs' copy. Every pass throws
     * {@link IllegalStateException} afterwards; closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory.close();
        if (inputs != null) {
            releaseInputs(inputs);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Hessian operator was closed");
        }
    }
}
