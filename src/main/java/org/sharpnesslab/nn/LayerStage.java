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
                double[] dx = needInput ? new double[batch * layer.inputSize()] : null;
                if (grad != null || needInput) {
                    layer.backwardPair(d, grad != null ? x : null, w[b0], true, null, null, null, batch,
                            grad != null ? grad[b0] : null, dx);
                }
                return dx;
            }

            @Override
            public double[] rForward(double[][] v, double[] r) {
                rx = r;
                double[] ry = new double[ySize];
                if (r != null) {
                    layer.forwardSum(v[b0], x, w[b0], r, batch, ry);
                } else {
                    layer.forward(v[b0], x, batch, true, 0.0, ry);
                }
                return ry;
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                double[] r = rx;
                rx = null;
                boolean input = needInput && (rd != null || deltaTerms);
                double[] rdx = input ? new double[batch * layer.inputSize()] : null;
                // (R(δ), x, W) and the δ-terms (δ, R(x), V)
                layer.backwardPair(rd, x, w[b0], true, deltaTerms ? delta : null, r, v[b0], batch, hv[b0], rdx);
                return rdx;
            }
        };
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}
