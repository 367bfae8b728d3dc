package org.sharpnesslab.nn;

/**
 * What a forward and backward pass at fixed θ leave behind for one micro-batch, reused by every product of an
 * eigen-solve (they do not depend on the direction v): layer inputs a_l, φ'(z_l), E_l ⊙ φ''(z_l), the deltas
 * δ_l = ∂L/∂z_l, the outputs f and targets y. Indices follow {@link Passes}.
 */
final class Tape {
    final int batch;
    final double[][] acts;
    final double[][] dphi;
    final double[][] curv;
    final double[][] delta;
    final double[] y;
    double[] f;
    double lossSum;
    /** The stage passes of a {@link StageNetwork} ({@link StagePasses}), else null. */
    StagePasses.State graph;

    Tape(int batch, int depth, int k, double[] y) {
        this.batch = batch;
        this.acts = new double[depth][];
        this.dphi = new double[depth][];
        this.curv = new double[depth][];
        this.delta = new double[depth + 1][];
        this.y = y;
    }
}
