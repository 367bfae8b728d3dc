package org.sharpnesslab.nn;

import java.util.Random;

/**
 * A weight layer that is bilinear in its input and its parameters, y = L(x; p) (plus an optional bias): a dense
 * layer now, a convolution later. Bilinearity is all the derivative engine needs: the R-operator of Pearlmutter
 * (1994) is then R(y) = L(R(x); p) + L(x; v), and every pass below is a forward, an input-backward or a
 * parameter-backward of the layer. Matrices are flat row-major over a batch of examples (one example per row).
 * A layer owns no parameters: its block p (length {@link #numParams()}) is passed in.
 */
public interface Layer {

    /** Size of one example's input. */
    int inputSize();

    /** Size of one example's output. */
    int outputSize();

    /** Number of parameters in this layer's block. */
    int numParams();

    /**
     * {@code out = beta·out + L(in; p)} (+ the bias term of p if {@code includeBias}).
     *
     * @param p     the layer's parameter block (not modified)
     * @param in    batch × inputSize (not modified)
     * @param batch number of examples
     * @param out   batch × outputSize (modified)
     */
    void forward(double[] p, double[] in, int batch, boolean includeBias, double beta, double[] out);

    /** {@code gradIn = beta·gradIn + ∂⟨delta, L(in; p)⟩/∂in} (batch × inputSize; modified). */
    void backwardInput(double[] p, double[] delta, int batch, double beta, double[] gradIn);

    /**
     * {@code out = L(in1; p1) + bias of p1 + L(in2; p2)}: the R-operator's forward R(y) = L(x; v) + L(R(x); W) in
     * one call, which a layer may run as one product over both terms (a convolution stacks them into one GEMM).
     *
     * @param out batch × outputSize (modified; its old content ignored)
     */
    default void forwardSum(double[] p1, double[] in1, double[] p2, double[] in2, int batch, double[] out) {
        forward(p1, in1, batch, true, 0.0, out);
        forward(p2, in2, batch, false, 1.0, out);
    }

    /**
     * The backward passes of up to two terms ⟨d₁, L(x₁; p₁)⟩ + ⟨d₂, L(x₂; p₂)⟩ in one call, so that a layer can share
     * the work both deltas need (a convolution lays each delta out once for its input and weight gradients):
     * {@code grad += ∂/∂p} of the terms whose x is given (the bias part from the first term only, if
     * {@code bias1}), and {@code gradIn = Lᵀ(d₁; p₁) + Lᵀ(d₂; p₂)} if gradIn is given. The backward pass is the
     * first term alone (δ, x, W); the R-operator's is (R(δ), x, W) and (δ, R(x), V).
     *
     * @param d1     first delta, batch × outputSize, or {@code null} for no first term (not modified)
     * @param x1     its input for the weight gradient, or {@code null} for none (not modified)
     * @param p1     its parameters for the input gradient (not modified; unused if gradIn is null)
     * @param bias1  whether grad gets the bias gradient of the first term
     * @param d2     second delta, or {@code null} for no second term (not modified)
     * @param x2     its input, or {@code null} (not modified)
     * @param p2     its parameters (not modified)
     * @param batch  number of examples
     * @param grad   parameter gradient (modified: added to), or {@code null} when neither x is given
     * @param gradIn batch × inputSize (modified, old content ignored), or {@code null} if not wanted
     */
    default void backwardPair(double[] d1, double[] x1, double[] p1, boolean bias1, double[] d2, double[] x2,
                              double[] p2, int batch, double[] grad, double[] gradIn) {
        if (d1 != null && x1 != null) {
            backwardParams(x1, d1, batch, bias1, grad);
        }
        if (d2 != null && x2 != null) {
            backwardParams(x2, d2, batch, false, grad);
        }
        if (gradIn == null) {
            return;
        }
        if (d1 == null && d2 == null) {
            java.util.Arrays.fill(gradIn, 0, batch * inputSize(), 0.0);
        }
        if (d1 != null) {
            backwardInput(p1, d1, batch, 0.0, gradIn);
        }
        if (d2 != null) {
            backwardInput(p2, d2, batch, d1 != null ? 1.0 : 0.0, gradIn);
        }
    }

    /**
     * {@code grad += ∂⟨delta, L(in; p) + bias⟩/∂p} (numParams; modified); the bias part only if
     * {@code includeBias} (the R-operator's term ⟨δ, L(R(a); p)⟩ has no bias).
     */
    void backwardParams(double[] in, double[] delta, int batch, boolean includeBias, double[] grad);

    /** Draws the initial parameter block from {@code rng} into p (modified). */
    void init(Random rng, double[] p);

    /** Indices [from, to) of the weights (not the bias) in the block, for per-layer weight norms. */
    int weightCount();
}
