package org.sharpnesslab.nn;

import java.util.List;

/**
 * The element-wise activation y = φ(x) as a {@link Stage}: R(y) = φ'(x) ⊙ R(x), δx = φ'(x) ⊙ δy, and the δ-term
 * of R(δx) is δy ⊙ φ''(x) ⊙ R(x) (zero for ReLU and linear, where only φ' is kept).
 *
 * @param activation φ
 * @param size       entries per example
 */
public record Activate(Activation activation, int size) implements Stage {

    public Activate {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
    }

    /** ReLU on {@code size} entries per example. */
    public static Activate relu(int size) {
        return new Activate(Activation.RELU, size);
    }

    @Override public int inputSize() { return size; }

    @Override public int outputSize() { return size; }

    @Override public List<Layer> layers() { return List.of(); }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        int n = batch * size;
        double[] y = new double[n];
        boolean relu = activation == Activation.RELU;
        double[] dphi = relu ? null : new double[n];
        double[] d2 = activation.hasCurvature() ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            double z = x[i];
            y[i] = activation.value(z);
            if (dphi != null) {
                dphi[i] = activation.derivative(z);
            }
            if (d2 != null) {
                d2[i] = activation.secondDerivative(z);
            }
        }
        return new Pass() {
            double[] delta;
            double[] rx;

            /**
             * out = φ' ⊙ a (ReLU: φ' read off y > 0, which is x > 0, as a bit mask without a branch: y ≥ +0, so
             * −bits(y) is negative exactly when y > 0; the signs are random, and with a branch this loop was the
             * second largest Java cost of a Myrtle-5 product in flight-recorder samples, as in {@link Activation}).
             */
            private double[] times(double[] a) {
                double[] out = new double[n];
                if (relu) {
                    for (int i = 0; i < n; i++) {
                        long mask = -Double.doubleToRawLongBits(y[i]) >> 63;
                        out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[i]) & mask);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = dphi[i] * a[i];
                    }
                }
                return out;
            }

            @Override public double[] output() { return y; }

            @Override
            public double[] backward(double[] d, double[][] grad, boolean needInput, boolean keep) {
                if (keep && d2 != null) {
                    delta = d;
                }
                return needInput ? times(d) : null;
            }

            @Override
            public double[] rForward(double[][] v, double[] r) {
                rx = d2 != null ? r : null; // R(x) enters R(δx) only through φ''
                return r == null ? null : times(r);
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                double[] r = rx;
                rx = null;
                boolean curv = deltaTerms && d2 != null && r != null;
                if (!needInput || (rd == null && !curv)) {
                    return null;
                }
                double[] out = rd != null ? times(rd) : new double[n];
                if (curv) {
                    for (int i = 0; i < n; i++) {
                        out[i] += delta[i] * d2[i] * r[i];
                    }
                }
                return out;
            }
        };
    }

    @Override
    public String toString() {
        return activation.name().toLowerCase();
    }
}
