package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
import java.util.Random;

/**
 * A per-channel scale and shift y[c, α] = g_c x[c, α] + b_c (the learnable part of {@link LayerNorm}). Bilinear in
 * (x, g) plus a bias, hence a {@link Layer}. Parameters: g (C entries), then b (C entries); initially g = 1 (0 if
 * {@code zeroInit}: the last norm of a ResNet block in Flax's example), b = 0.
 *
 * @param shape    image shape (input = output)
 * @param zeroInit initialise g to zero
 */
public record ChannelAffine(ImageShape shape, boolean zeroInit) implements Layer {

    public ChannelAffine {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
    }

    @Override public int inputSize() { return shape.size(); }

    @Override public int outputSize() { return shape.size(); }

    @Override public int numParams() { return 2 * shape.channels(); }

    @Override public int weightCount() { return shape.channels(); }

    @Override
    public void forward(Blocks p, int b, NativeArray x, long xOff, int batch, boolean includeBias, double beta,
                        NativeArray y) {
        int c = shape.channels(), hw = shape.plane(), po = (int) p.at(b), xo = (int) xOff;
        DoubleBuffer pb = p.data().buffer(), xb = x.buffer(), yb = y.buffer();
        for (int i = 0; i < batch * c; i++) {
            int ch = i % c;
            double g = pb.get(po + ch);
            double bi = includeBias ? pb.get(po + c + ch) : 0.0;
            for (int j = i * hw, e = j + hw; j < e; j++) {
                yb.put(j, (beta == 0 ? 0.0 : beta * yb.get(j)) + g * xb.get(xo + j) + bi);
            }
        }
    }

    @Override
    public void backwardInput(Blocks p, int b, NativeArray delta, int batch, double beta, NativeArray gradIn) {
        int c = shape.channels(), hw = shape.plane(), po = (int) p.at(b);
        DoubleBuffer pb = p.data().buffer(), db = delta.buffer(), gb = gradIn.buffer();
        for (int i = 0; i < batch * c; i++) {
            double g = pb.get(po + i % c);
            for (int j = i * hw, e = j + hw; j < e; j++) {
                gb.put(j, (beta == 0 ? 0.0 : beta * gb.get(j)) + g * db.get(j));
            }
        }
    }

    /**
     * g_c and b_c = beta·old + the sums over each example in turn (the order in which the {@code double[]} form's
     * old content was added to); without the bias, b = beta·old.
     */
    @Override
    public void backwardParams(NativeArray x, long xOff, NativeArray delta, int batch, boolean includeBias,
                               double beta, Blocks grad, int b) {
        int c = shape.channels(), hw = shape.plane(), go = (int) grad.at(b), xo = (int) xOff;
        DoubleBuffer xb = x.buffer(), db = delta.buffer(), gb = grad.data().buffer();
        if (beta != 1) {
            for (int i = go; i < go + 2 * c; i++) {
                gb.put(i, beta == 0 ? 0.0 : beta * gb.get(i));
            }
        }
        for (int i = 0; i < batch * c; i++) {
            int ch = i % c;
            double sg = 0, sb = 0;
            for (int j = i * hw, e = j + hw; j < e; j++) {
                double d = db.get(j);
                sg += d * xb.get(xo + j);
                sb += d;
            }
            gb.put(go + ch, gb.get(go + ch) + sg);
            if (includeBias) {
                gb.put(go + c + ch, gb.get(go + c + ch) + sb);
            }
        }
    }

    @Override
    public void init(Random rng, double[] p) {
        int c = shape.channels();
        for (int i = 0; i < c; i++) {
            p[i] = zeroInit ? 0.0 : 1.0;
            p[c + i] = 0.0;
        }
    }

    @Override
    public String toString() {
        return "ChannelAffine[" + shape + (zeroInit ? ", zero init" : "") + "]";
    }
}
