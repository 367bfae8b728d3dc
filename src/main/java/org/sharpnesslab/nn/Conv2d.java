package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.linalg.NativeArray;
import org.sharpnesslab.task.Cancellation;

import java.nio.DoubleBuffer;
import java.util.Random;

/**
 * A 2-D convolution (cross-correlation, as in PyTorch and Flax) y = γ W ⋆ x + β b of C_in×H×W images into
 * C_out×H'×W' images, H' = ⌊(H + 2·padding − k)/stride⌋ + 1: 002 App. A Eq. (3),
 * h_i(α) = γ Σ_j Σ_{β∈ker} W_ij(β) x_j(α + β). Bilinear in (x, W), hence a {@link Layer}.
 *
 * <p>Parameters: W as C_out × (C_in·k·k) row-major in PyTorch's order (c_out, c_in, kh, kw), then the optional bias
 * (C_out). The work goes to the off-heap {@link Blas#gemm} through im2col on chunks of examples
 * ({@link ConvColumns}; the inputs, deltas and parameters read where they lie off-heap, the columns and outputs in
 * per-thread native buffers, so that JavaCPP copies no operand per call): the columns matrix X_col
 * (C_in·k·k × chunk·H'·W') gives Y = γ W X_col; at stride ≠ 1, ∂W = γ Δ X_colᵀ and X_col's gradient γ Wᵀ Δ
 * (scattered back by col2im). At stride 1 both gradients read the deltas' columns in the transpose's geometry
 * instead ({@link #backwardPair}): the input gradient is a convolution of the deltas with the flipped kernels (a
 * GEMM and a copy, no scatter-add), and the weight gradient is γ X · Δ_colᵀ, so that one layout of each delta
 * serves both. The R-operator's two terms share one GEMM where they share an output ({@link #forwardSum}:
 * [V W]·[X_col; R(X)_col]; the input gradient of R(δ) and δ) and one call ({@link #backwardPair}). Chunks hold at
 * most {@link #CHUNK_ENTRIES} column entries, bounding the extra memory.
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

    /**
     * Maximum entries of one chunk's im2col matrix (2²⁰ doubles = 8 MB): small enough that the columns stay in
     * cache between their layout and the GEMM, large enough that a GEMM is worth splitting over threads. Measured
     * on Myrtle-5, width 32, n = 256, one thread, CPU time of build + one product: 4 and 8 MB alike, 16 MB 1.6×
     * slower (the passes of a 32→32 layer ran at 60–70 GFLOP/s inside BLAS with 4 MB, 50–57 with 16 MB).
     */
    public static final int CHUNK_ENTRIES = 1 << 20;

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

    /** The im2col geometry of this convolution. */
    ConvColumns columns() {
        ImageShape o = out();
        return new ConvColumns(in.channels(), in.height(), in.width(), kernel, stride, padding, o.height(), o.width());
    }

    /**
     * The geometry of the transpose at stride 1: the deltas (C_out×H'×W') read by the flipped kernel with padding
     * k − 1 − p give the C_in×H×W input gradient, since with stride 1 ∂y(oh, ow)/∂x(ih, iw) depends only on
     * (ih − oh, iw − ow).
     */
    private ConvColumns transposeColumns() {
        ImageShape o = out();
        return new ConvColumns(outChannels, o.height(), o.width(), kernel, 1, kernel - 1 - padding, in.height(),
                in.width());
    }

    /** Examples per chunk: as many as fit {@link #CHUNK_ENTRIES} column entries (at least one). */
    private static int chunk(int batch, long perExample) {
        return (int) Math.max(1, Math.min(batch, CHUNK_ENTRIES / perExample));
    }

    @Override
    public void forward(Blocks p, int b, NativeArray x, long xOff, int batch, boolean includeBias, double beta,
                        NativeArray y) {
        forwardTerms(p, x, xOff, null, null, b, batch, includeBias, beta, y);
    }

    /** One GEMM per chunk over both terms, [W₁ W₂]·[X₁_col; X₂_col] (inner dimension 2·C_in·k·k). */
    @Override
    public void forwardSum(Blocks p1, NativeArray x1, long x1Off, Blocks p2, NativeArray x2, int b, int batch,
                           NativeArray y) {
        forwardTerms(p1, x1, x1Off, p2, x2, b, batch, true, 0.0, y);
    }

    /**
     * y = beta·y + γ W₁ ⋆ x₁ (+ β b₁) (+ γ W₂ ⋆ x₂ when x2 is not null). One term reads W₁ where it is (block b of
     * p1, C_out × C_in·k·k row-major: the GEMM's left operand as it stands); two are stacked row by row into a work
     * buffer.
     */
    private void forwardTerms(Blocks p1, NativeArray x1, long x1Off, Blocks p2, NativeArray x2, int b, int batch,
                              boolean includeBias, double beta, NativeArray y) {
        ConvColumns g = columns();
        int k = fanIn(), hw = g.plane(), co = outChannels, outSize = co * hw;
        int kk = x2 == null ? k : 2 * k;
        int cb = chunk(batch, (long) kk * hw);
        ConvColumns.Work work = ConvColumns.Work.get();
        DoubleBuffer pb = p1.data().buffer();
        int po = (int) p1.at(b);
        NativeArray wn = p1.data();
        long wOff = po;
        if (x2 != null) {
            wn = work.get(ConvColumns.Work.WEIGHTS, (long) co * kk);
            wOff = 0;
            DoubleBuffer wb = wn.buffer(), pb2 = p2.data().buffer();
            int po2 = (int) p2.at(b);
            for (int c = 0; c < co; c++) { // row c = [W₁[c, :], W₂[c, :]]
                wb.put(c * kk, pb, po + c * k, k);
                wb.put(c * kk + k, pb2, po2 + c * k, k);
            }
        }
        NativeArray nc = work.get(ConvColumns.Work.COLS, (long) kk * cb * hw);
        NativeArray out = work.get(ConvColumns.Work.OUT, (long) co * cb * hw);
        DoubleBuffer ob = out.buffer(), yb = y.buffer();
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            g.im2col(x1, x1Off, b0, nb, nc, 0, work);
            if (x2 != null) {
                g.im2col(x2, 0, b0, nb, nc, k, work);
            }
            Blas.gemm(false, false, co, n, kk, gamma, wn, wOff, kk, nc, 0, n, 0.0, out, 0, n);
            for (int e = 0; e < nb; e++) {
                int yo = (b0 + e) * outSize;
                for (int c = 0; c < co; c++) {
                    double add = bias && includeBias ? biasGamma * pb.get(po + co * k + c) : 0.0;
                    int src = c * n + e * hw, dst = yo + c * hw;
                    if (beta == 0 && add == 0) {
                        yb.put(dst, ob, src, hw);
                    } else if (beta == 0) {
                        for (int o = 0; o < hw; o++) {
                            yb.put(dst + o, ob.get(src + o) + add);
                        }
                    } else {
                        for (int o = 0; o < hw; o++) {
                            yb.put(dst + o, beta * yb.get(dst + o) + ob.get(src + o) + add);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backwardInput(Blocks p, int b, NativeArray delta, int batch, double beta, NativeArray gradIn) {
        if (stride == 1) {
            transposed(delta, null, 0, p, false, null, null, null, b, batch, null, 0.0, gradIn, beta);
            return;
        }
        ConvColumns g = columns();
        int k = fanIn(), hw = g.plane(), co = outChannels, inSize = in.size();
        int cb = chunk(batch, (long) k * hw);
        ConvColumns.Work work = ConvColumns.Work.get();
        NativeArray d = work.get(ConvColumns.Work.GATHER, (long) co * cb * hw);
        NativeArray nc = work.get(ConvColumns.Work.COLS, (long) k * cb * hw);
        double[] cols = work.cols(k * cb * hw);
        double[] gi = work.tmp(cb * inSize); // the chunk's examples of gradIn, scattered into on the Java side
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw, at = b0 * inSize, len = nb * inSize;
            Cancellation.checkpoint();
            ConvColumns.gather(delta, 0, co, hw, b0, nb, d);
            Blas.gemm(true, false, k, n, co, gamma, p.data(), p.at(b), k, d, 0, n, 0.0, nc, 0, n);
            nc.copyTo(0, cols, 0, k * n);
            if (beta == 0) {
                java.util.Arrays.fill(gi, 0, len, 0.0);
            } else {
                gradIn.copyTo(at, gi, 0, len);
                if (beta != 1) {
                    for (int i = 0; i < len; i++) {
                        gi[i] *= beta;
                    }
                }
            }
            g.col2im(cols, 0, nb, gi);
            gradIn.copyFrom(gi, 0, at, len);
        }
    }

    @Override
    public void backwardParams(NativeArray x, long xOff, NativeArray delta, int batch, boolean includeBias,
                               double beta, Blocks grad, int b) {
        if (stride == 1 && !inputColumnsSmaller()) {
            transposed(delta, x, xOff, null, includeBias, null, null, null, b, batch, grad, beta, null, 0.0);
            return;
        }
        ConvColumns g = columns();
        int k = fanIn(), hw = g.plane(), co = outChannels;
        int cb = chunk(batch, (long) k * hw);
        ConvColumns.Work work = ConvColumns.Work.get();
        NativeArray d = work.get(ConvColumns.Work.GATHER, (long) co * cb * hw);
        NativeArray acc = work.get(ConvColumns.Work.ACC, (long) co * k);
        NativeArray nc = work.get(ConvColumns.Work.COLS, (long) k * cb * hw);
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            ConvColumns.gather(delta, 0, co, hw, b0, nb, d);
            g.im2col(x, xOff, b0, nb, nc, 0, work);
            Blas.gemm(false, true, co, k, n, gamma, d, 0, n, nc, 0, n, b0 == 0 ? 0.0 : 1.0, acc, 0, k);
        }
        // the chunks' sum is added to beta·old afterwards (not by the GEMM's beta): the summation order of the
        // double[] forms, whose grad was added to
        DoubleBuffer gb = grad.data().buffer(), ab = acc.buffer();
        int go = (int) grad.at(b);
        for (int i = 0; i < co * k; i++) {
            gb.put(go + i, (beta == 0 ? 0.0 : beta * gb.get(go + i)) + ab.get(i));
        }
        biasGradient(delta, batch, includeBias, beta, gb, go);
    }

    /**
     * Stride 1: the deltas' columns in the transpose's geometry ({@link #transposeColumns}) serve both gradients,
     * laid out once per chunk for both terms: the input gradient is their convolution with the flipped, transposed
     * kernels W'[c_in, c_out, kh, kw] = W[c_out, c_in, k−1−kh, k−1−kw] (one GEMM over both terms), and the weight
     * gradient of term t is ∂W'_t = γ X_t · cols(δ_t)ᵀ (C_in × C_out·k·k, read back flipped), since
     * ∂W[c_out, c_in, kh, kw] = γ Σ x[c_in, i] δ[c_out, i + p − (kh, kw)].
     */
    @Override
    public void backwardPair(NativeArray d1, NativeArray x1, long x1Off, Blocks p1, boolean bias1, NativeArray d2,
                             NativeArray x2, Blocks p2, int b, int batch, Blocks grad, NativeArray gradIn) {
        if (stride != 1 || (gradIn == null && inputColumnsSmaller())) {
            Layer.super.backwardPair(d1, x1, x1Off, p1, bias1, d2, x2, p2, b, batch, grad, gradIn);
            return;
        }
        transposed(d1, x1, x1Off, p1, bias1, d2, x2, p2, b, batch, grad, Double.NaN, gradIn, 0.0);
    }

    /**
     * Whether the input's columns (C_in·k·k per output position) are smaller than the deltas' (C_out·k·k per input
     * position), as in a first layer on RGB images: then a weight gradient alone (no input gradient wanted) is
     * cheaper through the input's columns.
     */
    private boolean inputColumnsSmaller() {
        return (long) in.channels() * out().plane() < (long) outChannels * in.plane();
    }

    /**
     * {@link #backwardPair} at stride 1, with gradIn = beta·gradIn + … when it is given. Each term whose x is given
     * writes block b of grad as gradBeta·old + its gradient, gradBeta from {@link Blocks#beta} at that write when it
     * is NaN (a pair: set, then added to). The weights are read (into their flipped copy) before grad is written:
     * grad may share p₂'s memory (H v over v).
     */
    private void transposed(NativeArray d1, NativeArray x1, long x1Off, Blocks p1, boolean bias1, NativeArray d2,
                            NativeArray x2, Blocks p2, int b, int batch, Blocks grad, double gradBeta,
                            NativeArray gradIn, double beta) {
        int ci = in.channels(), co = outChannels, inSize = in.size();
        if (d1 == null && d2 == null) {
            if (gradIn != null) {
                scale(gradIn, batch * inSize, beta);
            }
            return;
        }
        ConvColumns g = transposeColumns();
        int r = g.rows(), hw = g.plane();
        boolean both = d1 != null && d2 != null;
        NativeArray[] ds = both ? new NativeArray[]{d1, d2} : new NativeArray[]{d1 != null ? d1 : d2};
        NativeArray[] xs = both ? new NativeArray[]{x1, x2} : new NativeArray[]{d1 != null ? x1 : x2};
        long[] xo = both ? new long[]{x1Off, 0} : new long[]{d1 != null ? x1Off : 0};
        Blocks[] ps = both ? new Blocks[]{p1, p2} : new Blocks[]{d1 != null ? p1 : p2};
        int terms = ds.length, kk = terms * r;
        int cb = chunk(batch, (long) kk * hw);
        ConvColumns.Work work = ConvColumns.Work.get();
        NativeArray wn = null;
        if (gradIn != null) {
            wn = work.get(ConvColumns.Work.WEIGHTS, (long) ci * kk);
            double[] wt = work.tmp(kk);
            for (int c = 0; c < ci; c++) { // row c_in = [W₁'[c_in, :], W₂'[c_in, :]]
                for (int t = 0; t < terms; t++) {
                    DoubleBuffer pb = ps[t].data().buffer();
                    int po = (int) ps[t].at(b);
                    for (int o = 0; o < co; o++) {
                        for (int kh = 0; kh < kernel; kh++) {
                            for (int kw = 0; kw < kernel; kw++) {
                                wt[t * r + (o * kernel + kh) * kernel + kw] = pb.get(
                                        po + ((o * ci + c) * kernel + kernel - 1 - kh) * kernel + kernel - 1 - kw);
                            }
                        }
                    }
                }
                wn.copyFrom(wt, 0, (long) c * kk, kk);
            }
        }
        NativeArray nc = work.get(ConvColumns.Work.COLS, (long) kk * cb * hw);
        NativeArray out = work.get(ConvColumns.Work.OUT, (long) ci * cb * hw);
        NativeArray xg = work.get(ConvColumns.Work.GATHER, (long) ci * cb * hw);
        NativeArray acc = work.get(ConvColumns.Work.ACC, (long) terms * ci * r);
        DoubleBuffer ob = out.buffer(), gib = gradIn == null ? null : gradIn.buffer();
        for (int b0 = 0; b0 < batch; b0 += cb) {
            int nb = Math.min(cb, batch - b0), n = nb * hw;
            Cancellation.checkpoint();
            for (int t = 0; t < terms; t++) {
                g.im2col(ds[t], 0, b0, nb, nc, t * r, work);
            }
            if (gradIn != null) {
                Blas.gemm(false, false, ci, n, kk, gamma, wn, 0, kk, nc, 0, n, 0.0, out, 0, n);
                for (int e = 0; e < nb; e++) {
                    for (int c = 0; c < ci; c++) {
                        int src = c * n + e * hw, dst = (b0 + e) * inSize + c * hw;
                        if (beta == 0) {
                            gib.put(dst, ob, src, hw);
                            continue;
                        }
                        for (int o = 0; o < hw; o++) {
                            gib.put(dst + o, beta * gib.get(dst + o) + ob.get(src + o));
                        }
                    }
                }
            }
            for (int t = 0; t < terms; t++) {
                if (xs[t] != null) {
                    ConvColumns.gather(xs[t], xo[t], ci, hw, b0, nb, xg);
                    Blas.gemm(false, true, ci, r, n, gamma, xg, 0, n, nc, (long) t * r * n, n, b0 == 0 ? 0.0 : 1.0,
                            acc, (long) t * ci * r, r);
                }
            }
        }
        DoubleBuffer ab = acc.buffer();
        for (int t = 0; t < terms; t++) {
            if (xs[t] == null) {
                continue;
            }
            DoubleBuffer gb = grad.data().buffer();
            int go = (int) grad.at(b), a0 = t * ci * r;
            double gbeta = Double.isNaN(gradBeta) ? grad.beta(b) : gradBeta;
            for (int c = 0; c < ci; c++) { // ∂W[o, c, kh, kw] = gbeta·old + ∂W'[c, (o, k−1−kh, k−1−kw)]
                for (int o = 0; o < co; o++) {
                    for (int kh = 0; kh < kernel; kh++) {
                        for (int kw = 0; kw < kernel; kw++) {
                            int i = go + ((o * ci + c) * kernel + kh) * kernel + kw;
                            gb.put(i, (gbeta == 0 ? 0.0 : gbeta * gb.get(i))
                                    + ab.get(a0 + c * r + (o * kernel + kernel - 1 - kh) * kernel + kernel - 1 - kw));
                        }
                    }
                }
            }
            biasGradient(ds[t], batch, bias1 && t == 0 && d1 != null, gbeta, gb, go);
        }
    }

    /**
     * The bias part of the block at {@code go} of gb = beta·old + β Σ δ over examples and positions, per output
     * channel, if {@code include}; else beta·old (a block set by this write gets no bias gradient: zero).
     */
    private void biasGradient(NativeArray delta, int batch, boolean include, double beta, DoubleBuffer gb, int go) {
        if (!bias || (!include && beta == 1)) {
            return;
        }
        int co = outChannels, hw = out().plane(), w = go + weightCount();
        DoubleBuffer db = delta.buffer();
        for (int c = 0; c < co; c++) {
            double old = beta == 0 ? 0.0 : beta * gb.get(w + c);
            if (!include) {
                gb.put(w + c, old);
                continue;
            }
            double s = 0;
            for (int e = 0; e < batch; e++) {
                for (int j = (e * co + c) * hw, end = j + hw; j < end; j++) {
                    s += db.get(j);
                }
            }
            gb.put(w + c, old + biasGamma * s);
        }
    }

    /** a = beta·a on its first len entries (0: zeroed, whatever they held). */
    private static void scale(NativeArray a, int len, double beta) {
        if (beta == 0) {
            a.zero(len);
        } else if (beta != 1) {
            DoubleBuffer ab = a.buffer();
            for (int i = 0; i < len; i++) {
                ab.put(i, ab.get(i) * beta);
            }
        }
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
