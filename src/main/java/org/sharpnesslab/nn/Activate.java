package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
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
    public Pass forward(Memory m, Blocks w, int b0, Rows in) {
        int n = in.batch() * size;
        boolean relu = activation == Activation.RELU;
        boolean curvature = activation.hasCurvature() && !in.constant(); // R(x) = 0 at a constant input
        // y over x when nothing else reads x (z_l is needed only through φ'(z_l), φ''(z_l))
        boolean inPlace = in.free() && in.offset() == 0;
        NativeArray ya = inPlace ? in.data() : m.allocate(n);
        double[] dphi = relu ? null : new double[n];
        double[] d2 = curvature ? new double[n] : null;
        DoubleBuffer xb = in.data().buffer();
        DoubleBuffer yb = ya.buffer();
        int x0 = (int) in.offset();
        for (int i = 0; i < n; i++) {
            double z = xb.get(x0 + i);
            if (dphi != null) {
                dphi[i] = activation.derivative(z);
            }
            if (d2 != null) {
                d2[i] = activation.secondDerivative(z);
            }
            yb.put(i, activation.value(z));
        }
        return new Pass() {
            double[] curv;      // δy ⊙ φ''(x), the δ-term's factor (kept when φ'' ≠ 0)
            NativeArray delta;  // δy, kept for backwardAgain when the backward pass stopped here

            /**
             * dst = φ' ⊙ src over n entries (may alias). ReLU: φ' read off y &gt; 0, which is x &gt; 0, as a bit mask
             * without a branch: y ≥ +0, so −bits(y) is negative exactly when y &gt; 0; the signs are random, and with
             * a branch this loop was the second largest Java cost of a Myrtle-5 product in flight-recorder samples.
             */
            private NativeArray times(NativeArray src, NativeArray dst) {
                DoubleBuffer sb = src.buffer();
                DoubleBuffer db = dst.buffer();
                if (relu) {
                    for (int i = 0; i < n; i++) {
                        long mask = -Double.doubleToRawLongBits(yb.get(i)) >> 63;
                        db.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(sb.get(i)) & mask));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        db.put(i, dphi[i] * sb.get(i));
                    }
                }
                return dst;
            }

            @Override public NativeArray output() { return ya; }

            /** ReLU reads φ' off y: the next stage may not write over it. */
            @Override public boolean outputFree() { return !relu; }

            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                return keep && curvature;
            }

            @Override
            public NativeArray backward(Memory mem, NativeArray d, Blocks grad, boolean needInput, boolean keep) {
                if (keep && curvature) {
                    DoubleBuffer db = d.buffer();
                    curv = new double[n];
                    for (int i = 0; i < n; i++) {
                        curv[i] = d2[i] * db.get(i);
                    }
                }
                if (!needInput) {
                    if (keep) {
                        delta = d;
                    }
                    return null;
                }
                return times(d, d); // δx over δy (δy is this pass's)
            }

            @Override
            public NativeArray backwardAgain(Memory mem, Blocks grad, boolean needInput) {
                if (!needInput) {
                    return null;
                }
                if (delta == null) {
                    throw new IllegalStateException("no backward pass of " + Activate.this + " was kept");
                }
                return times(delta, mem.allocate(n));
            }

            @Override
            public NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray r) {
                if (r == null) {
                    return null;
                }
                if (curvature) { // R(x) enters R(δx) through φ''
                    s.keep(this, r);
                    return times(r, s.allocate(n));
                }
                return times(r, r);
            }

            @Override
            public NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                NativeArray r = s.take(this);
                boolean curvTerm = deltaTerms && curvature && r != null;
                if (!needInput || (rd == null && !curvTerm)) {
                    return null;
                }
                if (curvTerm && curv == null) {
                    throw new IllegalStateException("no backward pass of " + Activate.this + " was kept");
                }
                if (rd == null) {
                    NativeArray out = s.allocate(n);
                    DoubleBuffer ob = out.buffer();
                    DoubleBuffer rb = r.buffer();
                    for (int i = 0; i < n; i++) {
                        ob.put(i, curv[i] * rb.get(i));
                    }
                    return out;
                }
                if (!curvTerm) {
                    return times(rd, rd);
                }
                // R(δx) = φ' ⊙ R(δy) + (δy ⊙ φ'') ⊙ R(x)
                DoubleBuffer ob = rd.buffer();
                DoubleBuffer rb = r.buffer();
                for (int i = 0; i < n; i++) {
                    ob.put(i, dphi[i] * ob.get(i) + curv[i] * rb.get(i));
                }
                return rd;
            }
        };
    }

    @Override
    public String toString() {
        return activation.name().toLowerCase();
    }
}
