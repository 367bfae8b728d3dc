package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

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
 * one parameter block each, in θ order) read their blocks of θ ({@link Blocks}) from the index b0 on.
 *
 * <p>Every batch is off-heap ({@link NativeArray}): the passes hand their GEMMs addresses, never copies. In every
 * pass a {@code null} array stands for zero (R(x) of the network input, R(δ) of the functional part), so that no
 * work is spent on it. An array handed to a pass as its input (δy, R(x), R(δy)) belongs to the pass from then on:
 * it may keep it or write over it, and the caller does not read it again; the arrays a pass returns belong to the
 * caller.
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
     * @param m  where the output and the cache are allocated
     * @param w  θ; this stage reads blocks b0 .. b0 + layers().size() (not modified)
     * @param b0 index of this stage's first block
     * @param x  the input batch (not modified unless {@link Rows#free()}; kept by reference)
     */
    Pass forward(Memory m, Blocks w, int b0, Rows x);

    /**
     * A batch of inputs: {@code batch} rows of {@code inputSize} entries from {@code offset} of {@code data}.
     *
     * @param constant whether the rows do not depend on θ (the network's input: R(x) = 0 and δx is not wanted)
     * @param free     whether the stage may write over the rows (nothing reads them after this stage's forward)
     */
    record Rows(NativeArray data, long offset, int batch, boolean constant, boolean free) {
    }

    /** One forward pass of a stage at fixed parameters and input; the later passes reuse its cache. */
    interface Pass {

        /**
         * y, batch × outputSize, from offset 0. Call it once: a pass whose later passes do not need y hands it over
         * and keeps no reference ({@link #outputFree()}).
         */
        NativeArray output();

        /** Whether this pass keeps no reference to its output (the next stage may write over it). */
        boolean outputFree();

        /**
         * Whether this pass needs δy: for the gradient of its layers ({@code grad}), or, with {@code keep}, for the
         * δ-terms of its R-backward pass. A chain stops its backward pass below the last stage that needs δy (the
         * work of δx for the first weight layer is done only when a gradient asks, {@link #backwardAgain}).
         */
        boolean wantsDelta(boolean grad, boolean keep);

        /**
         * The backward pass: grad += J_pᵀ δy, returns δx = J_xᵀ δy.
         *
         * @param m         where δx and (with {@code keep}) the cache are allocated
         * @param delta     δy, batch × outputSize (this pass's from now on; never null)
         * @param grad      the gradient's blocks (written at this stage's blocks), or {@code null} for none
         * @param needInput whether δx is wanted (else {@code null} is returned and its work skipped)
         * @param keep      whether to keep what {@link #rBackward} and {@link #backwardAgain} need
         */
        NativeArray backward(Memory m, NativeArray delta, Blocks grad, boolean needInput, boolean keep);

        /**
         * The backward pass again from the δy of the last {@link #backward} with {@code keep}: grad += J_pᵀ δy and,
         * if {@code needInput}, δx (the part of the gradient a chain left undone while building an operator).
         */
        NativeArray backwardAgain(Memory m, Blocks grad, boolean needInput);

        /**
         * The linearised forward pass R(y) = J_x R(x) + J_p v; remembers what {@link #rBackward} needs in
         * {@code s}.
         *
         * @param v  the direction (not modified)
         * @param rx R(x), batch × inputSize (this pass's from now on), or {@code null} for zero
         * @return R(y), or {@code null} if it is zero
         */
        NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray rx);

        /**
         * The R-operator's backward pass after {@link #rForward} in the same call {@code s} (and {@link #backward}
         * with {@code keep}).
         *
         * @param v          the direction (not modified before this stage's last read of its blocks)
         * @param rd         R(δy) (this pass's from now on), or {@code null} for zero
         * @param deltaTerms whether to include the δ-terms (second derivatives of the stage)
         * @param hv         the product's blocks (written at this stage's blocks; may share v's memory)
         * @param needInput  whether R(δx) is wanted
         * @return R(δx), or {@code null} if zero or not wanted
         */
        NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                              boolean needInput);
    }
}
