package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

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
    public Pass forward(Memory m, Blocks w, int b0, Rows in) {
        int batch = in.batch();
        NativeArray x = in.data();
        long xOff = in.offset();
        long ySize = (long) batch * layer.outputSize();
        long xSize = (long) batch * layer.inputSize();
        NativeArray y = m.allocate(ySize);
        layer.forward(w, b0, x, xOff, batch, true, 0.0, y);
        return new Pass() {
            NativeArray held = y;
            NativeArray delta; // δy of the last backward pass with keep

            /** The output, handed over once: later passes need only x, δ and R(x), so y is not kept. */
            @Override
            public NativeArray output() {
                NativeArray o = held;
                if (o == null) {
                    throw new IllegalStateException("the output of " + layer + " was already handed over");
                }
                held = null;
                return o;
            }

            @Override public boolean outputFree() { return true; }

            /** δy for the gradient, and for the δ-terms unless the input is constant (then R(x) = 0). */
            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                return grad || (keep && !in.constant());
            }

            @Override
            public NativeArray backward(Memory mem, NativeArray d, Blocks grad, boolean needInput, boolean keep) {
                if (keep) {
                    delta = d;
                }
                NativeArray dx = needInput ? mem.allocate(xSize) : null;
                if (grad != null || needInput) {
                    layer.backwardPair(d, grad != null ? x : null, xOff, w, true, null, null, null, b0, batch, grad,
                            dx);
                }
                return dx;
            }

            @Override
            public NativeArray backwardAgain(Memory mem, Blocks grad, boolean needInput) {
                if (delta == null) {
                    throw new IllegalStateException("no backward pass of " + layer + " was kept");
                }
                NativeArray dx = needInput ? mem.allocate(xSize) : null;
                if (grad != null || needInput) {
                    layer.backwardPair(delta, grad != null ? x : null, xOff, w, true, null, null, null, b0, batch,
                            grad, dx);
                }
                return dx;
            }

            @Override
            public NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray r) {
                s.keep(this, r);
                NativeArray ry = s.allocate(ySize);
                if (r != null) {
                    layer.forwardSum(v, x, xOff, w, r, b0, batch, ry);
                } else {
                    layer.forward(v, b0, x, xOff, batch, true, 0.0, ry);
                }
                return ry;
            }

            @Override
            public NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                NativeArray r = s.take(this);
                boolean input = needInput && (rd != null || deltaTerms);
                NativeArray d = deltaTerms ? delta : null;
                if (d == null && deltaTerms && (r != null || input)) {
                    throw new IllegalStateException("no backward pass of " + layer + " was kept");
                }
                NativeArray rdx = input ? s.allocate(xSize) : null;
                // (R(δ), x, W) and the δ-terms (δ, R(x), V)
                layer.backwardPair(rd, x, xOff, w, true, d, r, v, b0, batch, hv, rdx);
                return rdx;
            }
        };
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}
