package org.sharpnesslab.nn;

import java.util.List;

/**
 * A feed-forward network f(x; θ) as a stack of bilinear weight {@link Layer}s with an element-wise activation
 * between them (none after the last): a₀ = x, z_l = L_l(a_{l−1}; θ_l), a_l = φ(z_l), f = z_d (− f(x; θ₀) when
 * centred). The network holds the architecture only; parameters θ are a flat {@code double[]} laid out layer by
 * layer (each layer's block: weights row-major, then bias), produced by {@link #init(long)}.
 */
public interface Network {

    /** The weight layers, first to last. */
    List<Layer> layers();

    /** The activation applied after every layer but the last. */
    Activation activation();

    /** θ₀ of the centred network f(x; θ) − f(x; θ₀) (002 §4), or {@code null} for the plain network. */
    double[] centre();

    /** This network centred at θ₀: f(x; θ) − f(x; θ₀) (002 §4); θ₀ is copied. */
    Network centredAt(double[] theta0);

    /** Input dimension d_in. */
    default int inputDim() {
        return layers().get(0).inputSize();
    }

    /** Output dimension k. */
    default int outputDim() {
        return layers().get(layers().size() - 1).outputSize();
    }

    /** Total number of parameters P. */
    default int numParams() {
        int p = 0;
        for (Layer l : layers()) {
            p += l.numParams();
        }
        return p;
    }

    /** Random initial parameters θ₀ drawn with {@code java.util.Random(seed)}, layer by layer. */
    double[] init(long seed);

    /**
     * The outputs f(xᵢ; θ) for the n inputs (row-major n×d_in), as a row-major n×k array.
     *
     * @param params θ (not modified)
     * @param inputs n×d_in (not modified)
     */
    default double[] forward(double[] params, double[] inputs) {
        return Passes.forward(this, params, inputs);
    }
}
