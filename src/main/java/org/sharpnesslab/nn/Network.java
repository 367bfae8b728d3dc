package org.sharpnesslab.nn;

import java.util.List;
import java.util.Random;

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

    /**
     * θ split into per-layer blocks, first layer first: block l holds layer l's {@link Layer#numParams()} entries in
     * that layer's documented layout (a dense layer: W_l row-major, out × in, then the bias if any; a convolution:
     * the kernel [out][in][kh][kw], then the bias; an affine normalisation: scale, then shift). The blocks are
     * copies; {@link #pack(double[][])} is the inverse.
     *
     * @param theta θ with {@link #numParams()} entries (not modified)
     * @throws IllegalArgumentException if theta has the wrong length
     */
    default double[][] unpack(double[] theta) {
        return Passes.blocks(this, theta);
    }

    /**
     * θ from per-layer blocks in the layout of {@link #unpack(double[])}: one block per layer, each of that layer's
     * {@link Layer#numParams()} entries.
     *
     * @throws IllegalArgumentException if the number of blocks or a block's length does not match the layers
     */
    default double[] pack(double[][] blocks) {
        List<Layer> layers = layers();
        if (blocks == null || blocks.length != layers.size()) {
            throw new IllegalArgumentException("blocks must have one entry per layer (" + layers.size() + "), got "
                    + (blocks == null ? "null" : blocks.length));
        }
        for (int l = 0; l < blocks.length; l++) {
            int want = layers.get(l).numParams();
            if (blocks[l] == null || blocks[l].length != want) {
                throw new IllegalArgumentException("blocks[" + l + "] must have " + want + " entries (layer " + (l + 1)
                        + "), got " + (blocks[l] == null ? "null" : blocks[l].length));
            }
        }
        double[] theta = new double[numParams()];
        Passes.pack(blocks, theta);
        return theta;
    }

    /**
     * Random initial parameters θ₀ drawn with {@code java.util.Random(seed)}, layer by layer: each layer fills its
     * block by {@link Layer#init} from the one generator, in θ order. Every network kind shares this one rule.
     */
    default double[] init(long seed) {
        Random rng = new Random(seed);
        double[] theta = new double[numParams()];
        int off = 0;
        for (Layer l : layers()) {
            double[] block = new double[l.numParams()];
            l.init(rng, block);
            System.arraycopy(block, 0, theta, off, block.length);
            off += block.length;
        }
        return theta;
    }

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
