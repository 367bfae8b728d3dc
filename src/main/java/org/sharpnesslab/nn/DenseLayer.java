package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Blas;

import java.util.Random;

/**
 * A fully connected layer y = γ W x + β b with W ∈ ℝ^{out×in} (row-major, first in the block) and an optional bias
 * b ∈ ℝ^{out} (after W). W ~ N(0, σ²) at initialisation (all zero if {@code zeroInit}); the bias starts at 0.
 *
 * @param in         input size
 * @param out        output size
 * @param bias       whether the layer has a bias
 * @param gamma      forward multiplier γ of the weights (000 Eqs. 7–9)
 * @param biasGamma  forward multiplier β of the bias (1, times the output scale α for the last layer)
 * @param initStd    σ, the standard deviation of the initial weights
 * @param zeroInit   initialise W to zero (002 App. G: last layer zero)
 */
public record DenseLayer(int in, int out, boolean bias, double gamma, double biasGamma, double initStd,
                         boolean zeroInit) implements Layer {

    public DenseLayer {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("layer sizes must be >= 1, were in=" + in + " out=" + out);
        }
        if (!(initStd >= 0) || !Double.isFinite(gamma) || !Double.isFinite(biasGamma)) {
            throw new IllegalArgumentException("initStd must be >= 0 and gamma finite, were initStd=" + initStd
                    + " gamma=" + gamma + " biasGamma=" + biasGamma);
        }
    }

    @Override public int inputSize() { return in; }

    @Override public int outputSize() { return out; }

    @Override public int numParams() { return in * out + (bias ? out : 0); }

    @Override public int weightCount() { return in * out; }

    @Override
    public void forward(double[] p, double[] x, int batch, boolean includeBias, double beta, double[] y) {
        // y (batch×out) = γ x (batch×in) Wᵀ
        Blas.gemm(false, true, batch, out, in, gamma, x, p, beta, y);
        if (bias && includeBias) {
            int off = in * out;
            for (int i = 0; i < batch; i++) {
                int r = i * out;
                for (int j = 0; j < out; j++) {
                    y[r + j] += biasGamma * p[off + j];
                }
            }
        }
    }

    @Override
    public void backwardInput(double[] p, double[] delta, int batch, double beta, double[] gradIn) {
        // gradIn (batch×in) = γ delta (batch×out) W
        Blas.gemm(false, false, batch, in, out, gamma, delta, p, beta, gradIn);
    }

    @Override
    public void backwardParams(double[] x, double[] delta, int batch, boolean includeBias, double[] grad) {
        // ∇W (out×in) += γ deltaᵀ x
        Blas.gemm(true, false, out, in, batch, gamma, delta, x, 1.0, grad);
        if (bias && includeBias) {
            int off = in * out;
            for (int i = 0; i < batch; i++) {
                int r = i * out;
                for (int j = 0; j < out; j++) {
                    grad[off + j] += biasGamma * delta[r + j];
                }
            }
        }
    }

    @Override
    public void init(Random rng, double[] p) {
        int w = in * out;
        for (int i = 0; i < w; i++) {
            p[i] = zeroInit ? 0.0 : initStd * rng.nextGaussian();
        }
        for (int i = w; i < p.length; i++) {
            p[i] = 0.0;
        }
    }
}
