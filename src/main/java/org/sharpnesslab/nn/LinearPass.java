package org.sharpnesslab.nn;

/**
 * The pass of a parameter-free stage that is linear in its input at the forward point, y = A x (pooling,
 * flattening; max pooling with A fixed by the forward's arg-max): every pass is A or Aᵀ, and there are no δ-terms.
 */
abstract class LinearPass implements Stage.Pass {

    private final double[] y;

    LinearPass(double[] y) {
        this.y = y;
    }

    /** A a for a batch × inputSize array. */
    abstract double[] apply(double[] a);

    /** Aᵀ d for a batch × outputSize array. */
    abstract double[] transpose(double[] d);

    @Override
    public double[] output() {
        return y;
    }

    @Override
    public double[] backward(double[] delta, double[][] grad, boolean needInput, boolean keep) {
        return needInput ? transpose(delta) : null;
    }

    @Override
    public double[] rForward(double[][] v, double[] rx) {
        return rx == null ? null : apply(rx);
    }

    @Override
    public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv, boolean needInput) {
        return rd == null || !needInput ? null : transpose(rd);
    }
}
