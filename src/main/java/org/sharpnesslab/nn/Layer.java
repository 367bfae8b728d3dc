package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.util.Random;

/**
 * A weight layer that is bilinear in its input and its parameters, y = L(x; p) (plus an optional bias): dense,
 * convolution, per-channel affine. Bilinearity is all the derivative engine needs: the R-operator of Pearlmutter
 * (1994) is then R(y) = L(R(x); p) + L(x; v), and every pass is a forward, an input-backward or a
 * parameter-backward of the layer. Matrices are flat row-major over a batch of examples (one example per row), in
 * off-heap memory ({@link NativeArray}); parameters are block b of a {@link Blocks} (θ, a direction or a
 * gradient). The {@code double[]} forms copy their operands off-heap and back (for callers outside the engine).
 * A layer owns no parameters.
 */
public interface Layer {

    /** Size of one example's input. */
    int inputSize();

    /** Size of one example's output. */
    int outputSize();

    /** Number of parameters in this layer's block. */
    int numParams();

    /**
     * {@code y = beta·y + L(x; p_b)} (+ the bias term of p_b if {@code includeBias}).
     *
     * @param x     batch × inputSize from {@code xOff} (not modified)
     * @param y     batch × outputSize from 0 (modified)
     */
    void forward(Blocks p, int b, NativeArray x, long xOff, int batch, boolean includeBias, double beta,
                 NativeArray y);

    /** {@code gradIn = beta·gradIn + ∂⟨delta, L(x; p_b)⟩/∂x} (batch × inputSize from 0; modified). */
    void backwardInput(Blocks p, int b, NativeArray delta, int batch, double beta, NativeArray gradIn);

    /**
     * Block b of grad = beta · (its old content) + ∂⟨delta, L(x; p) + bias⟩/∂p; the bias part only if
     * {@code includeBias} (the R-operator's term ⟨δ, L(R(a); p)⟩ has no bias), else it is beta · old.
     */
    void backwardParams(NativeArray x, long xOff, NativeArray delta, int batch, boolean includeBias, double beta,
                        Blocks grad, int b);

    /**
     * {@code y = L(x1; p1_b) + bias of p1_b + L(x2; p2_b)}: the R-operator's forward R(y) = L(x; v) + L(R(x); W) in
     * one call, which a layer may run as one product over both terms (a convolution stacks them into one GEMM).
     *
     * @param x2 batch × inputSize from 0
     * @param y  batch × outputSize (modified; its old content ignored)
     */
    default void forwardSum(Blocks p1, NativeArray x1, long x1Off, Blocks p2, NativeArray x2, int b, int batch,
                            NativeArray y) {
        forward(p1, b, x1, x1Off, batch, true, 0.0, y);
        forward(p2, b, x2, 0, batch, false, 1.0, y);
    }

    /**
     * The backward passes of up to two terms ⟨d₁, L(x₁; p₁)⟩ + ⟨d₂, L(x₂; p₂)⟩ in one call, so that a layer can share
     * the work both deltas need (a convolution lays each delta out once for its input and weight gradients):
     * block b of grad gets ∂/∂p of the terms whose x is given (the bias part from the first term only, if
     * {@code bias1}; set on its first write since the last {@link Blocks#reset()}, else added), and
     * {@code gradIn = Lᵀ(d₁; p₁) + Lᵀ(d₂; p₂)} if gradIn is given, made before grad is written (grad may share
     * p₂'s memory: H v written over v). The backward pass is the first term alone (δ, x, W); the R-operator's is
     * (R(δ), x, W) and (δ, R(x), V).
     *
     * @param d1     first delta, batch × outputSize, or {@code null} for no first term (not modified)
     * @param x1     its input (from {@code x1Off}) for the weight gradient, or {@code null} for none
     * @param p1     its parameters for the input gradient (unused if gradIn is null)
     * @param d2     second delta, or {@code null} for no second term (not modified)
     * @param x2     its input (from 0), or {@code null}
     * @param p2     its parameters
     * @param grad   the gradient's blocks, or {@code null} when neither x is given
     * @param gradIn batch × inputSize (modified, old content ignored), or {@code null} if not wanted
     */
    default void backwardPair(NativeArray d1, NativeArray x1, long x1Off, Blocks p1, boolean bias1, NativeArray d2,
                              NativeArray x2, Blocks p2, int b, int batch, Blocks grad, NativeArray gradIn) {
        // the input gradient first: grad may share p2's memory (a product written over its direction)
        if (gradIn != null) {
            if (d1 == null && d2 == null) {
                gradIn.zero((long) batch * inputSize());
            }
            if (d1 != null) {
                backwardInput(p1, b, d1, batch, 0.0, gradIn);
            }
            if (d2 != null) {
                backwardInput(p2, b, d2, batch, d1 != null ? 1.0 : 0.0, gradIn);
            }
        }
        if (d1 != null && x1 != null) {
            backwardParams(x1, x1Off, d1, batch, bias1, grad.beta(b), grad, b);
        }
        if (d2 != null && x2 != null) {
            backwardParams(x2, 0, d2, batch, false, grad.beta(b), grad, b);
        }
    }

    /** Draws the initial parameter block from {@code rng} into p (modified). */
    void init(Random rng, double[] p);

    /** Number of weights (not the bias) at the start of the block, for per-layer weight norms. */
    int weightCount();

    // The double[] forms: operands copied off-heap and the result copied back.

    /** {@code out = beta·out + L(in; p)} (+ the bias term if {@code includeBias}) on Java arrays. */
    default void forward(double[] p, double[] in, int batch, boolean includeBias, double beta, double[] out) {
        int xs = batch * inputSize(), ys = batch * outputSize();
        try (NativeArray pn = copy(p, numParams()); NativeArray xn = copy(in, xs); NativeArray yn = copy(out, ys)) {
            forward(Blocks.single(this, pn), 0, xn, 0, batch, includeBias, beta, yn);
            yn.copyTo(0, out, 0, ys);
        }
    }

    /** {@code gradIn = beta·gradIn + ∂⟨delta, L(x; p)⟩/∂x} on Java arrays. */
    default void backwardInput(double[] p, double[] delta, int batch, double beta, double[] gradIn) {
        int xs = batch * inputSize(), ys = batch * outputSize();
        try (NativeArray pn = copy(p, numParams()); NativeArray dn = copy(delta, ys);
             NativeArray gn = copy(gradIn, xs)) {
            backwardInput(Blocks.single(this, pn), 0, dn, batch, beta, gn);
            gn.copyTo(0, gradIn, 0, xs);
        }
    }

    /** {@code grad += ∂⟨delta, L(in; p) + bias⟩/∂p} on Java arrays (the bias part only if {@code includeBias}). */
    default void backwardParams(double[] in, double[] delta, int batch, boolean includeBias, double[] grad) {
        int xs = batch * inputSize(), ys = batch * outputSize();
        try (NativeArray xn = copy(in, xs); NativeArray dn = copy(delta, ys); NativeArray gn = copy(grad, numParams())) {
            backwardParams(xn, 0, dn, batch, includeBias, 1.0, Blocks.single(this, gn), 0);
            gn.copyTo(0, grad, 0, numParams());
        }
    }

    /** {@link #forwardSum(Blocks, NativeArray, long, Blocks, NativeArray, int, int, NativeArray)} on Java arrays. */
    default void forwardSum(double[] p1, double[] in1, double[] p2, double[] in2, int batch, double[] out) {
        int xs = batch * inputSize(), ys = batch * outputSize();
        try (NativeArray a = copy(p1, numParams()); NativeArray x1 = copy(in1, xs); NativeArray c = copy(p2, numParams());
             NativeArray x2 = copy(in2, xs); NativeArray y = NativeArray.allocate(ys)) {
            forwardSum(Blocks.single(this, a), x1, 0, Blocks.single(this, c), x2, 0, batch, y);
            y.copyTo(0, out, 0, ys);
        }
    }

    /**
     * {@link #backwardPair(NativeArray, NativeArray, long, Blocks, boolean, NativeArray, NativeArray, Blocks, int,
     * int, Blocks, NativeArray)} on Java arrays; grad is added to (never set).
     */
    default void backwardPair(double[] d1, double[] x1, double[] p1, boolean bias1, double[] d2, double[] x2,
                              double[] p2, int batch, double[] grad, double[] gradIn) {
        int xs = batch * inputSize(), ys = batch * outputSize(), np = numParams();
        try (NativeArray dn1 = copy(d1, ys); NativeArray xn1 = copy(x1, xs); NativeArray pn1 = copy(p1, np);
             NativeArray dn2 = copy(d2, ys); NativeArray xn2 = copy(x2, xs); NativeArray pn2 = copy(p2, np);
             NativeArray g = copy(grad, np); NativeArray gi = gradIn == null ? null : NativeArray.allocate(xs)) {
            NativeArray zero = pn1 == null || pn2 == null ? NativeArray.zeros(np) : null;
            Blocks gb = g == null ? null : Blocks.single(this, g);
            if (gb != null) {
                gb.beta(0); // grad is added to
            }
            backwardPair(dn1, xn1, 0, Blocks.single(this, pn1 != null ? pn1 : zero), bias1, dn2, xn2,
                    Blocks.single(this, pn2 != null ? pn2 : zero), 0, batch, gb, gi);
            if (g != null) {
                g.copyTo(0, grad, 0, np);
            }
            if (gi != null) {
                gi.copyTo(0, gradIn, 0, xs);
            }
            if (zero != null) {
                zero.close();
            }
        }
    }

    /** The first {@code len} entries of a off-heap, or null for null. */
    private static NativeArray copy(double[] a, int len) {
        if (a == null) {
            return null;
        }
        if (a.length < len) {
            throw new IllegalArgumentException("array of length " + a.length + " is shorter than " + len);
        }
        return NativeArray.allocate(Math.max(1, len)).copyFrom(a, 0, 0, len);
    }
}
