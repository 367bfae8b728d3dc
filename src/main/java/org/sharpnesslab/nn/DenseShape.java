package org.sharpnesslab.nn;

/** The checks shared by the fully connected networks ({@link FCN}, {@link MLP}): their shape's valid ranges. */
final class DenseShape {

    private DenseShape() {
    }

    /** Throws IllegalArgumentException naming the first dimension out of range (depth counts weight layers). */
    static void check(int inputDim, int width, int depth, int outputDim) {
        if (inputDim < 1) {
            throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (depth < 2) {
            throw new IllegalArgumentException("depth (number of weight layers) must be >= 2, got " + depth);
        }
        if (outputDim < 1) {
            throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
        }
    }
}
