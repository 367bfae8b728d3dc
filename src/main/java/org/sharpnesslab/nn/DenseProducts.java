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
 * The curvature products of {@link Passes#curvatureProduct} for a network whose layers are all {@link DenseLayer}s,
 * with every GEMM operand off-heap ({@link NativeArray}): θ, the inputs, the activations a_l and the deltas δ_l of
 * each micro-batch are copied to native memory once per operator (they do not depend on v), and a product copies
 * only v in and the result out. The R-forward pass and the backward pass run in one sweep on native work buffers,
 * with the same formulas as {@link Passes} (Pearlmutter's R-operator; 004 §2.2).
 *
 * <p>Why: JavaCPP's {@code double[]} GEMM copies each operand into native memory and back on every call: for
 * FCN 3072-512-512-10 on 1000 examples that is the 24 MB input matrix twice per product, 30–40 % of the GEMM time
 * on an idle machine (issue 13). The native copy of a dataset's inputs is kept for the next operator on the same
 * inputs (the most recent inputs only), as PyTorch and JAX keep their data in a tensor; the work buffers of the
 * products are per thread and shared by every operator the thread applies, so building an operator allocates
 * only θ, the activations and the deltas (fresh native memory costs a page fault per 4 KB when first written).
 * A product may run on several threads at once; building the operator may not.
 */
final class DenseProducts {

    private final int depth;
    private final DenseLayer[] layers;
    private final long[] offset;      // start of each layer's block in θ
    private final Activation act;
    private final NativeArray theta;  // θ off-heap
    private final List<Cache> caches = new ArrayList<>(); // one per micro-batch
    private final int p;

    /**
     * What a micro-batch's tape holds, off-heap where it feeds a GEMM; a_0 (the inputs) starts at {@code inputOffset}
     * of {@code acts[0]}, the other arrays at 0.
     */
    private record Cache(Tape tape, NativeArray[] acts, long inputOffset, NativeArray[] delta) {
        long offset(int l) {
            return l == 0 ? inputOffset : 0;
        }
    }

    /** The most recent dataset inputs copied off-heap (weakly keyed by the Java array: the copy is not pinned). */
    private static WeakReference<double[]> lastInputs = new WeakReference<>(null);
    private static NativeArray lastNativeInputs;

    /**
     * The off-heap copy of a dataset's inputs (made once and kept for the next operator on the same array: a
     * {@link org.sharpnesslab.data.Dataset}'s arrays are read-only).
     */
    static synchronized NativeArray nativeInputs(double[] inputs) {
        if (lastInputs.get() != inputs) {
            lastNativeInputs = NativeArray.of(inputs);
            lastInputs = new WeakReference<>(inputs);
        }
        return lastNativeInputs;
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

    /**
     * On unless the system property {@code sharpnesslab.offheap} is {@code false} (the benchmark's A/B switch:
     * then every product runs through {@link Passes} on Java arrays).
     */
    private static final boolean ENABLED = !"false".equals(System.getProperty("sharpnesslab.offheap"));

    /** Whether every layer is dense (the networks this engine handles) and the engine is enabled. */
    static boolean supports(Network net) {
        if (!ENABLED || net instanceof StageNetwork) {      // stage networks (residuals, convolutions) have their own passes
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
        this(net, (double[][]) null);
        theta.copyFrom(params, 0, 0, p);
    }

    /** Copies θ (blocks; null: left to the caller) off-heap; micro-batches are added by {@link #tape} or {@link #adopt}. */
    DenseProducts(Network net, double[][] w) {
        List<Layer> ls = net.layers();
        depth = ls.size();
        layers = new DenseLayer[depth];
        offset = new long[depth + 1];
        act = net.activation();
        for (int l = 0; l < depth; l++) {
            layers[l] = (DenseLayer) ls.get(l);
            offset[l + 1] = offset[l] + layers[l].numParams();
        }
        p = (int) offset[depth];
        theta = NativeArray.allocate(p);
        for (int l = 0; w != null && l < depth; l++) {
            theta.copyFrom(w[l], 0, offset[l], w[l].length);
        }
    }

    /** As {@link #DenseProducts(Network, double[][])}, adopting tapes made on the Java heap (copied off-heap). */
    DenseProducts(Network net, double[][] w, List<Tape> tapes) {
        this(net, w);
        for (Tape t : tapes) {
            adopt(t);
        }
    }

    /** θ as per-layer blocks on the Java heap (copies, for the generic passes). */
    double[][] blocks() {
        double[][] b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            b[l] = new double[layers[l].numParams()];
            theta.copyTo(offset[l], b[l], 0, b[l].length);
        }
        return b;
    }

    /** Copies a heap tape's activations and deltas off-heap and adds it as a micro-batch. */
    void adopt(Tape t) {
        NativeArray[] acts = new NativeArray[depth];
        NativeArray[] delta = new NativeArray[depth + 1];
        for (int l = 0; l < depth; l++) {
            acts[l] = NativeArray.of(t.acts[l]);
            delta[l + 1] = NativeArray.of(t.delta[l + 1]);
        }
        caches.add(new Cache(t, acts, 0, delta));
    }

    /**
     * The forward and backward pass of one micro-batch ({@link Passes#tape}, same formulas) with off-heap GEMM
     * operands: returns the heap {@link Tape} the generic passes use and keeps the off-heap copies of a_l and δ_l
     * for the products.
     *
     * @param inputs  the dataset's inputs (all examples; copied off-heap once, see {@link #nativeInputs})
     * @param start   the micro-batch's first example
     * @param x       its inputs on the heap ({@code inputs} itself when the batch is the whole dataset)
     * @param centreW θ₀'s blocks of a centred network, or null
     * @param scale   the weight of each example's loss in L (1/n)
     */
    Tape tape(double[] inputs, int start, double[] x, double[] y, int batch, double[][] centreW, Loss loss,
              double scale) {
        int k = layers[depth - 1].out();
        Tape t = new Tape(batch, depth, k, y);
        t.acts[0] = x;
        NativeArray[] acts = new NativeArray[depth];
        NativeArray[] delta = new NativeArray[depth + 1];
        acts[0] = nativeInputs(inputs);
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
                double[] dp = new double[len];
                double[] d2 = act.hasCurvature() ? new double[len] : null;
                activate(act, z.buffer(), dp, d2, len); // d2 is multiplied by E_l in the backward pass below
                t.dphi[l] = dp;
                t.curv[l] = d2;
                acts[l] = z;
            } else {
                t.f = z.toArray(batch * k);
                z.close();
            }
        }
        if (centreW != null) {
            double[] f0 = Passes.outputs(Arrays.asList(layers), act, centreW, x, batch);
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
        delta[depth] = NativeArray.of(dl);
        Cache c = new Cache(t, acts, inputOffset, delta);
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
     * native copy), and the curvature term φ''(z_{l−1}) ⊙ E_{l−1} kept on the tape.
     */
    private void backward(Cache c, int l) {
        Tape t = c.tape;
        int batch = t.batch;
        DenseLayer layer = layers[l - 1];
        int in = layer.in();
        int o = layer.out();
        NativeArray e = NativeArray.allocate((long) batch * in);
        Blas.gemm(false, false, batch, in, o, layer.gamma(), c.delta[l], 0, o, theta, offset[l - 1], in, 0.0, e, 0,
                in);
        double[] dp = t.dphi[l - 1];
        double[] curv = t.curv[l - 1];
        DoubleBuffer eb = e.buffer();
        int len = batch * in;
        for (int i = 0; i < len; i++) {
            double ei = eb.get(i);
            if (curv != null) {
                curv[i] *= ei;
            }
            eb.put(i, ei * dp[i]);
        }
        c.delta[l - 1] = e;
    }

    /**
     * The micro-batches' tapes for the generic passes on Java arrays ({@link Passes#rForward}, {@link Passes#vjp}):
     * the hidden activations a_l, kept off-heap only, are copied to the tapes at the first call.
     */
    synchronized List<Tape> heapTapes() {
        List<Tape> tapes = new ArrayList<>(caches.size());
        for (Cache c : caches) {
            Tape t = c.tape;
            for (int l = 1; l < depth; l++) {
                if (t.acts[l] == null) {
                    t.acts[l] = c.acts[l].toArray(t.batch * layers[l - 1].out());
                }
            }
            tapes.add(t);
        }
        return tapes;
    }

    /** ∇L = Σ over micro-batches of γ δ_lᵀ a_{l−1} (+ β Σᵢ δ_l for biases), written to result (length P). */
    void gradient(double[] result) {
        NativeArray out = SCRATCH.get().get(OUT, p);
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

    /** out = (mode-part of ∇²L) v summed over the micro-batches (v, out: length P; out may not alias v). */
    void apply(double[] vec, double[] result, Loss loss, double scale, Passes.Mode mode) {
        Scratch s = SCRATCH.get();
        NativeArray v = s.get(V, p).copyFrom(vec);
        NativeArray out = s.get(OUT, p);
        out.zero(p);
        for (Cache c : caches) {
            Cancellation.checkpoint();
            product(c, v, out, s, loss, scale, mode);
        }
        out.copyTo(0, result, 0, p);
    }

    /** One micro-batch: the R-forward pass, then the backward sweep accumulating into {@code out}. */
    private void product(Cache c, NativeArray v, NativeArray out, Scratch s, Loss loss, double scale,
                         Passes.Mode mode) {
        Tape t = c.tape;
        int b = t.batch;
        NativeArray[] rz = new NativeArray[depth + 1]; // R(z_l): the last layer, and hidden layers only if φ'' ≠ 0
        NativeArray[] ra = new NativeArray[depth + 1]; // R(a_l), l = 1..depth-1
        NativeArray[] rd = new NativeArray[depth + 1]; // R(δ_l), l = 1..depth
        for (int l = 1; l <= depth; l++) {
            long size = (long) b * layers[l - 1].out();
            rz[l] = l == depth || act.hasCurvature() ? s.get(slot(0, l), size) : null;
            ra[l] = l < depth ? s.get(slot(1, l), size) : null;
            rd[l] = s.get(slot(2, l), size);
        }
        // R-forward: R(z_l) = γ a_{l-1} V_lᵀ (+ β v_bias) + γ R(a_{l-1}) W_lᵀ; R(a_l) = φ'(z_l) ⊙ R(z_l)
        // (in place in R(a_l)'s buffer when φ'' = 0: R(z_l) is then needed only for the last layer)
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray z = rz[l] != null ? rz[l] : ra[l];
            Blas.gemm(false, true, b, o, in, layer.gamma(), c.acts[l - 1], c.offset(l - 1), in, v, offset[l - 1], in,
                    0.0, z, 0, o);
            if (layer.bias()) {
                addBias(z, b, o, v, offset[l - 1] + (long) in * o, layer.biasGamma());
            }
            if (l > 1) {
                Blas.gemm(false, true, b, o, in, layer.gamma(), ra[l - 1], 0, in, theta, offset[l - 1], in, 1.0,
                        z, 0, o);
            }
            if (l < depth) {
                multiply(t.dphi[l], z, ra[l], b * o);
            }
        }
        boolean deltaTerms = mode != Passes.Mode.GAUSS_NEWTON;
        boolean haveRd = mode != Passes.Mode.FUNCTIONAL;
        int k = layers[depth - 1].out();
        if (haveRd) {
            double[] heapRz = s.heap(0, b * k);
            double[] heapRd = s.heap(1, b * k);
            rz[depth].copyTo(0, heapRz, 0, b * k);
            for (int i = 0; i < b; i++) {
                loss.curvature(t.f, i * k, t.y, i * k, k, heapRz, i * k, scale, heapRd, i * k);
            }
            rd[depth].copyFrom(heapRd, 0, 0, b * k);
        }
        for (int l = depth; l >= 1; l--) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            long wOff = offset[l - 1];
            if (haveRd) { // ∂_W ⟨R(δ_l), L_l(a_{l-1})⟩ = γ R(δ_l)ᵀ a_{l-1} (+ β Σᵢ R(δ_l)ᵢ for the bias)
                Blas.gemm(true, false, o, in, b, layer.gamma(), rd[l], 0, o, c.acts[l - 1], c.offset(l - 1), in, 1.0,
                        out, wOff, in);
                if (layer.bias()) {
                    columnSums(rd[l], b, o, out, wOff + (long) in * o, layer.biasGamma());
                }
            }
            if (deltaTerms && l > 1) { // ∂_W ⟨δ_l, L_l(R(a_{l-1}))⟩ = γ δ_lᵀ R(a_{l-1})
                Blas.gemm(true, false, o, in, b, layer.gamma(), c.delta[l], 0, o, ra[l - 1], 0, in, 1.0, out, wOff,
                        in);
            }
            if (l == 1) {
                break;
            }
            // R(δ_{l-1}) = [γ R(δ_l) W_l + γ δ_l V_l] ⊙ φ'(z_{l-1}) + E_{l-1} ⊙ φ''(z_{l-1}) ⊙ R(z_{l-1})
            NativeArray re = rd[l - 1];
            double beta = 0.0;
            if (haveRd) {
                Blas.gemm(false, false, b, in, o, layer.gamma(), rd[l], 0, o, theta, wOff, in, 0.0, re, 0, in);
                beta = 1.0;
            }
            if (deltaTerms) {
                Blas.gemm(false, false, b, in, o, layer.gamma(), c.delta[l], 0, o, v, wOff, in, beta, re, 0, in);
            }
            finishDelta(re, t.dphi[l - 1], deltaTerms ? t.curv[l - 1] : null, rz[l - 1], b * in);
            haveRd = true;
        }
    }

    /** z ← φ(z), dp = φ'(z), d2 = φ''(z) if not null. */
    private static void activate(Activation act, DoubleBuffer zb, double[] dp, double[] d2, int len) {
        for (int i = 0; i < len; i++) {
            double zi = zb.get(i);
            dp[i] = act.derivative(zi);
            if (d2 != null) {
                d2[i] = act.secondDerivative(zi);
            }
            zb.put(i, act.value(zi));
        }
    }

    private static void multiply(double[] dphi, NativeArray z, NativeArray r, int len) {
        DoubleBuffer zb = z.buffer();
        DoubleBuffer rb = r.buffer();
        for (int i = 0; i < len; i++) {
            rb.put(i, dphi[i] * zb.get(i));
        }
    }

    private static void finishDelta(NativeArray re, double[] dphi, double[] curv, NativeArray rzPrev, int len) {
        DoubleBuffer eb = re.buffer();
        if (curv == null) {
            for (int i = 0; i < len; i++) {
                eb.put(i, eb.get(i) * dphi[i]);
            }
        } else {
            DoubleBuffer zb = rzPrev.buffer();
            for (int i = 0; i < len; i++) {
                eb.put(i, eb.get(i) * dphi[i] + curv[i] * zb.get(i));
            }
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
        DoubleBuffer mb = m.buffer();
        DoubleBuffer db = dst.buffer();
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += mb.get(i * cols + j);
            }
            int idx = (int) (off + j);
            db.put(idx, db.get(idx) + scale * s);
        }
    }
}
