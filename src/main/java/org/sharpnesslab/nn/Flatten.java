package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

import java.util.List;

/**
 * C×H×W images to vectors of C·H·W entries in channel-major order (as PyTorch's {@code flatten} of NCHW). Images are
 * already stored flat, so this is the identity on the arrays; it marks where a network leaves image shapes.
 *
 * @param in input image shape
 */
public record Flatten(ImageShape in) implements Stage {

    public Flatten {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return in.size(); }

    @Override public List<Layer> layers() { return List.of(); }

    @Override
    public Stage.Pass forward(double[][] w, int b0, double[] x, int batch) {
        return new LinearPass(x) {
            @Override double[] apply(double[] a) { return a; }
            @Override double[] transpose(double[] d) { return d; }
        };
    }

    @Override
    public String toString() {
        return "Flatten[" + in + "]";
    }
}
