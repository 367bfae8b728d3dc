package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

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
    public void forward(double[] p, double[] x, int batch, boolean includeBias, double beta, double[] y) {
        int c = shape.channels(), hw = shape.plane();
        for (int i = 0; i < batch * c; i++) {
            int ch = i % c;
            double g = p[ch];
            double b = includeBias ? p[c + ch] : 0.0;
            for (int j = i * hw, e = j + hw; j < e; j++) {
                y[j] = (beta == 0 ? 0.0 : beta * y[j]) + g * x[j] + b;
            }
        }
    }

    @Override
    public void backwardInput(double[] p, double[] delta, int batch, double beta, double[] gradIn) {
        int c = shape.channels(), hw = shape.plane();
        for (int i = 0; i < batch * c; i++) {
            double g = p[i % c];
            for (int j = i * hw, e = j + hw; j < e; j++) {
                gradIn[j] = (beta == 0 ? 0.0 : beta * gradIn[j]) + g * delta[j];
            }
        }
    }

    @Override
    public void backwardParams(double[] x, double[] delta, int batch, boolean includeBias, double[] grad) {
        int c = shape.channels(), hw = shape.plane();
        for (int i = 0; i < batch * c; i++) {
            int ch = i % c;
            double sg = 0, sb = 0;
            for (int j = i * hw, e = j + hw; j < e; j++) {
                sg += delta[j] * x[j];
                sb += delta[j];
            }
            grad[ch] += sg;
            if (includeBias) {
                grad[c + ch] += sb;
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
