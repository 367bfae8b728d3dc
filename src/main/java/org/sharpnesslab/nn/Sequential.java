package org.sharpnesslab.nn;

import java.util.List;

/**
 * A network built by hand from {@link Stage}s, e.g. a small CNN:
 * <pre>{@code
 * ImageShape s = ImageShape.of(1, 8, 8);
 * Conv2d conv = Conv2d.same(s, 4, 3);
 * Network net = Sequential.of(new LayerStage(conv), Activate.relu(conv.outputSize()),
 *         AvgPool2d.of(conv.out(), 2), new Flatten(AvgPool2d.of(conv.out(), 2).out()),
 *         new LayerStage(new DenseLayer(64, 10, false, 1, 1, 0.125, false)));
 * }</pre>
 * Its activations are stages inside the body; {@link #activation()} only names the first one (for display).
 *
 * @param body   the network as one stage
 * @param centre θ₀ of the centred network, or null
 */
public record Sequential(Stage body, double[] centre) implements StageNetwork {

    public Sequential {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        int p = 0;
        for (Layer l : body.layers()) {
            p += l.numParams();
        }
        if (centre != null && centre.length != p) {
            throw new IllegalArgumentException("centre must have numParams = " + p + " entries, had "
                    + centre.length);
        }
    }

    /** The chain of these stages as a network. */
    public static Sequential of(Stage... stages) {
        return new Sequential(stages.length == 1 ? stages[0] : new Chain(List.of(stages)), null);
    }

    @Override
    public Activation activation() {
        return firstActivation(body);
    }

    static Activation firstActivation(Stage m) {
        if (m instanceof Activate a) {
            return a.activation();
        }
        if (m instanceof Chain c) {
            for (Stage x : c.stages()) {
                Activation a = firstActivation(x);
                if (a != Activation.LINEAR) {
                    return a;
                }
            }
        }
        if (m instanceof Residual r) {
            return firstActivation(r.branch());
        }
        return Activation.LINEAR;
    }

    @Override
    public Sequential centredAt(double[] theta0) {
        return new Sequential(body, theta0.clone());
    }

    @Override
    public String toString() {
        return "Sequential[" + body + (centre != null ? ", centred" : "") + "]";
    }
}
