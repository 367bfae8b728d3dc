package org.sharpnesslab.nn;

/**
 * What a forward and backward pass at fixed θ leave behind for one micro-batch, reused by every product of an
 * eigen-solve (they do not depend on the direction v): the outputs f, the targets y, the loss, and the network's
 * {@link Stage.Pass} with its cached activations and deltas ({@link Passes}).
 */
final class Tape {
    final int batch;
    final double[] y;
    double[] f;
    double lossSum;
    /** The network's forward pass with its cache, kept for the backward and R-passes. */
    Stage.Pass pass;

    Tape(int batch, double[] y) {
        this.batch = batch;
        this.y = y;
    }
}
