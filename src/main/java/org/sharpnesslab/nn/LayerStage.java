package org.sharpnesslab.nn;

import java.util.List;

/**
 * A bilinear weight {@link Layer} (dense, convolution, per-channel affine) as a {@link Stage}. Bilinearity gives
 * every pass from the layer's three products: R(y) = L(R(x); W) + L(x; V) (bias in the second), R(δx) = Lᵀ(R(δy); W)
 * + Lᵀ(δy; V), (Hv)_W = ∂_W⟨R(δy), L(x)⟩ + ∂_W⟨δy, L(R(x))⟩ (the second terms are the δ-terms); the Hessian of a
 * bilinear map in (x, W) has no other block.
 *
 * @param layer the layer
 */
public record LayerStage(Layer layer) implements Stage {

    public LayerStage {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
    }

    @Override public int inputSize() { return layer.inputSize(); }

    @Override public int outputSize() { return layer.outputSize(); }

    @Override public List<Layer> layers() { return List.of(layer); }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        int ySize = batch * layer.outputSize();
        // the output sits in a holder the pass empties when it hands y over (a captured local would keep it alive)
        double[][] held = {new double[ySize]};
        layer.forward(w[b0], x, batch, true, 0.0, held[0]);
        return new Pass() {
            double[] delta;
            double[] rx;

            /** The output, handed over once: later passes need only x, δ and R(x), so y is not kept. */
            @Override
            public double[] output() {
                double[] o = held[0];
                if (o == null) {
                    throw new IllegalStateException("the output of " + layer + " was already handed over");
                }
                held[0] = null;
                return o;
            }

            @Override
            public double[] backward(double[] d, double[][] grad, boolean needInput, boolean keep) {
                if (keep) {
                    delta = d;
                }
                if (grad != null) {
                    layer.backwardParams(x, d, batch, true, grad[b0]);
                }
                if (!needInput) {
                    return null;
                }
                double[] dx = new double[batch * layer.inputSize()];
                layer.backwardInput(w[b0], d, batch, 0.0, dx);
                return dx;
            }

            @Override
            public double[] rForward(double[][] v, double[] r) {
                rx = r;
                double[] ry = new double[ySize];
                layer.forward(v[b0], x, batch, true, 0.0, ry);
                if (r != null) {
                    layer.forward(w[b0], r, batch, false, 1.0, ry);
                }
                return ry;
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                if (rd != null) {
                    layer.backwardParams(x, rd, batch, true, hv[b0]);
                }
                if (deltaTerms && rx != null) {
                    layer.backwardParams(rx, delta, batch, false, hv[b0]);
                }
                rx = null;
                if (!needInput || (rd == null && !deltaTerms)) {
                    return null;
                }
                double[] rdx = new double[batch * layer.inputSize()];
                double beta = 0.0;
                if (rd != null) {
                    layer.backwardInput(w[b0], rd, batch, 0.0, rdx);
                    beta = 1.0;
                }
                if (deltaTerms) {
                    layer.backwardInput(v[b0], delta, batch, beta, rdx);
                }
                return rdx;
            }
        };
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}
