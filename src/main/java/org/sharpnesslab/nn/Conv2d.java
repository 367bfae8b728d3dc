package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.task.Cancellation;

import java.util.Random;

/**
 * A 2-D convolution (cross-correlation, as in PyTorch and Flax) y = γ W ⋆ x + β b of C_in×H×W images into
 * C_out×H'×W' images, H' = ⌊(H + 2·padding − k)/stride⌋ + 1: 002 App. A Eq. (3),
 * h_i(α) = γ Σ_j Σ_{β∈ker} W_ij(β) x_j(α + β). Bilinear in (x, W), hence a {@link Layer}.
 *
 * <p>Parameters: W as C_out × (C_in·k·k) row-major in PyTorch's order (c_out, c_in, kh, kw), then the optional bias
 * (C_out). The work goes to {@link Blas#gemm} through im2col on chunks of examples: the columns matrix X_col
 * (C_in·k·k × chunk·H'·W') gives Y = γ W X_col, ∂W = γ Δ X_colᵀ and X_col's gradient γ Wᵀ Δ (scattered back by
 * col2im); chunks hold at most {@link #CHUNK_ENTRIES} column entries, bounding the extra memory.
 *
 * @param in          input image shape
 * @param outChannels C_out ≥ 1
 * @param kernel      k ≥ 1 (square k×k filters)
 * @param stride      ≥ 1
 * @param padding     zero padding on every side, 0 ≤ padding &lt; k
 * @param bias        whether the layer has a bias
 * @param gamma       forward multiplier γ of the weights (000 Eqs. 7–9)
 * @param biasGamma   forward multiplier β of the bias
 * @param initStd     σ of the initial weights N(0, σ²)
 * @param zeroInit    initialise W to zero
 */
public record Conv2d(ImageShape in, int outChannels, int kernel, int stride, int padding, boolean bias,
                     double gamma, double biasGamma, double initStd, boolean zeroInit) implements Layer {

    /** Maximum entries of one chunk's im2col matrix (2²¹ doubles = 16 MB). */
    public static final int CHUNK_ENTRIES = 1 << 21;

    public Conv2d {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
        if (outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("conv needs outChannels, kernel, stride >= 1 and 0 <= padding < kernel,"
                    + " were outChannels=" + outChannels + " kernel=" + kernel + " stride=" + stride + " padding="
                    + padding);
        }
        if (kernel > in.height() + 2 * padding || kernel > in.width() + 2 * padding) {
            throw new IllegalArgumentException("kernel " + kernel + " is larger than the padded input " + in
                    + " (padding " + padding + ")");
        }
        if (!(initStd >= 0) || !Double.isFinite(initStd) || !Double.isFinite(gamma) || !Double.isFinite(biasGamma)) {
            throw new IllegalArgumentException("initStd must be finite and >= 0, gamma finite, were initStd="
                    + initStd + " gamma=" + gamma + " biasGamma=" + biasGamma);
        }
    }

    /**
     * A k×k convolution with "same" padding k/2 (odd k), stride 1, no bias, γ = 1, He initialisation
     * N(0, 2/(k²·C_in)) (002 App. A).
     */
    public static Conv2d same(ImageShape in, int outChannels, int kernel) {
        return new Conv2d(in, outChannels, kernel, 1, kernel / 2, false, 1.0, 1.0,
                Math.sqrt(2.0 / (kernel * kernel * in.channels())), false);
    }

    /** This layer with forward multiplier γ and initial σ. */
    public Conv2d withScale(double g, double std) {
        return new Conv2d(in, outChannels, kernel, stride, padding, bias, g, biasGamma, std, zeroInit);
    }

    /** The output image shape. */
    public ImageShape out() {
        return new ImageShape(outChannels, (in.height() + 2 * padding - kernel) / stride + 1,
                (in.width() + 2 * padding - kernel) / stride + 1);
    }

    /** Fan-in C_in·k·k of every output unit. */
    public int fanIn() {
        return in.channels() * kernel * kernel;
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return out().size(); }

    @Override public int numParams() { return weightCount() + (bias ? outChannels : 0); }

    @Override public int weightCount() { return outChannels * fanIn(); }

    /** Examples per chunk: as many as fit {@link #CHUNK_ENTRIES} column entries (at least one). */
    private int chunk(int batch) {
        long per = (long) fanIn() * out().plane();
        return (int) Math.max(1, Math.min(batch, CHUNK_ENTRIES / per));
    }

    @Override
    public void forward(double[] p, double[] x, int batch, boolean includeBias, double beta, double[] y) {
        int k = fanIn(), hw = out().plane(), co = outChannels, outSize = co * hw;
        int cb = chunk(batch);
        double[] cols = new double[k * cb * hw];
        double[] buf = new double[co * cb * hw];
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            im2col(x, b0, nb, cols);
            Blas.gemm(false, false, co, n, k, gamma, p, cols, 0.0, buf);
            for (int b = 0; b < nb; b++) {
                int yo = (b0 + b) * outSize;
                for (int c = 0; c < co; c++) {
                    double add = bias && includeBias ? biasGamma * p[co * k + c] : 0.0;
                    int src = c * n + b * hw, dst = yo + c * hw;
                    if (beta == 0) {
                        for (int o = 0; o < hw; o++) {
                            y[dst + o] = buf[src + o] + add;
                        }
                    } else {
                        for (int o = 0; o < hw; o++) {
                            y[dst + o] = beta * y[dst + o] + buf[src + o] + add;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backwardInput(double[] p, double[] delta, int batch, double beta, double[] gradIn) {
        int k = fanIn(), hw = out().plane(), co = outChannels, inSize = in.size();
        if (beta == 0) {
            java.util.Arrays.fill(gradIn, 0, batch * inSize, 0.0);
        } else if (beta != 1) {
            for (int i = 0; i < batch * inSize; i++) {
                gradIn[i] *= beta;
            }
        }
        int cb = chunk(batch);
        double[] d = new double[co * cb * hw];
        double[] cols = new double[k * cb * hw];
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            gatherDelta(delta, b0, nb, d);
            Blas.gemm(true, false, k, n, co, gamma, p, d, 0.0, cols);
            col2im(cols, b0, nb, gradIn);
        }
    }

    @Override
    public void backwardParams(double[] x, double[] delta, int batch, boolean includeBias, double[] grad) {
        int k = fanIn(), hw = out().plane(), co = outChannels;
        int cb = chunk(batch);
        double[] d = new double[co * cb * hw];
        double[] cols = new double[k * cb * hw];
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            gatherDelta(delta, b0, nb, d);
            im2col(x, b0, nb, cols);
            Blas.gemm(false, true, co, k, n, gamma, d, cols, 1.0, grad);
            if (bias && includeBias) {
                for (int c = 0; c < co; c++) {
                    double s = 0;
                    for (int j = c * n, e = j + n; j < e; j++) {
                        s += d[j];
                    }
                    grad[co * k + c] += biasGamma * s;
                }
            }
        }
    }

    /** d (C_out × nb·H'W') from delta's examples b0 .. b0+nb (each C_out × H'W'). */
    private void gatherDelta(double[] delta, int b0, int nb, double[] d) {
        int hw = out().plane(), co = outChannels, n = nb * hw;
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < co; c++) {
                System.arraycopy(delta, (b0 + b) * co * hw + c * hw, d, c * n + b * hw, hw);
            }
        }
    }

    /**
     * cols[r][b·H'W' + o] = x_{b0+b}[c_in, oh·s − pad + kh, ow·s − pad + kw] (0 outside), row r = (c_in·k + kh)·k + kw.
     */
    void im2col(double[] x, int b0, int nb, double[] cols) {
        ImageShape o = out();
        int ho = o.height(), wo = o.width(), hw = ho * wo, n = nb * hw;
        int hi = in.height(), wi = in.width(), ci = in.channels(), inSize = in.size();
        for (int c = 0; c < ci; c++) {
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    int row = ((c * kernel + kh) * kernel + kw) * n;
                    // output columns ow with 0 <= ow·s − pad + kw < W
                    int lo = Math.max(0, ceilDiv(padding - kw, stride));
                    int hiW = Math.min(wo, ceilDiv(wi + padding - kw, stride));
                    for (int b = 0; b < nb; b++) {
                        int xo = (b0 + b) * inSize + c * hi * wi;
                        int co = row + b * hw;
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh * stride - padding + kh;
                            int dst = co + oh * wo;
                            if (ih < 0 || ih >= hi || lo >= hiW) {
                                java.util.Arrays.fill(cols, dst, dst + wo, 0.0);
                                continue;
                            }
                            for (int ow = 0; ow < lo; ow++) {
                                cols[dst + ow] = 0.0;
                            }
                            int src = xo + ih * wi - padding + kw;
                            if (stride == 1) {
                                System.arraycopy(x, src + lo, cols, dst + lo, hiW - lo);
                            } else {
                                for (int ow = lo; ow < hiW; ow++) {
                                    cols[dst + ow] = x[src + ow * stride];
                                }
                            }
                            for (int ow = hiW; ow < wo; ow++) {
                                cols[dst + ow] = 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The transpose of {@link #im2col}: g_{b0+b}[…] += cols[r][b·H'W' + o]. */
    void col2im(double[] cols, int b0, int nb, double[] g) {
        ImageShape o = out();
        int ho = o.height(), wo = o.width(), hw = ho * wo, n = nb * hw;
        int hi = in.height(), wi = in.width(), ci = in.channels(), inSize = in.size();
        for (int c = 0; c < ci; c++) {
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    int row = ((c * kernel + kh) * kernel + kw) * n;
                    int lo = Math.max(0, ceilDiv(padding - kw, stride));
                    int hiW = Math.min(wo, ceilDiv(wi + padding - kw, stride));
                    for (int b = 0; b < nb; b++) {
                        int xo = (b0 + b) * inSize + c * hi * wi;
                        int co = row + b * hw;
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh * stride - padding + kh;
                            if (ih < 0 || ih >= hi) {
                                continue;
                            }
                            int src = co + oh * wo;
                            int dst = xo + ih * wi - padding + kw;
                            for (int ow = lo; ow < hiW; ow++) {
                                g[dst + ow * stride] += cols[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    @Override
    public void init(Random rng, double[] p) {
        int w = weightCount();
        for (int i = 0; i < w; i++) {
            p[i] = zeroInit ? 0.0 : initStd * rng.nextGaussian();
        }
        for (int i = w; i < p.length; i++) {
            p[i] = 0.0;
        }
    }

    @Override
    public String toString() {
        return "Conv2d[" + in + " → " + out() + ", " + kernel + "×" + kernel + (stride != 1 ? ", stride " + stride : "")
                + (padding != 0 ? ", padding " + padding : "") + (bias ? ", bias" : "") + "]";
    }
}
