package org.sharpnesslab.nn;

import java.util.List;

/**
 * A differentiable stage of a network f(x; θ), y = g(x; p), on a batch of examples (row-major, one example per
 * row, images channel-major), with the passes that keep Hessian, Gauss-Newton, functional and NTK products exact
 * (Pearlmutter's R-operator, 004 §2.2): forward, backward, the linearised forward R(y) = J_x R(x) + J_p v and its
 * backward
 * <pre>
 *   R(δx) = J_xᵀ R(δy) + [∂²⟨δy, g⟩/∂x∂x] R(x) + [∂²⟨δy, g⟩/∂x∂p] v,
 *   (Hv)_p += J_pᵀ R(δy) + [∂²⟨δy, g⟩/∂p∂x] R(x) + [∂²⟨δy, g⟩/∂p∂p] v,
 * </pre>
 * where δy = ∂L/∂y. The bracketed terms are the "δ-terms": the Gauss-Newton product drops them, the functional
 * part keeps only them (R(δ) = 0 at the output). A stage holds no parameters: its weight layers ({@link #layers()},
 * one parameter block each, in θ order) read their blocks from an array of blocks starting at an index b0.
 *
 * <p>In every pass a {@code null} array stands for zero (R(x) of the network input, R(δ) of the functional part),
 * so that no work is spent on it.
 */
public interface Stage {

    /** Size of one example's input. */
    int inputSize();

    /** Size of one example's output. */
    int outputSize();

    /** The weight layers inside this stage, in θ order (one parameter block each; empty for none). */
    List<Layer> layers();

    /**
     * The forward pass on a batch, keeping what the backward and R-passes need.
     *
     * @param w     parameter blocks; this stage reads w[b0 .. b0 + layers().size()) (not modified)
     * @param b0    index of this stage's first block
     * @param x     batch × inputSize (not modified, and kept by reference: do not modify it afterwards)
     * @param batch number of examples
     */
    Pass forward(double[][] w, int b0, double[] x, int batch);

    /** One forward pass of a stage at fixed parameters and input; the later passes reuse its cache. */
    interface Pass {

        /**
         * y, batch × outputSize (do not modify). Call it once: a pass whose later passes do not need y (a weight
         * layer's) hands it over and keeps no reference, so that a tape holds each activation once.
         */
        double[] output();

        /**
         * The backward pass: grad blocks += J_pᵀ δy, returns δx = J_xᵀ δy.
         *
         * @param delta     δy, batch × outputSize (not modified; kept by reference if {@code keep})
         * @param grad      gradient blocks (modified at this stage's indices), or {@code null} for none
         * @param needInput whether δx is wanted (else {@code null} is returned and its work skipped)
         * @param keep      whether to remember δy (and inner deltas) for {@link #rBackward}
         */
        double[] backward(double[] delta, double[][] grad, boolean needInput, boolean keep);

        /**
         * The linearised forward pass R(y) = J_x R(x) + J_p v; remembers R(x) for {@link #rBackward}.
         *
         * @param v  direction blocks (not modified)
         * @param rx R(x), batch × inputSize, or {@code null} for zero
         * @return R(y), or {@code null} if it is zero
         */
        double[] rForward(double[][] v, double[] rx);

        /**
         * The R-operator's backward pass after {@link #rForward} (and {@link #backward} with {@code keep}).
         *
         * @param v          direction blocks (not modified)
         * @param rd         R(δy), or {@code null} for zero
         * @param deltaTerms whether to include the δ-terms (second derivatives of the stage)
         * @param hv         product blocks (modified at this stage's indices)
         * @param needInput  whether R(δx) is wanted
         * @return R(δx), or {@code null} if zero or not wanted
         */
        double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv, boolean needInput);
    }
}
