package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.linalg.NativeArray;
import org.sharpnesslab.task.Cancellation;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The curvature products of {@link Passes#curvatureProduct} for a network whose layers are all {@link DenseLayer}s,
 * with every GEMM operand off-heap ({@link NativeArray}): θ, the inputs, the activations a_l and the deltas δ_l of
 * each micro-batch are copied to native memory once per operator (they do not depend on v), and a product copies
 * only v in and the result out. The R-forward pass and the backward pass run in one sweep on preallocated native
 * work buffers, with the same formulas as {@link Passes} (Pearlmutter's R-operator; 004 §2.2).
 *
 * <p>Why: JavaCPP's {@code double[]} GEMM copies each operand into native memory and back on every call: for
 * FCN 3072-512-512-10 on 1000 examples that is the 24 MB input matrix twice per product, 30–40 % of the GEMM time
 * on an idle machine (issue 13). Not thread-safe: the work buffers belong to one operator.
 */
final class DenseProducts {

    private final int depth;
    private final DenseLayer[] layers;
    private final long[] offset;      // start of each layer's block in θ
    private final Activation act;
    private final NativeArray theta;  // θ off-heap
    private final List<Cache> caches = new ArrayList<>(); // one per micro-batch
    private final NativeArray v;      // the direction, P
    private final NativeArray out;    // the product, P
    private final NativeArray[] rz;   // R(z_l), l = 1..depth (max batch rows; hidden layers only if φ'' ≠ 0)
    private final NativeArray[] ra;   // R(a_l), l = 1..depth-1
    private final NativeArray[] rd;   // R(δ_l), l = 1..depth
    private double[] heapRz;          // R(z_d) on the heap for Loss.curvature
    private double[] heapRd;
    private final int p;

    /** What a micro-batch's tape holds, off-heap where it feeds a GEMM. */
    private record Cache(Tape tape, NativeArray[] acts, NativeArray[] delta) {
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
        v = NativeArray.allocate(p);
        out = NativeArray.allocate(p);
        rz = new NativeArray[depth + 1];
        ra = new NativeArray[depth + 1];
        rd = new NativeArray[depth + 1];
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
        caches.add(new Cache(t, acts, delta));
    }

    /**
     * The forward and backward pass of one micro-batch ({@link Passes#tape}, same formulas) with off-heap GEMM
     * operands: returns the heap {@link Tape} the generic passes use and keeps the off-heap copies of a_l and δ_l
     * for the products.
     *
     * @param centreW θ₀'s blocks of a centred network, or null
     * @param scale   the weight of each example's loss in L (1/n)
     */
    Tape tape(double[] x, double[] y, int batch, double[][] centreW, Loss loss, double scale) {
        int k = layers[depth - 1].out();
        Tape t = new Tape(batch, depth, k, y);
        t.acts[0] = x;
        NativeArray[] acts = new NativeArray[depth];
        NativeArray[] delta = new NativeArray[depth + 1];
        acts[0] = NativeArray.of(x);
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray z = NativeArray.allocate((long) batch * o);
            Blas.gemm(false, true, batch, o, in, layer.gamma(), acts[l - 1], 0, in, theta, offset[l - 1], in, 0.0,
                    z, 0, o);
            if (layer.bias()) {
                addBias(z, batch, o, theta, offset[l - 1] + (long) in * o, layer.biasGamma());
            }
            if (l < depth) {
                int len = batch * o;
                double[] a = new double[len];
                double[] dp = new double[len];
                double[] d2 = act.hasCurvature() ? new double[len] : null;
                DoubleBuffer zb = z.buffer();
                for (int i = 0; i < len; i++) {
                    double zi = zb.get(i);
                    dp[i] = act.derivative(zi);
                    if (d2 != null) {
                        d2[i] = act.secondDerivative(zi); // multiplied by E_l in the backward pass below
                    }
                    a[i] = act.value(zi);
                    zb.put(i, a[i]);
                }
                t.acts[l] = a;
                t.dphi[l] = dp;
                t.curv[l] = d2;
                acts[l] = z;
            } else {
                t.f = z.toArray(batch * k);
                z.close();
            }
        }
        if (centreW != null) {
            double[] f0 = Passes.outputs(java.util.Arrays.asList(layers), act, centreW, x, batch);
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
        for (int l = depth; l > 1; l--) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray e = NativeArray.allocate((long) batch * in);
            Blas.gemm(false, false, batch, in, o, layer.gamma(), delta[l], 0, o, theta, offset[l - 1], in, 0.0, e, 0,
                    in);
            double[] dp = t.dphi[l - 1];
            double[] c = t.curv[l - 1];
            double[] d = new double[batch * in];
            DoubleBuffer eb = e.buffer();
            for (int i = 0; i < d.length; i++) {
                double ei = eb.get(i);
                d[i] = ei * dp[i];
                if (c != null) {
                    c[i] *= ei;
                }
                eb.put(i, d[i]);
            }
            t.delta[l - 1] = d;
            delta[l - 1] = e;
        }
        caches.add(new Cache(t, acts, delta));
        return t;
    }

    /** ∇L = Σ over micro-batches of γ δ_lᵀ a_{l−1} (+ β Σᵢ δ_l for biases), written to result (length P). */
    void gradient(double[] result) {
        out.zero(p);
        for (Cache c : caches) {
            int b = c.tape.batch;
            for (int l = 1; l <= depth; l++) {
                DenseLayer layer = layers[l - 1];
                int in = layer.in();
                int o = layer.out();
                Blas.gemm(true, false, o, in, b, layer.gamma(), c.delta[l], 0, o, c.acts[l - 1], 0, in, 1.0, out,
                        offset[l - 1], in);
                if (layer.bias()) {
                    columnSums(c.delta[l], b, o, out, offset[l - 1] + (long) in * o, layer.biasGamma());
                }
            }
        }
        out.copyTo(0, result, 0, p);
    }

    /** The work buffers of the products, sized for the largest micro-batch (made at the first product). */
    private void workspace() {
        int maxBatch = 1;
        for (Cache c : caches) {
            maxBatch = Math.max(maxBatch, c.tape.batch);
        }
        if (rz[depth] != null && rz[depth].length() >= (long) maxBatch * layers[depth - 1].out()) {
            return;
        }
        for (int l = 1; l <= depth; l++) {
            long size = (long) maxBatch * layers[l - 1].out();
            if (l == depth || act.hasCurvature()) {
                rz[l] = NativeArray.allocate(size);
            }
            rd[l] = NativeArray.allocate(size);
            if (l < depth) {
                ra[l] = NativeArray.allocate(size);
            }
        }
        int k = layers[depth - 1].out();
        heapRz = new double[maxBatch * k];
        heapRd = new double[maxBatch * k];
    }

    /** out = (mode-part of ∇²L) v summed over the micro-batches (v, out: length P; out may not alias v). */
    void apply(double[] vec, double[] result, Loss loss, double scale, Passes.Mode mode) {
        workspace();
        v.copyFrom(vec);
        out.zero(p);
        for (Cache c : caches) {
            Cancellation.checkpoint();
            product(c, loss, scale, mode);
        }
        out.copyTo(0, result, 0, p);
    }

    /** One micro-batch: the R-forward pass, then the backward sweep accumulating into {@link #out}. */
    private void product(Cache c, Loss loss, double scale, Passes.Mode mode) {
        Tape t = c.tape;
        int b = t.batch;
        // R-forward: R(z_l) = γ a_{l-1} V_lᵀ (+ β v_bias) + γ R(a_{l-1}) W_lᵀ; R(a_l) = φ'(z_l) ⊙ R(z_l)
        // (in place in R(a_l)'s buffer when φ'' = 0: R(z_l) is then needed only for the last layer)
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = layers[l - 1];
            int in = layer.in();
            int o = layer.out();
            NativeArray z = rz[l] != null ? rz[l] : ra[l];
            Blas.gemm(false, true, b, o, in, layer.gamma(), c.acts[l - 1], 0, in, v, offset[l - 1], in, 0.0, z, 0, o);
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
                Blas.gemm(true, false, o, in, b, layer.gamma(), rd[l], 0, o, c.acts[l - 1], 0, in, 1.0, out, wOff,
                        in);
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
