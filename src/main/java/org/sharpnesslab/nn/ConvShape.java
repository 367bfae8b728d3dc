package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

/** The checks shared by the convolutional networks ({@link Myrtle}, {@link ResNet}): their knobs' valid ranges. */
final class ConvShape {

    private ConvShape() {
    }

    /**
     * Throws IllegalArgumentException naming the first knob out of range.
     *
     * @param net   the architecture's name, for the message
     * @param why   why the images must be at least 4×4 (appended in parentheses), or empty
     */
    static void check(String net, String why, ImageShape input, int width, int outputDim, double sigmaW2,
                      double alpha) {
        if (width < 1 || outputDim < 1) {
            throw new IllegalArgumentException("width and outputDim must be >= 1, got " + width + " and "
                    + outputDim);
        }
        if (input.height() < 4 || input.width() < 4) {
            throw new IllegalArgumentException(net + " needs images of at least 4×4" + (why.isEmpty() ? "" : " ("
                    + why + ")") + ", got " + input);
        }
        if (!(sigmaW2 > 0) || Double.isInfinite(sigmaW2)) {
            throw new IllegalArgumentException("sigmaW2 must be finite and > 0, got " + sigmaW2);
        }
        if (!(alpha != 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and non-zero, got " + alpha);
        }
    }
}
