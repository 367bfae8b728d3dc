package org.sharpnesslab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The multi-layer perceptron of 004 §2.1 and §3: {@code depth} dense layers with bias, d_in → n → … → n → k,
 * x̂^i = A^i x^{i−1} + b^i, x^i = σ(x̂^i), f = x̂^L (no activation after the last layer), ELU by default, weights
 * drawn from the Xavier (Glorot) normal distribution scaled by the gain (004 §3: "Xavier initialization, but used
 * the correction from the Kaiming initialization to scale by the gain ... √2 as the gain for the ELU"):
 * <pre>
 *   A^i_{jk} ~ N(0, gain² · 2 / (n_{i−1} + n_i)),   b^i = 0.
 * </pre>
 * (PyTorch's {@code xavier_normal_} has this variance; {@code xavier_uniform_} the same variance with a uniform law.
 * 004 does not say how the biases start; they start at zero here.) Multipliers are 1, so K^i K^iᵀ =
 * (1 + ‖x^{i−1}‖²) R ∂f/∂x̂^i (∂f/∂x̂^i)ᵀ R exactly as in 004 Eq. (4)–(5).
 *
 * <pre>{@code
 * MLP net = MLP.of(1024, 512, 6, 6);          // 004 §3: depth 6, width 512, ELU, Xavier×√2, bias
 * double[] theta = net.init(seed);
 * }</pre>
 *
 * @param inputDim   d_in ≥ 1
 * @param width      n ≥ 1, every hidden layer
 * @param depth      number of weight layers L ≥ 2 (004 §3: 6)
 * @param outputDim  k ≥ 1
 * @param activation σ of the hidden layers (004 §3: ELU)
 * @param gain       the gain of the Xavier initialisation, finite and &gt; 0 (004 §3: √2)
 */
public record MLP(int inputDim, int width, int depth, int outputDim, Activation activation, double gain)
        implements Network {

    /** 004 §3: the gain √2 of the ELU. */
    public static final double ELU_GAIN = Math.sqrt(2.0);

    public MLP {
        DenseShape.check(inputDim, width, depth, outputDim);
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and > 0, got " + gain);
        }
        long p = (long) inputDim * width + (long) (depth - 2) * width * width + (long) width * outputDim
                + (long) (depth - 1) * width + outputDim;
        if (p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network too large: " + p + " parameters");
        }
    }

    /** The network of 004 §3 at the given sizes: ELU, Xavier × √2, bias. */
    public static MLP of(int inputDim, int width, int depth, int outputDim) {
        return new MLP(inputDim, width, depth, outputDim, Activation.ELU, ELU_GAIN);
    }

    public MLP withActivation(Activation a) {
        return new MLP(inputDim, width, depth, outputDim, a, gain);
    }

    public MLP withGain(double g) {
        return new MLP(inputDim, width, depth, outputDim, activation, g);
    }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>(depth);
        for (int l = 1; l <= depth; l++) {
            int in = l == 1 ? inputDim : width;
            int out = l == depth ? outputDim : width;
            double std = gain * Math.sqrt(2.0 / (in + out));
            ls.add(new DenseLayer(in, out, true, 1.0, 1.0, std, false));
        }
        return Collections.unmodifiableList(ls);
    }

    @Override
    public double[] centre() {
        return null;
    }

    /** Centring is not part of 004's setup. */
    @Override
    public Network centredAt(double[] theta0) {
        throw new UnsupportedOperationException("MLP (004 §3) is not centred; use FCN for centred networks");
    }

    @Override
    public String toString() {
        return String.format("MLP[%d→%d→%d, depth=%d, %s, Xavier×%.4g, bias]", inputDim, width, outputDim, depth,
                activation, gain);
    }
}
