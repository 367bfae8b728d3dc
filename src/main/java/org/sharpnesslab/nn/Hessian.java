package org.sharpnesslab.nn;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.task.Cancellation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loss Hessian ∇²L(θ) of a network on a dataset at a fixed θ, as a matrix-free {@link LinearOperator} on ℝᴾ
 * (exact products by the R-operator, not finite differences), plus its relatives at the same θ: the Gauss-Newton
 * part G = (1/n) Σᵢ Jᵢᵀ H_z,ᵢ Jᵢ, the functional part ∇²L − G (004 §2.2, Eq. 2), the NTK in function space, the
 * gradient, loss and accuracy.
 *
 * <p>Building it runs one forward and one backward pass over the whole dataset (in micro-batches of at most
 * {@link #DEFAULT_MICRO_BATCH} examples, bounding memory) and keeps activations, φ' and the deltas; every product
 * then costs only the R-passes (the cache does not depend on v): an eigen-solve pays for the forward and backward
 * pass once, like PyTorch keeping its gradient graph or JAX's {@code linearize}. For FCN 3072-512-512-10 on 1000
 * examples one product costs 9.5 GFLOP and the cache 3.7 GFLOP (with ReLU, δ₁ is made only when {@link #gradient()}
 * asks: 0.5 GFLOP more). Every network's passes are its {@link Stage}s' ({@code Passes}), run as GEMMs with θ,
 * the cache and the dataset's input matrix off-heap ({@code linalg.NativeArray}; the inputs' native copy is kept for
 * the next operator on the same {@link Dataset} and is the only copy of them the operator holds), and the products
 * run on per-thread off-heap work buffers, so a product copies only v in and H v out instead of every GEMM operand
 * (measured figures against PyTorch and JAX: {@code bench/README.md}).
 * L = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) ({@link Loss}).
 *
 * <p>When the dataset has fewer examples than input dimensions, {@link #reducedAt} gives the same operator in
 * the row-space coordinates of the inputs ({@link ReducedHessian}): exactly the same non-zero spectrum, 5.3
 * instead of 9.5 GFLOP per product for that network ("what the defaults buy" in {@code bench/run}).
 *
 * <p>Products ({@link #apply}, {@link #jvp}, {@link #vjp}, {@link #gradient}) may run on several threads at once
 * (each thread has its own work buffers, and what an R-pass remembers belongs to the call). The views
 * {@link #gaussNewton()}, {@link #functional()} and {@link #full()} share the operator's cache.
 *
 * <p>{@link #close()} gives the cache's native memory back at once (the library's own loops close every operator
 * they build), where the next operator of the same shapes reuses it without page faults; an operator that is never
 * closed is freed by the garbage collector, later.
 */
public final class Hessian implements LinearOperator, AutoCloseable {

    /** Examples per micro-batch unless told otherwise. */
    public static final int DEFAULT_MICRO_BATCH = 1024;

    private final Network net;
    private final Loss loss;
    private final Dataset data;
    private final List<Tape> tapes = new ArrayList<>();
    private final int p;
    private final double scale;
    private final Passes.Mode mode;
    private final Passes engine; // the passes and their cache, shared by the views

    private Hessian(Network net, Dataset data, Loss loss, List<Tape> tapes, Passes.Mode mode, Passes engine) {
        this.net = net;
        this.data = data;
        this.loss = loss;
        this.tapes.addAll(tapes);
        this.p = net.numParams();
        this.scale = 1.0 / data.size();
        this.mode = mode;
        this.engine = engine;
    }

    /**
     * ∇²L at θ = params on the whole dataset (full batch).
     *
     * @param net    the network
     * @param params θ (copied)
     * @param data   the examples (inputDim/outputDim must match the network)
     * @param loss   MSE or cross-entropy
     */
    public static Hessian at(Network net, double[] params, Dataset data, Loss loss) {
        return at(net, params, data, loss, DEFAULT_MICRO_BATCH);
    }

    /** As {@link #at(Network, double[], Dataset, Loss)} with micro-batches of at most {@code microBatch}. */
    public static Hessian at(Network net, double[] params, Dataset data, Loss loss, int microBatch) {
        org.sharpnesslab.task.Check.notNull("net", net);
        org.sharpnesslab.task.Check.finite(params, "params");
        org.sharpnesslab.task.Check.notNull("data", data);
        if (data.inputDim() != net.inputDim() || data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data + " does not match network " + net
                    + ": inputDim " + data.inputDim() + " vs " + net.inputDim() + ", outputDim "
                    + data.outputDim() + " vs " + net.outputDim());
        }
        if (microBatch < 1) {
            throw new IllegalArgumentException("microBatch must be >= 1, got " + microBatch);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + net.numParams()
                    + " entries, had " + params.length);
        }
        Passes engine = new Passes(net, params);
        int n = data.size();
        int k = data.outputDim();
        List<Tape> tapes = new ArrayList<>();
        for (int start = 0; start < n; start += microBatch) {
            Cancellation.checkpoint();
            int b = Math.min(microBatch, n - start);
            double[] y = b == n ? data.targets() : Arrays.copyOfRange(data.targets(), start * k, (start + b) * k);
            // every micro-batch reads the inputs' one off-heap copy at its offset
            tapes.add(engine.tape(data.inputs(), start, y, b, loss, 1.0 / n));
        }
        return new Hessian(net, data, loss, tapes, Passes.Mode.HESSIAN, engine);
    }

    /**
     * ∇²L at θ in row-space coordinates, H̃ = Pᵀ ∇²L P ({@link ReducedHessian}): exactly the non-zero eigenvalues
     * of ∇²L at ≈ n·r/(n·d) of the first layer's cost per product when n &lt; d. Computes the {@link InputBasis} of
     * the inputs; keep one with {@link InputBasis#of(Dataset)} and use
     * {@link #reducedAt(Network, double[], Dataset, Loss, InputBasis)} to reuse it across θ.
     */
    public static ReducedHessian reducedAt(Network net, double[] params, Dataset data, Loss loss) {
        return reducedAt(net, params, data, loss, InputBasis.of(data));
    }

    /**
     * As {@link #reducedAt(Network, double[], Dataset, Loss)} with a precomputed basis of {@code data}'s inputs.
     *
     * @throws IllegalArgumentException if the basis was built from other inputs, or the first layer is not dense
     */
    public static ReducedHessian reducedAt(Network net, double[] params, Dataset data, Loss loss, InputBasis basis) {
        return ReducedHessian.at(net, params, data, loss, basis, DEFAULT_MICRO_BATCH);
    }

    /** The Gauss-Newton part G v = (1/n) Σᵢ Jᵢᵀ H_z,ᵢ Jᵢ v (positive semi-definite for convex ℓ; 004 §2.2). */
    public Hessian gaussNewton() {
        return new Hessian(net, data, loss, tapes, Passes.Mode.GAUSS_NEWTON, engine);
    }

    /** The functional part (∇²L − G) v = (1/n) Σᵢ Σ_q (∂ℓ/∂f_q) ∇²f_q v (004 §2.2, "H"). */
    public Hessian functional() {
        return new Hessian(net, data, loss, tapes, Passes.Mode.FUNCTIONAL, engine);
    }

    /** The full Hessian ∇²L (this operator's parts summed). */
    public Hessian full() {
        return new Hessian(net, data, loss, tapes, Passes.Mode.HESSIAN, engine);
    }

    /**
     * The neural tangent kernel in function space, K = J Jᵀ / n on ℝ^{n·k} (row-major: example i, output c at
     * index i·k + c), where J is the n·k × P Jacobian of the outputs. Normalised by 1/n like the loss, so its
     * non-zero eigenvalues are those of Jᵀ J / n: for MSE (H_z = I) λ^K = λ_max(G) exactly, and λ^H = λ^K up to the
     * functional part (002 §2: λ^H ≈ λ^NTK for MSE at large width).
     */
    public LinearOperator ntk() {
        int nk = data.size() * data.outputDim();
        return new LinearOperator() {
            @Override public int dimension() { return nk; }
            @Override public void apply(double[] u, double[] out) {
                double[] jtu = vjp(u);
                double[] jv = jvp(jtu);
                for (int i = 0; i < nk; i++) {
                    out[i] = jv[i] * scale;
                }
            }
        };
    }

    @Override
    public int dimension() {
        return p;
    }

    /**
     * Gives back the native memory of the cache (θ, activations, deltas) now. Closes the
     * views that share the cache ({@link #gaussNewton()}, {@link #functional()}, {@link #full()}, {@link #ntk()},
     * {@link #block}) as well: their products then throw {@link IllegalStateException}; loss, outputs and accuracy
     * stay readable. Closing twice does nothing.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public void apply(double[] v, double[] out) {
        check(v, p, "v");
        check(out, p, "out");
        engine.apply(v, out, loss, scale, mode);
    }

    /** J v: the directional derivative of all outputs (n·k, row-major). */
    public double[] jvp(double[] v) {
        check(v, p, "v");
        return engine.jvp(v);
    }

    /** Jᵀ u for u ∈ ℝ^{n·k} (row-major). */
    public double[] vjp(double[] u) {
        int k = data.outputDim();
        check(u, data.size() * k, "u");
        return engine.vjp(u);
    }

    /** ∇L(θ). */
    public double[] gradient() {
        double[] out = new double[p];
        engine.gradient(out);
        return out;
    }

    /** L(θ) = (1/n) Σᵢ ℓᵢ. */
    public double loss() {
        double s = 0;
        for (Tape t : tapes) {
            s += t.lossSum;
        }
        return s * scale;
    }

    /** The outputs f(xᵢ; θ), n×k row-major. */
    public double[] outputs() {
        double[] out = new double[data.size() * data.outputDim()];
        int off = 0;
        for (Tape t : tapes) {
            System.arraycopy(t.f, 0, out, off, t.f.length);
            off += t.f.length;
        }
        return out;
    }

    /** Classification accuracy of the outputs ({@link Metrics#accuracy}). */
    public double accuracy() {
        return Metrics.accuracy(outputs(), data);
    }

    /** Which part this operator applies: "hessian", "gauss_newton" or "functional". */
    public String part() {
        return mode.name().toLowerCase();
    }

    /**
     * The diagonal block H_ll of this operator for layer l ∈ [1, L] (the layer's weights and bias, in the order
     * {@link Network#unpack} gives them), as an operator on ℝ^{P_l}: H_ll v_l is the layer-l block of H v with v
     * zero outside layer l (exact, one product of this operator each). λ₁(H_ll) is the sharpness the layer would
     * have on its own — the curvature view beside 004 §2.2's layerwise decomposition. The views
     * ({@link #gaussNewton()}, …) have blocks too.
     *
     * @param layer l, 1-based as in the papers
     * @throws IllegalArgumentException if l is outside [1, L]
     */
    public LinearOperator block(int layer) {
        List<Layer> layers = net.layers();
        if (layer < 1 || layer > layers.size()) {
            throw new IllegalArgumentException("layer must be in [1, " + layers.size() + "], was " + layer);
        }
        int off = 0;
        for (int l = 1; l < layer; l++) {
            off += layers.get(l - 1).numParams();
        }
        int from = off;
        int size = layers.get(layer - 1).numParams();
        Hessian whole = this;
        return new LinearOperator() {
            @Override
            public int dimension() {
                return size;
            }

            @Override
            public void apply(double[] v, double[] out) {
                check(v, size, "v");
                check(out, size, "out");
                double[] full = new double[p];
                System.arraycopy(v, 0, full, from, size);
                double[] hv = new double[p];
                whole.apply(full, hv);
                System.arraycopy(hv, from, out, 0, size);
            }
        };
    }

    private static void check(double[] a, int n, String name) {
        if (a.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", had " + a.length);
        }
    }

    @Override
    public String toString() {
        return "Hessian[" + part() + ", P=" + p + ", n=" + data.size() + ", " + loss + ", " + net + "]";
    }
}
