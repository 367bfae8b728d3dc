package org.sharpnesslab.nn;

/**
 * The forward multiplier γ and initial σ of a weight layer of a CNN or ResNet in a {@link Parameterization}: the FCN
 * formulas of 000 App. B.2.1 with the width n read as the layer's fan-in (k²·C_in for a convolution, the number of
 * features for the dense read-out): SP σ² = σ_w²/fan_in (He initialisation at σ_w² = 2, 002 App. A Eq. 3) and
 * 1/fan_in for the last layer; NTP γ = σ_w/√fan_in (1/√fan_in last), σ² = 1; interpolating as Eq. (9).
 */
final class ConvScaling {

    /** Where the layer sits: first, hidden or last weight layer. */
    enum Position { FIRST, HIDDEN, LAST }

    private ConvScaling() {
    }

    private static int index(Position pos) {
        return pos == Position.FIRST ? 1 : pos == Position.HIDDEN ? 2 : 3;
    }

    /** γ of a layer with this fan-in. */
    static double gamma(Parameterization p, Position pos, int fanIn, double sigmaW2) {
        return p.multiplier(index(pos), 3, fanIn, fanIn, sigmaW2);
    }

    /** σ of a layer with this fan-in. */
    static double std(Parameterization p, Position pos, int fanIn, double sigmaW2) {
        return Math.sqrt(p.initVariance(index(pos), 3, fanIn, fanIn, sigmaW2));
    }

    /** A convolution scaled for its position (no bias). */
    static Conv2d conv(org.sharpnesslab.data.ImageShape in, int out, int k, int stride, int pad, Parameterization p,
                       Position pos, double sigmaW2) {
        int fanIn = k * k * in.channels();
        return new Conv2d(in, out, k, stride, pad, false, gamma(p, pos, fanIn, sigmaW2), 1.0,
                std(p, pos, fanIn, sigmaW2), false);
    }

    /** The dense read-out (last layer) with output scale α, optionally zero-initialised. */
    static DenseLayer readout(int in, int k, Parameterization p, double sigmaW2, double alpha, boolean zero) {
        return new DenseLayer(in, k, false, gamma(p, Position.LAST, in, sigmaW2) * alpha, alpha,
                std(p, Position.LAST, in, sigmaW2), zero);
    }
}
