package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.linalg.NativeArray;
import org.sharpnesslab.task.Cancellation;

import java.lang.ref.WeakReference;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The derivative passes of {@link Passes} for a stack of {@link DenseLayer}s (the chain L₁, φ, …, L_d of
 * {@link LayerStage}s and {@link Activate}s, same formulas) run as GEMMs with every operand off-heap
 * ({@link NativeArray}): θ, the inputs, the activations a_l and the deltas δ_l of each micro-batch are copied to or
 * made in native memory once per operator (they do not depend on v), and a product copies only v in and the result
 * out. One R-forward sweep and one backward sweep serve every product: the curvature parts ({@link #apply}), J v
 * ({@link #jvp}, the R-forward sweep alone) and Jᵀ u ({@link #vjp}, the backward sweep started from u without the
 * δ-terms).
 *
 * <p>Why: JavaCPP's {@code double[]} GEMM copies each operand into native memory and back on every call: for
 * FCN 3072-512-512-10 on 1000 examples that is the 24 MB input matrix twice per product, 30–40 % of the GEMM time
 * on an idle machine (issue 13). The native copy of a dataset's inputs is kept for the next operator on the same
 * inputs (the most recent inputs only), as PyTorch and JAX keep their data in a tensor, and it is the only copy of
 * the inputs an operator holds (micro-batches read it at an offset). The work buffers of the products are per
 * thread and shared by every operator the thread applies, so building an operator allocates only θ, the
 * activations and the deltas (fresh native memory costs a page fault per 4 KB when first written); with ReLU,
 * φ'(z_l) is read off a_l (φ'(z) = 1 exactly when φ(z) &gt; 0) instead of being kept. A product may run on several
 * threads at once; building the operator may not.
 */
final class DenseProducts {

    private final Network net;
    private final int depth;
    private final DenseLayer[] layers;
    private final long[] offset;      // start of each layer's block in θ
    private final Activation act;
    private final boolean keepDphi;   // φ' kept per entry (not for ReLU: read off a_l)
    private final NativeArray theta;  // θ off-heap
    private final List<Cache> caches = new ArrayList<>(); // one per micro-batch
    private final int p;
    private Inputs inputs;            // the inputs' off-heap copy this operator reads (null before the first tape)
    private volatile boolean closed;

    /**
     * What a micro-batch's forward and backward pass leave, off-heap where it feeds a GEMM: a_0 (the inputs) starts
     * at {@code inputOffset} of {@code acts[0]}, the other arrays at 0; φ'(z_l) (null for ReLU) and E_l ⊙ φ''(z_l)
     * (null unless φ'' ≠ 0) on the heap.
     */
    private record Cache(Tape tape, NativeArray[] acts, long inputOffset, NativeArray[] delta, double[][] dphi,
                         double[][] curv) {
        long offset(int l) {
            return l == 0 ? inputOffset : 0;
        }
    }

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

    /**
     * The work buffers of the products on one thread, grown to the largest operator the thread has applied: the
     * direction v and the product (P each), R(z_l), R(a_l), R(δ_l) (batch × width each), and R(z_d), R(δ_d) on the
     * heap for {@link Loss#curvature}.
     */
    private static final class Scratch {
        private NativeArray[] buffers = new NativeArray[0];
        private double[][] heap = new double[2][];

        NativeArray get(int slot, long size) {
            if (slot >= buffers.length) {
                buffers = Arrays.copyOf(buffers, slot + 1);
            }
            NativeArray b = buffers[slot];
            if (b == null || b.length() < size) {
                if (b != null) {
                    b.close();
                }
                b = NativeArray.allocate(size);
                buffers[slot] = b;
            }
            return b;
        }

        double[] heap(int slot, int size) {
            if (heap[slot] == null || heap[slot].length < size) {
                heap[slot] = new double[size];
            }
            return heap[slot];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int V = 0;
    private static final int OUT = 1;

    /** Slot of R(z_l), R(a_l) or R(δ_l) (kind 0, 1, 2) in the scratch. */
    private static int slot(int kind, int l) {
        return 2 + 3 * l + kind;
    }

    /** Whether this engine runs the network's passes: a stack of dense layers (not a {@link StageNetwork}). */
    static boolean supports(Network net) {
        if (net instanceof StageNetwork) {
            return false;
        }
        for (Layer l : net.layers()) {
            if (!(l instanceof DenseLayer)) {
                return false;
            }
        }
        return true;
    }

    /** Copies θ (flat, layer by layer as {@link Network} lays it out) off-heap; micro-batches are added by {@link #tape}. */
    DenseProducts(Network net, double[] params) {
        this.net = net;
        List<Layer> ls = net.layers();
        depth = ls.size();
        layers = new DenseLayer[depth];
        offset = new long[depth + 1];
        act = net.activation();
        keepDphi = act != Activation.RELU;
        for (int l = 0; l < depth; l++) {
            layers[l] = (DenseLayer) ls.get(l);
            offset[l + 1] = offset[l] + layers[l].numParams();
        }
        p = (int) offset[depth];
        theta = NativeArray.allocate(p);
        theta.copyFrom(params, 0, 0, p);
    }

    /**
     * The forward and backward pass of one micro-batch ({@link Passes#tape}, same formulas): returns the
     * micro-batch's {@link Tape} (f, y, the loss) and keeps a_l and δ_l off-heap for the products.
     *
     * @param inputs  the dataset's inputs (all examples; copied off-heap once, see {@link Inputs})
     * @param start   the micro-batch's first example
     * @param y       its targets
     * @param centreW θ₀'s blocks of a centred network, or null
     * @param scale   the weight of each example's loss in L (1/n)
     */
    Tape tape(double[] inputs, int start, double[] y, int batch, double[][] centreW, Loss loss, double scale) {
        int k = layers[depth - 1].out();
        Tape t = new Tape(batch, y);
        NativeArray[] acts = new NativeArray[depth];
        NativeArray[] delta = new NativeArray[depth + 1];
        double[][] dphi = new double[depth][];
        double[][] curv = new double[depth][];
        if (this.inputs == null) {
            this.inputs = acquireInputs(inputs);
        } else if (this.inputs.key.get() != inputs) {
            throw new IllegalArgumentException("every micro-batch of an operator reads the same inputs array");
        }
        acts[0] = this.inputs.copy;
        long inputOffset = (long) start * layers[0].in();
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray z = NativeArray.allocate((long) batch * o);
            Blas.gemm(false, true, batch, o, in, layer.gamma(), acts[l - 1], l == 1 ? inputOffset : 0, in, theta,
                    offset[l - 1], in, 0.0, z, 0, o);
            if (layer.bias()) {
                addBias(z, batch, o, theta, offset[l - 1] + (long) in * o, layer.biasGamma());
            }
            if (l < depth) {
                int len = batch * o;
                dphi[l] = keepDphi ? new double[len] : null;
                curv[l] = act.hasCurvature() ? new double[len] : null; // times E_l in the backward pass below
                activate(act, z.buffer(), dphi[l], curv[l], len);
                acts[l] = z;
            } else {
                t.f = z.toArray(batch * k);
                z.close();
            }
        }
        if (centreW != null) { // f(x; θ₀) through the generic passes, on a transient heap copy of the inputs
            int d = layers[0].in();
            double[] x = Arrays.copyOfRange(inputs, start * d, (start + batch) * d);
            Passes.subtractCentre(Passes.body(net), centreW, x, batch, t.f);
        }
        delta[depth] = NativeArray.of(Passes.outputGradient(t, loss, scale));
        Cache c = new Cache(t, acts, inputOffset, delta, dphi, curv);
        // δ_1 feeds only the gradient (∂L/∂W_1 = γ δ_1ᵀ x) unless φ'' ≠ 0 (then E_1 enters R(δ_1)): made when asked
        int last = act.hasCurvature() ? 1 : 2;
        for (int l = depth; l > last; l--) {
            backward(c, l);
        }
        caches.add(c);
        return t;
    }

    /**
     * δ_{l−1} = E_{l−1} ⊙ φ'(z_{l−1}) with E_{l−1} = γ δ_l W_l (off-heap only: the products and the gradient read the
     * native copy), and the curvature term φ''(z_{l−1}) ⊙ E_{l−1} kept.
     */
    private void backward(Cache c, int l) {
        int batch = c.tape.batch;
        DenseLayer layer = layers[l - 1];
        int in = layer.in();
        int o = layer.out();
        NativeArray e = NativeArray.allocate((long) batch * in);
        Blas.gemm(false, false, batch, in, o, layer.gamma(), c.delta[l], 0, o, theta, offset[l - 1], in, 0.0, e, 0,
                in);
        double[] curv = c.curv[l - 1];
        int len = batch * in;
        if (curv != null) {
            DoubleBuffer eb = e.buffer();
            for (int i = 0; i < len; i++) {
                curv[i] *= eb.get(i);
            }
        }
        timesDphi(c, l - 1, e, e, len);
        c.delta[l - 1] = e;
    }

    /**
     * Gives back the native memory of θ, the activations and the deltas (to {@link NativeArray}'s pool, where the
     * next operator of the same shapes takes it) and this operator's claim on the inputs' copy. Every pass throws
     * {@link IllegalStateException} afterwards; closing twice does nothing.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Cache c : caches) {
            synchronized (c) {
                for (int l = 1; l < c.acts.length; l++) {
                    if (c.acts[l] != null) {
                        c.acts[l].close();
                    }
                }
                for (NativeArray d : c.delta) {
                    if (d != null) {
                        d.close();
                    }
                }
            }
        }
        theta.close();
        if (inputs != null) {
            releaseInputs(inputs);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Hessian operator was closed");
        }
    }

    /** ∇L = Σ over micro-batches of γ δ_lᵀ a_{l−1} (+ β Σᵢ δ_l for biases), written to result (length P). */
    void gradient(double[] result) {
        checkOpen();
        NativeArray out = SCRATCH.get().get(V, p); // no v is read: its buffer holds the sum
        out.zero(p);
        for (Cache c : caches) {
            synchronized (c) {
                if (c.delta[1] == null) {
                    backward(c, 2);
                }
            }
            int b = c.tape.batch;
            for (int l = 1; l <= depth; l++) {
                DenseLayer layer = layers[l - 1];
                int in = layer.in();
                int o = layer.out();
                Blas.gemm(true, false, o, in, b, layer.gamma(), c.delta[l], 0, o, c.acts[l - 1], c.offset(l - 1),
                        in, 1.0, out, offset[l - 1], in);
                if (layer.bias()) {
                    columnSums(c.delta[l], b, o, out, offset[l - 1] + (long) in * o, layer.biasGamma());
                }
            }
        }
        out.copyTo(0, result, 0, p);
    }

    /**
     * result = (mode-part of ∇²L) v summed over the micro-batches (v, result: length P; may not alias). With one
     * micro-batch the product's blocks overwrite v's native copy layer by layer, each after the last read of v's
     * block (one buffer of P instead of two: the memory of {@code bench/run}'s scaling table); with several, the
     * sum has its own buffer. Either way the first write of a block sets it (β = 0): no buffer is zeroed.
     */
    void apply(double[] vec, double[] result, Loss loss, double scale, Passes.Mode mode) {
        checkOpen();
        Scratch s = SCRATCH.get();
        NativeArray v = s.get(V, p).copyFrom(vec);
        NativeArray out = caches.size() == 1 ? v : s.get(OUT, p);
        boolean haveRd = mode != Passes.Mode.FUNCTIONAL;
        boolean first = true;
        for (Cache c : caches) {
            Cancellation.checkpoint();
            Sweep w = rForward(c, v, s, haveRd);
            if (haveRd) { // R(δ_d) = H_z R(f) / n
                Tape t = c.tape;
                int bk = t.f.length;
                double[] heapRz = s.heap(0, bk);
                double[] heapRd = s.heap(1, bk);
                w.rz[depth].copyTo(0, heapRz, 0, bk);
                Passes.outputCurvature(t, loss, scale, heapRz, heapRd);
                w.rd[depth].copyFrom(heapRd, 0, 0, bk);
            }
            rBackward(c, v, w, out, first, haveRd, mode != Passes.Mode.GAUSS_NEWTON);
            first = false;
        }
        out.copyTo(0, result, 0, p);
    }

    /** J v: the R-forward sweep alone, R(z_d) of every micro-batch (n·k, row-major). */
    double[] jvp(double[] vec) {
        checkOpen();
        Scratch s = SCRATCH.get();
        NativeArray v = s.get(V, p).copyFrom(vec);
        int size = 0;
        for (Cache c : caches) {
            size += c.tape.f.length;
        }
        double[] result = new double[size];
        int off = 0;
        for (Cache c : caches) {
            Cancellation.checkpoint();
            Sweep w = rForward(c, v, s, true);
            int bk = c.tape.f.length;
            w.rz[depth].copyTo(0, result, off, bk);
            off += bk;
        }
        return result;
    }

    /** Jᵀ u (u: n·k, row-major): the backward sweep from R(δ_d) = u without the δ-terms (length P). */
    double[] vjp(double[] u) {
        checkOpen();
        Scratch s = SCRATCH.get();
        NativeArray out = s.get(V, p); // no v is read: its buffer holds the sum
        out.zero(p);
        int off = 0;
        for (Cache c : caches) {
            Cancellation.checkpoint();
            Sweep w = buffers(c, s, false);
            int bk = c.tape.f.length;
            w.rd[depth].copyFrom(u, off, 0, bk);
            off += bk;
            rBackward(c, null, w, out, false, true, false);
        }
        double[] result = new double[p];
        out.copyTo(0, result, 0, p);
        return result;
    }

    /** The buffers of one sweep: R(z_l) (the last layer, hidden ones only if φ'' ≠ 0), R(a_l), R(δ_l). */
    private record Sweep(NativeArray[] rz, NativeArray[] ra, NativeArray[] rd) {
    }

    private Sweep buffers(Cache c, Scratch s, boolean lastRz) {
        int b = c.tape.batch;
        NativeArray[] rz = new NativeArray[depth + 1];
        NativeArray[] ra = new NativeArray[depth + 1];
        NativeArray[] rd = new NativeArray[depth + 1];
        for (int l = 1; l <= depth; l++) {
            long size = (long) b * layers[l - 1].out();
            rz[l] = (l == depth && lastRz) || (l < depth && act.hasCurvature()) ? s.get(slot(0, l), size) : null;
            ra[l] = l < depth ? s.get(slot(1, l), size) : null;
            rd[l] = s.get(slot(2, l), size);
        }
        return new Sweep(rz, ra, rd);
    }

    /**
     * The R-forward sweep: R(z_l) = γ a_{l-1} V_lᵀ (+ β v_bias) + γ R(a_{l-1}) W_lᵀ; R(a_l) = φ'(z_l) ⊙ R(z_l) (in
     * place in R(a_l)'s buffer when φ'' = 0: R(z_l) is then needed only for the last layer, and only if
     * {@code lastRz}).
     */
    private Sweep rForward(Cache c, NativeArray v, Scratch s, boolean lastRz) {
        Sweep w = buffers(c, s, lastRz);
        int b = c.tape.batch;
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray z = w.rz[l] != null ? w.rz[l] : w.ra[l];
            if (z == null) {
                break; // the last layer's R(z) is not wanted
            }
            Blas.gemm(false, true, b, o, in, layer.gamma(), c.acts[l - 1], c.offset(l - 1), in, v, offset[l - 1], in,
                    0.0, z, 0, o);
            if (layer.bias()) {
                addBias(z, b, o, v, offset[l - 1] + (long) in * o, layer.biasGamma());
            }
            if (l > 1) {
                Blas.gemm(false, true, b, o, in, layer.gamma(), w.ra[l - 1], 0, in, theta, offset[l - 1], in, 1.0,
                        z, 0, o);
            }
            if (l < depth) {
                timesDphi(c, l, z, w.ra[l], b * o);
            }
        }
        return w;
    }

    /**
     * The backward sweep accumulating into {@code out} (or setting it, if {@code first}): (Hv)_l += γ R(δ_l)ᵀ a_{l-1}
     * (if {@code haveRd}) + γ δ_lᵀ R(a_{l-1}) (the δ-term), and R(δ_{l-1}) = [γ R(δ_l) W_l + γ δ_l V_l] ⊙
     * φ'(z_{l-1}) + E_{l-1} ⊙ φ''(z_{l-1}) ⊙ R(z_{l-1}). With {@code haveRd} false R(δ_d) = 0 (the functional part);
     * without the δ-terms v is not read. R(δ_{l-1}) is made before block l of {@code out} is written, so that
     * {@code out} may be v's own buffer (block l of v is last read there).
     */
    private void rBackward(Cache c, NativeArray v, Sweep w, NativeArray out, boolean first, boolean haveRd,
                           boolean deltaTerms) {
        int b = c.tape.batch;
        for (int l = depth; l >= 1; l--) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            long wOff = offset[l - 1];
            boolean rdHere = haveRd;
            if (l > 1) {
                rDelta(c, v, w, l, haveRd, deltaTerms);
                haveRd = true;
            }
            // block l of the product (v's block l is not read after this point)
            boolean set = first;
            if (rdHere) { // ∂_W ⟨R(δ_l), L_l(a_{l-1})⟩ = γ R(δ_l)ᵀ a_{l-1} (+ β Σᵢ R(δ_l)ᵢ for the bias)
                Blas.gemm(true, false, o, in, b, layer.gamma(), w.rd[l], 0, o, c.acts[l - 1], c.offset(l - 1), in,
                        set ? 0.0 : 1.0, out, wOff, in);
                if (layer.bias()) {
                    columnSums(w.rd[l], b, o, out, wOff + (long) in * o, layer.biasGamma(), set);
                }
                set = false;
            }
            if (deltaTerms && l > 1) { // ∂_W ⟨δ_l, L_l(R(a_{l-1}))⟩ = γ δ_lᵀ R(a_{l-1})
                Blas.gemm(true, false, o, in, b, layer.gamma(), c.delta[l], 0, o, w.ra[l - 1], 0, in,
                        set ? 0.0 : 1.0, out, wOff, in);
                if (set && layer.bias()) {
                    zero(out, wOff + (long) in * o, o);
                }
                set = false;
            }
            if (set) { // nothing reaches this block (e.g. the functional part of a one-layer network)
                zero(out, wOff, layer.numParams());
            }
        }
    }

    /**
     * R(δ_{l−1}) into {@code w.rd[l−1]}: [γ R(δ_l) W_l + γ δ_l V_l] ⊙ φ'(z_{l−1}) (+ E_{l−1} ⊙ φ''(z_{l−1}) ⊙
     * R(z_{l−1}) when φ'' ≠ 0).
     */
    private void rDelta(Cache c, NativeArray v, Sweep w, int l, boolean haveRd, boolean deltaTerms) {
        int b = c.tape.batch;
        DenseLayer layer = layers[l - 1];
        int in = layer.in();
        int o = layer.out();
        long wOff = offset[l - 1];
        NativeArray re = w.rd[l - 1];
        double beta = 0.0;
        if (haveRd) {
            Blas.gemm(false, false, b, in, o, layer.gamma(), w.rd[l], 0, o, theta, wOff, in, 0.0, re, 0, in);
            beta = 1.0;
        }
        if (deltaTerms) {
            Blas.gemm(false, false, b, in, o, layer.gamma(), c.delta[l], 0, o, v, wOff, in, beta, re, 0, in);
        }
        int len = b * in;
        double[] curv = deltaTerms ? c.curv[l - 1] : null;
        if (curv != null) { // R(δ) = R(E) ⊙ φ' + (E ⊙ φ'') ⊙ R(z)
            DoubleBuffer eb = re.buffer();
            DoubleBuffer zb = w.rz[l - 1].buffer();
            double[] dp = c.dphi[l - 1];
            for (int i = 0; i < len; i++) {
                eb.put(i, eb.get(i) * dp[i] + curv[i] * zb.get(i));
            }
        } else {
            timesDphi(c, l - 1, re, re, len);
        }
    }

    private static void zero(NativeArray a, long off, int len) {
        DoubleBuffer ab = a.buffer();
        for (int i = 0; i < len; i++) {
            ab.put((int) (off + i), 0.0);
        }
    }

    /**
     * dst = φ'(z_l) ⊙ src (may alias): φ' kept on the heap, or for ReLU read off a_l without a branch
     * ({@link Activation#derivative} of a_l = φ(z_l) is 1 exactly where z_l &gt; 0).
     */
    private void timesDphi(Cache c, int l, NativeArray src, NativeArray dst, int len) {
        DoubleBuffer sb = src.buffer();
        DoubleBuffer db = dst.buffer();
        double[] dp = c.dphi[l];
        if (dp != null) {
            for (int i = 0; i < len; i++) {
                db.put(i, dp[i] * sb.get(i));
            }
        } else {
            DoubleBuffer ab = c.acts[l].buffer(); // only ReLU keeps no φ' (a constant receiver: the switch folds)
            for (int i = 0; i < len; i++) {
                db.put(i, Activation.RELU.derivative(ab.get(i)) * sb.get(i));
            }
        }
    }

    /** z ← φ(z), dp = φ'(z) and d2 = φ''(z) where not null. */
    private static void activate(Activation act, DoubleBuffer zb, double[] dp, double[] d2, int len) {
        for (int i = 0; i < len; i++) {
            double zi = zb.get(i);
            if (dp != null) {
                dp[i] = act.derivative(zi);
            }
            if (d2 != null) {
                d2[i] = act.secondDerivative(zi);
            }
            zb.put(i, act.value(zi));
        }
    }

    private static void addBias(NativeArray z, int rows, int cols, NativeArray src, long off, double scale) {
        DoubleBuffer zb = z.buffer();
        DoubleBuffer sb = src.buffer();
        for (int j = 0; j < cols; j++) {
            double bj = scale * sb.get((int) (off + j));
            for (int i = 0; i < rows; i++) {
                int idx = i * cols + j;
                zb.put(idx, zb.get(idx) + bj);
            }
        }
    }

    private static void columnSums(NativeArray m, int rows, int cols, NativeArray dst, long off, double scale) {
        columnSums(m, rows, cols, dst, off, scale, false);
    }

    /** dst[off + j] (+)= scale Σᵢ m[i, j]: set when {@code set}, else added. */
    private static void columnSums(NativeArray m, int rows, int cols, NativeArray dst, long off, double scale,
                                   boolean set) {
        DoubleBuffer mb = m.buffer();
        DoubleBuffer db = dst.buffer();
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += mb.get(i * cols + j);
            }
            int idx = (int) (off + j);
            db.put(idx, (set ? 0.0 : db.get(idx)) + scale * s);
        }
    }
}
