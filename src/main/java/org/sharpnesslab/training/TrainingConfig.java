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
 */
record TrainingConfig(Network net, Dataset data, int batchSize, Loss loss, double eta, double c, double momentum,
                      int steps, int sharpnessEvery, boolean trackNtk, int traceSamples, Sharpness sharpness,
                      double divergence, boolean centred, double[] from, boolean progress, boolean reducedBasis) {

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

    /**
     * This configuration with the knobs {@code edit} changes: the one copy helper, so that each of
     * {@link Training}'s verbs names only the knob it sets ({@code cfg.with(k -> k.steps = 500)}).
     */
    TrainingConfig with(java.util.function.Consumer<Knobs> edit) {
        Knobs k = new Knobs(this);
        edit.accept(k);
        return k.build();
    }

    /** The mutable copy {@link #with} edits; its fields are the record's components. */
    static final class Knobs {
        Network net;
        Dataset data;
        int batchSize;
        Loss loss;
        double eta;
        double c;
        double momentum;
        int steps;
        int sharpnessEvery;
        boolean trackNtk;
        int traceSamples;
        Sharpness sharpness;
        double divergence;
        boolean centred;
        double[] from;
        boolean progress;
        boolean reducedBasis;

        private Knobs(TrainingConfig t) {
            net = t.net;
            data = t.data;
            batchSize = t.batchSize;
            loss = t.loss;
            eta = t.eta;
            c = t.c;
            momentum = t.momentum;
            steps = t.steps;
            sharpnessEvery = t.sharpnessEvery;
            trackNtk = t.trackNtk;
            traceSamples = t.traceSamples;
            sharpness = t.sharpness;
            divergence = t.divergence;
            centred = t.centred;
            from = t.from;
            progress = t.progress;
            reducedBasis = t.reducedBasis;
        }

        private TrainingConfig build() {
            return new TrainingConfig(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                    traceSamples, sharpness, divergence, centred, from, progress, reducedBasis);
        }
    }
}
