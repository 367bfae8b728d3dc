package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;

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
    public void forward(Blocks p, int b, NativeArray x, long xOff, int batch, boolean includeBias, double beta,
                        NativeArray y) {
        // y (batch×out) = γ x (batch×in) Wᵀ (+ β b)
        Blas.gemm(false, true, batch, out, in, gamma, x, xOff, in, p.data(), p.at(b), in, beta, y, 0, out);
        if (bias && includeBias) {
            DoubleBuffer yb = y.buffer();
            DoubleBuffer pb = p.data().buffer();
            int off = (int) p.at(b) + in * out;
            for (int j = 0; j < out; j++) {
                double bj = biasGamma * pb.get(off + j);
                for (int i = 0; i < batch; i++) {
                    int idx = i * out + j;
                    yb.put(idx, yb.get(idx) + bj);
                }
            }
        }
    }

    @Override
    public void backwardInput(Blocks p, int b, NativeArray delta, int batch, double beta, NativeArray gradIn) {
        // gradIn (batch×in) = γ delta (batch×out) W
        Blas.gemm(false, false, batch, in, out, gamma, delta, 0, out, p.data(), p.at(b), in, beta, gradIn, 0, in);
    }

    @Override
    public void backwardParams(NativeArray x, long xOff, NativeArray delta, int batch, boolean includeBias,
                               double beta, Blocks grad, int b) {
        // ∇W (out×in) = beta ∇W + γ deltaᵀ x; ∇b = beta ∇b + β Σᵢ delta_i
        long g = grad.at(b);
        Blas.gemm(true, false, out, in, batch, gamma, delta, 0, out, x, xOff, in, beta, grad.data(), g, in);
        if (bias && (includeBias || beta != 1.0)) {
            DoubleBuffer db = delta.buffer();
            DoubleBuffer gb = grad.data().buffer();
            int off = (int) g + in * out;
            for (int j = 0; j < out; j++) {
                double s = 0;
                if (includeBias) {
                    for (int i = 0; i < batch; i++) {
                        s += db.get(i * out + j);
                    }
                }
                gb.put(off + j, (beta == 0 ? 0.0 : beta * gb.get(off + j)) + biasGamma * s);
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
