package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

/**
 * The pass of a parameter-free stage that is linear in its input at the forward point, y = A x (pooling,
 * flattening; max pooling with A fixed by the forward's arg-max): every pass is A or Aᵀ, and there are no δ-terms,
 * so it never wants δy ({@link #wantsDelta}) and keeps it only for {@link #backwardAgain}.
 */
abstract class LinearPass implements Stage.Pass {

    private final Object stage;      // for messages
    private final int inputLength;   // batch × inputSize
    private final boolean outputFree;
    private NativeArray y;           // the output until it is handed over
    private NativeArray delta;       // δy of the last backward pass with keep that stopped here

    /**
     * @param stage       the stage (for messages)
     * @param inputLength batch × inputSize
     * @param y           the output, batch × outputSize from 0
     * @param outputFree  whether nothing but the next stage reads y (when y is the input itself: whether that is free)
     */
    LinearPass(Object stage, int inputLength, NativeArray y, boolean outputFree) {
        this.stage = stage;
        this.inputLength = inputLength;
        this.y = y;
        this.outputFree = outputFree;
    }

    /**
     * A a for a batch × inputSize array from 0: an array from m, or a itself when A is the identity (a is not
     * modified).
     */
    abstract NativeArray apply(Memory m, NativeArray a);

    /**
     * Aᵀ d for a batch × outputSize array from 0: an array from m, or d itself when A is the identity (d is not
     * modified).
     */
    abstract NativeArray transpose(Memory m, NativeArray d);

    /** The output, handed over once (no later pass reads it). */
    @Override
    public NativeArray output() {
        NativeArray o = y;
        if (o == null) {
            throw new IllegalStateException("the output of " + stage + " was already handed over");
        }
        y = null;
        return o;
    }

    @Override public boolean outputFree() { return outputFree; }

    /** No layers and no δ-terms. */
    @Override public boolean wantsDelta(boolean grad, boolean keep) { return false; }

    @Override
    public NativeArray backward(Memory m, NativeArray d, Blocks grad, boolean needInput, boolean keep) {
        if (!needInput) {
            if (keep) {
                delta = d;
            }
            return null;
        }
        return transpose(m, d);
    }

    @Override
    public NativeArray backwardAgain(Memory m, Blocks grad, boolean needInput) {
        if (!needInput) {
            return null;
        }
        if (delta == null) {
            throw new IllegalStateException("no backward pass of " + stage + " was kept");
        }
        NativeArray dx = transpose(m, delta);
        if (dx == delta) { // the kept δy stays this pass's (a later gradient reads it again)
            dx = m.allocate(inputLength);
            dx.buffer().put(0, delta.buffer(), 0, inputLength);
        }
        return dx;
    }

    @Override
    public NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray rx) {
        return rx == null ? null : apply(s, rx);
    }

    @Override
    public NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                 boolean needInput) {
        return rd == null || !needInput ? null : transpose(s, rd);
    }
}
