package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

import java.util.ArrayList;
import java.util.List;

/**
 * The Myrtle family of ReLU CNNs (Shankar et al. 2020) as in 002 App. A item 2 and 000 App. B.2: 3×3 convolutions
 * with "same" padding and a fixed number of channels (the width w), no bias, no normalisation, ReLU, in groups
 * separated by 2×2 average pooling, then a global average pool and a dense read-out:
 * <pre>
 *   depth 5:  [conv]×2, pool, [conv]×1, pool, [conv]×1, global pool, dense
 *   depth 7:  [conv]×2, pool, [conv]×2, pool, [conv]×2, global pool, dense
 *   depth 10: [conv]×3, pool, [conv]×3, pool, [conv]×3, global pool, dense
 * </pre>
 * (depth = number of weight layers). On 32×32 inputs the global pool over 8×8 equals the reference's three 2×2
 * average pools; it also serves 28×28 inputs (Fashion-MNIST). Weights: 002 Eq. (3),
 * h_i^{l+1}(α) = Σ_j Σ_β W_ij^{l+1}(β) φ(h_j^l(α + β)), W ~ N(0, σ_w²/(k² w)) in SP (He at σ_w² = 2); other
 * parameterisations by {@link ConvScaling}. Options as for {@link FCN}: last layer zero, output scale α, centring.
 *
 * <pre>{@code
 * Myrtle net = Myrtle.of(5, 32, 10);                                   // CIFAR-10 shape, SP, σ_w² = 2
 * Myrtle net = Myrtle.of(ImageShape.MNIST, 7, 64, 10).withParameterization(Parameterization.ntp());
 * }</pre>
 *
 * @param input            input image shape
 * @param depth            5, 7 or 10
 * @param width            channels w ≥ 1
 * @param outputDim        k ≥ 1
 * @param parameterization SP (the papers'), NTP, μP or interpolating
 * @param sigmaW2          σ_w² > 0
 * @param zeroLastLayer    initialise the read-out to zero (002 App. G)
 * @param alpha            output scale α ≠ 0
 * @param centre           θ₀ of the centred network, or null
 */
public record Myrtle(ImageShape input, int depth, int width, int outputDim, Parameterization parameterization,
                     double sigmaW2, boolean zeroLastLayer, double alpha, double[] centre) implements StageNetwork {

    public Myrtle {
        if (input == null || parameterization == null) {
            throw new IllegalArgumentException("input shape and parameterization must not be null");
        }
        if (depth != 5 && depth != 7 && depth != 10) {
            throw new IllegalArgumentException("Myrtle depth must be 5, 7 or 10, got " + depth);
        }
        ConvShape.check("Myrtle", "two 2×2 poolings", input, width, outputDim, sigmaW2, alpha);
    }

    /** Myrtle-{@code depth} of width w on CIFAR-10-shaped inputs (3×32×32), SP, σ_w² = 2 (002 App. A). */
    public static Myrtle of(int depth, int width, int outputDim) {
        return of(ImageShape.CIFAR10, depth, width, outputDim);
    }

    /** Myrtle-{@code depth} of width w on images of this shape, SP, σ_w² = 2. */
    public static Myrtle of(ImageShape input, int depth, int width, int outputDim) {
        return new Myrtle(input, depth, width, outputDim, Parameterization.sp(), 2.0, false, 1.0, null);
    }

    /** Convolutions per group for this depth. */
    public int[] groups() {
        return depth == 5 ? new int[]{2, 1, 1} : depth == 7 ? new int[]{2, 2, 2} : new int[]{3, 3, 3};
    }

    @Override
    public Stage body() {
        List<Stage> ms = new ArrayList<>();
        ImageShape s = input;
        int[] g = groups();
        boolean first = true;
        for (int group = 0; group < 3; group++) {
            for (int i = 0; i < g[group]; i++) {
                Conv2d c = ConvScaling.conv(s, width, 3, 1, 1, parameterization,
                        first ? ConvScaling.Position.FIRST : ConvScaling.Position.HIDDEN, sigmaW2);
                first = false;
                ms.add(new LayerStage(c));
                s = c.out();
                ms.add(Activate.relu(s.size()));
            }
            if (group < 2) {
                AvgPool2d pool = AvgPool2d.of(s, 2);
                ms.add(pool);
                s = pool.out();
            }
        }
        ms.add(new GlobalAvgPool(s));
        ms.add(new LayerStage(ConvScaling.readout(width, outputDim, parameterization, sigmaW2, alpha,
                zeroLastLayer)));
        return new Chain(ms);
    }

    @Override
    public Activation activation() {
        return Activation.RELU;
    }

    @Override
    public Myrtle centredAt(double[] theta0) {
        return new Myrtle(input, depth, width, outputDim, parameterization, sigmaW2, zeroLastLayer, alpha,
                theta0.clone());
    }

    public Myrtle withInput(ImageShape in) {
        return new Myrtle(in, depth, width, outputDim, parameterization, sigmaW2, zeroLastLayer, alpha, null);
    }

    public Myrtle withParameterization(Parameterization p) {
        return new Myrtle(input, depth, width, outputDim, p, sigmaW2, zeroLastLayer, alpha, null);
    }

    public Myrtle withSigmaW2(double s2) {
        return new Myrtle(input, depth, width, outputDim, parameterization, s2, zeroLastLayer, alpha, null);
    }

    public Myrtle withZeroLastLayer(boolean z) {
        return new Myrtle(input, depth, width, outputDim, parameterization, sigmaW2, z, alpha, null);
    }

    public Myrtle withAlpha(double a) {
        return new Myrtle(input, depth, width, outputDim, parameterization, sigmaW2, zeroLastLayer, a, null);
    }

    @Override
    public String toString() {
        return String.format("Myrtle-%d[%s→%d, width=%d, %s, sigmaW2=%s%s%s%s]", depth, input, outputDim, width,
                parameterization, sigmaW2, zeroLastLayer ? ", zero last layer" : "",
                alpha != 1 ? ", alpha=" + alpha : "", centre != null ? ", centred" : "");
    }
}
