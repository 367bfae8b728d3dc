package org.sharpnesslab.training;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;

/**
 * The configuration behind a {@link Training}: every knob, validated where {@link Training} sets it. Immutable
 * (the start parameters are copied in and out).
 *
 * @param net            the network
 * @param data           the training examples
 * @param batchSize      B for SGD; 0 = full batch (GD)
 * @param loss           the loss
 * @param eta            a fixed learning rate, NaN when {@code c} is used
 * @param c              the learning-rate constant η λ₀^H, NaN when {@code eta} is used
 * @param momentum       heavy-ball μ
 * @param steps          number of updates
 * @param sharpnessEvery measure λ^H every k steps (0: never)
 * @param trackNtk       also track λ^K
 * @param traceSamples   Hutchinson probes for tr ∇²L (0: off)
 * @param sharpness      how λ^H (and λ^K) are measured
 * @param divergence     the loss threshold K
 * @param centred        train f − f(θ₀)
 * @param from           start parameters, or null for {@code net.init(seed)}
 * @param progress       show a progress bar
 * @param reducedBasis   measure λ^H on the row-space reduced operator
 * @param trackBottom    also track λ_min (the most negative eigenvalue, Lanczos at the smallest end)
 * @param trackBlocks    also track λ₁(H_ll) of each layer's diagonal block
 */
record TrainingConfig(Network net, Dataset data, int batchSize, Loss loss, double eta, double c, double momentum,
                      int steps, int sharpnessEvery, boolean trackNtk, int traceSamples, Sharpness sharpness,
                      double divergence, boolean centred, double[] from, boolean progress, boolean reducedBasis,
                      boolean trackBottom, boolean trackBlocks) {

    TrainingConfig {
        from = from == null ? null : from.clone();
    }

    @Override
    public double[] from() {
        return from == null ? null : from.clone();
    }

    /** Whether λ^H is ever measured (at θ₀ for the c-convention, or every k steps). */
    boolean measures() {
        return !Double.isNaN(c) || sharpnessEvery > 0;
    }

    /** Whether step t measures λ^H: θ₀ in the c-convention, every k steps, and the last state. */
    boolean measuresAt(int t) {
        return (t == 0 && !Double.isNaN(c)) || (sharpnessEvery > 0 && (t % sharpnessEvery == 0 || t == steps));
    }

    TrainingConfig withLoss(Loss v) {
        return new TrainingConfig(net, data, batchSize, v, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withRate(double etaValue, double cValue) {
        return new TrainingConfig(net, data, batchSize, loss, etaValue, cValue, momentum, steps, sharpnessEvery,
                trackNtk, traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withMomentum(double v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, v, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withSteps(int v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, v, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withSharpnessEvery(int v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, v, trackNtk, traceSamples,
                sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withTrackNtk(boolean v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, v,
                traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withTraceSamples(int v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, v,
                sharpness, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withSharpness(Sharpness v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, v, divergence, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withDivergence(double v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, v, centred, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withCentred(boolean v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, v, from, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withFrom(double[] v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, v, progress, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withProgress(boolean v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, v, reducedBasis, trackBottom, trackBlocks);
    }

    TrainingConfig withTracking(boolean bottom, boolean blocks) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, progress, reducedBasis, bottom, blocks);
    }

    TrainingConfig withReducedBasis(boolean v) {
        return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, sharpness, divergence, centred, from, progress, v, trackBottom, trackBlocks);
    }
}
