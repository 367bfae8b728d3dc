package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ResNet v1 (He et al. 2016) as in Flax's example and 000 App. B.2 / 002 App. A item 3: LayerNorm instead of batch
 * norm, no bias in the convolutions, weights N(0, σ_w²/fan_in) in SP. Stem: 7×7 convolution stride 2 (padding 3),
 * LayerNorm, ReLU, 3×3 max pool stride 2 (padding 1); then stages of widths [w, 2w, 4w, 8w] of basic blocks
 * y = ReLU(LN(conv(ReLU(LN(conv(x))))) + S(x)), the first block of stages 2–4 with stride 2 and a projection
 * shortcut S = LN(conv1×1); global average pool; dense read-out. Flax initialises the gain of each block's last
 * LayerNorm to zero ({@link #zeroResidual}, default on), so at θ₀ every block is ReLU(S(x)).
 *
 * <p>Deviations from Flax, stated: "same" padding of stride-2 convolutions and of the max pool is symmetric (as in
 * PyTorch), LayerNorm normalises over the channels at every position as Flax's default does.
 *
 * <pre>{@code
 * ResNet net = ResNet.resnet18(16, 10);                     // w = 16, CIFAR-10 shape, SP, σ_w² = 2
 * ResNet net = ResNet.resnet34(32, 10).withParameterization(Parameterization.ntp());
 * }</pre>
 *
 * @param input            input image shape
 * @param stages           basic blocks per stage (ResNet-18: 2,2,2,2; ResNet-34: 3,4,6,3)
 * @param width            w, channels of the first stage
 * @param outputDim        k ≥ 1
 * @param parameterization SP (the papers'), NTP, μP or interpolating ({@link ConvScaling})
 * @param sigmaW2          σ_w² > 0
 * @param zeroResidual     initialise each block's last LayerNorm gain to zero (Flax)
 * @param zeroLastLayer    initialise the read-out to zero
 * @param alpha            output scale α ≠ 0
 * @param centre           θ₀ of the centred network, or null
 */
public record ResNet(ImageShape input, List<Integer> stages, int width, int outputDim,
                     Parameterization parameterization, double sigmaW2, boolean zeroResidual, boolean zeroLastLayer,
                     double alpha, double[] centre) implements StageNetwork {

    public ResNet {
        if (input == null || parameterization == null || stages == null) {
            throw new IllegalArgumentException("input shape, stages and parameterization must not be null");
        }
        stages = List.copyOf(stages);
        if (stages.isEmpty() || stages.size() > 4 || stages.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("stages must be 1 to 4 block counts >= 1, were " + stages);
        }
        ConvShape.check("ResNet", "", input, width, outputDim, sigmaW2, alpha);
    }

    /** ResNet-18 (blocks 2,2,2,2) of width w on CIFAR-10-shaped inputs, SP, σ_w² = 2. */
    public static ResNet resnet18(int width, int outputDim) {
        return of(ImageShape.CIFAR10, List.of(2, 2, 2, 2), width, outputDim);
    }

    /** ResNet-34 (blocks 3,4,6,3) of width w on CIFAR-10-shaped inputs, SP, σ_w² = 2. */
    public static ResNet resnet34(int width, int outputDim) {
        return of(ImageShape.CIFAR10, List.of(3, 4, 6, 3), width, outputDim);
    }

    /** A ResNet with these blocks per stage (e.g. {@code List.of(1, 1)} for a notebook-sized one), SP, σ_w² = 2. */
    public static ResNet of(ImageShape input, List<Integer> stages, int width, int outputDim) {
        return new ResNet(input, stages, width, outputDim, Parameterization.sp(), 2.0, true, false, 1.0, null);
    }

    /** Number of weight layers counted as the papers do: convolutions on the main path plus the read-out (18, 34). */
    public int depth() {
        return 2 + 2 * stages.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public Stage body() {
        ConvScaling.Position hidden = ConvScaling.Position.HIDDEN;
        List<Stage> ms = new ArrayList<>();
        Conv2d stem = ConvScaling.conv(input, width, 7, 2, 3, parameterization, ConvScaling.Position.FIRST, sigmaW2);
        ImageShape s = stem.out();
        MaxPool2d pool = new MaxPool2d(s, 3, 2, 1);
        ms.add(new LayerStage(stem));
        ms.add(LayerNorm.of(s));
        ms.add(Activate.relu(s.size()));
        ms.add(pool);
        s = pool.out();
        for (int i = 0; i < stages.size(); i++) {
            int filters = width << i;
            for (int j = 0; j < stages.get(i); j++) {
                int stride = i > 0 && j == 0 ? 2 : 1;
                Conv2d c1 = ConvScaling.conv(s, filters, 3, stride, 1, parameterization, hidden, sigmaW2);
                Conv2d c2 = ConvScaling.conv(c1.out(), filters, 3, 1, 1, parameterization, hidden, sigmaW2);
                Stage branch = Chain.of(new LayerStage(c1), LayerNorm.of(c1.out()), Activate.relu(c1.outputSize()),
                        new LayerStage(c2), new LayerNorm(c2.out(), LayerNorm.DEFAULT_EPS, zeroResidual));
                Stage shortcut = null;
                if (stride != 1 || filters != s.channels()) {
                    Conv2d proj = ConvScaling.conv(s, filters, 1, stride, 0, parameterization, hidden, sigmaW2);
                    shortcut = Chain.of(new LayerStage(proj), LayerNorm.of(proj.out()));
                }
                ms.add(new Residual(branch, shortcut));
                s = c2.out();
                ms.add(Activate.relu(s.size()));
            }
        }
        ms.add(new GlobalAvgPool(s));
        ms.add(new LayerStage(ConvScaling.readout(s.channels(), outputDim, parameterization, sigmaW2, alpha,
                zeroLastLayer)));
        return new Chain(ms);
    }

    @Override
    public Activation activation() {
        return Activation.RELU;
    }

    @Override
    public ResNet centredAt(double[] theta0) {
        return new ResNet(input, stages, width, outputDim, parameterization, sigmaW2, zeroResidual, zeroLastLayer,
                alpha, theta0.clone());
    }

    public ResNet withInput(ImageShape in) {
        return new ResNet(in, stages, width, outputDim, parameterization, sigmaW2, zeroResidual, zeroLastLayer,
                alpha, null);
    }

    public ResNet withParameterization(Parameterization p) {
        return new ResNet(input, stages, width, outputDim, p, sigmaW2, zeroResidual, zeroLastLayer, alpha, null);
    }

    public ResNet withSigmaW2(double s2) {
        return new ResNet(input, stages, width, outputDim, parameterization, s2, zeroResidual, zeroLastLayer, alpha,
                null);
    }

    public ResNet withZeroResidual(boolean z) {
        return new ResNet(input, stages, width, outputDim, parameterization, sigmaW2, z, zeroLastLayer, alpha, null);
    }

    public ResNet withZeroLastLayer(boolean z) {
        return new ResNet(input, stages, width, outputDim, parameterization, sigmaW2, zeroResidual, z, alpha, null);
    }

    public ResNet withAlpha(double a) {
        return new ResNet(input, stages, width, outputDim, parameterization, sigmaW2, zeroResidual, zeroLastLayer, a,
                null);
    }

    @Override
    public String toString() {
        return String.format("ResNet-%d[%s→%d, stages=%s, width=%d, %s, sigmaW2=%s%s%s%s%s]", depth(), input,
                outputDim, Arrays.toString(stages.toArray()), width, parameterization, sigmaW2,
                zeroResidual ? ", zero residual gain" : "", zeroLastLayer ? ", zero last layer" : "",
                alpha != 1 ? ", alpha=" + alpha : "", centre != null ? ", centred" : "");
    }
}
