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
     * {@code grad += ∂⟨delta, L(in; p) + bias⟩/∂p} (numParams; modified); the bias part only if
     * {@code includeBias} (the R-operator's term ⟨δ, L(R(a); p)⟩ has no bias).
     */
    void backwardParams(double[] in, double[] delta, int batch, boolean includeBias, double[] grad);

    /** Draws the initial parameter block from {@code rng} into p (modified). */
    void init(Random rng, double[] p);

    /** Indices [from, to) of the weights (not the bias) in the block, for per-layer weight norms. */
    int weightCount();
}
