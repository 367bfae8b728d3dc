package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;

/**
 * The im2col geometry of one convolution: images of {@code channels}×{@code height}×{@code width} (one example after
 * the other, channel-major) read by {@code kernel}×{@code kernel} windows moved by {@code stride} with zero
 * {@code padding}, giving {@code outHeight}×{@code outWidth} positions. {@link #im2col} lays a chunk of examples out
 * as the columns matrix (row r = (c·k + kh)·k + kw, column b·H'W' + o) that turns the convolution into one GEMM;
 * {@link #col2im} is its transpose. A {@link Conv2d} uses its own geometry, and for stride 1 the geometry of its
 * transpose (the deltas read with the flipped kernel and padding k − 1 − p), so that the input gradient is a GEMM
 * followed by a copy instead of a scatter-add.
 *
 * <p>The images are off-heap ({@link NativeArray}, read through their {@link DoubleBuffer} at an offset: a
 * micro-batch of a dataset's one copy), and so are the columns the off-heap GEMM reads. {@link Work} holds one
 * thread's buffers: where the columns are not runs of the input (stride ≠ 1, or a width that changes), they are
 * built in a Java array (array stores, fast bulk copies), then moved to native memory in one copy.
 */
record ConvColumns(int channels, int height, int width, int kernel, int stride, int padding, int outHeight,
                   int outWidth) {

    /** Entries of one example's input. */
    int inSize() {
        return channels * height * width;
    }

    /** Rows of the columns matrix, C·k·k. */
    int rows() {
        return channels * kernel * kernel;
    }

    /** Output positions per example, H'·W'. */
    int plane() {
        return outHeight * outWidth;
    }

    /**
     * cols[r·n + b·H'W' + o] = x[c, oh·s − pad + kh, ow·s − pad + kw] (0 outside the image) for the
     * {@link #rows()} rows r = (c·k + kh)·k + kw of one example (from {@code xOff} of x, and also in
     * {@code example} from 0 when it is not null), placed as example b of a chunk whose rows have n entries (cols
     * modified: that example's columns only). Stride 1 copies runs of x; a stride reads {@code example}.
     */
    private void im2col(DoubleBuffer x, int xOff, double[] example, int b, int n, double[] cols) {
        int ho = outHeight, wo = outWidth, hw = ho * wo;
        int hi = height, wi = width;
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    int row = ((c * kernel + kh) * kernel + kw) * n;
                    // output columns ow with 0 <= ow·s − pad + kw < W
                    int lo = Math.max(0, ceilDiv(padding - kw, stride));
                    int hiW = Math.min(wo, ceilDiv(wi + padding - kw, stride));
                    int xo = c * hi * wi;
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
                            x.get(xOff + src + lo, cols, dst + lo, hiW - lo);
                        } else {
                            for (int ow = lo; ow < hiW; ow++) {
                                cols[dst + ow] = example[src + ow * stride];
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

    /**
     * The columns of x's examples b0 .. b0+nb (example e from {@code xOff + e·inSize}; x not modified) into native
     * columns: rows {@code rowOffset ..} of length n = nb·H'W' (modified: those rows only). At stride 1 with W' = W
     * (a "same" width), row (c, kh, kw) of an example is the input plane c shifted by (kh − p)·W + kw − p: one bulk
     * native copy per row and example, then the entries whose window falls outside the image are set to zero (no
     * Java-side columns and no second copy). Other geometries lay the columns out in a Java array, copied out at
     * once: at stride 1 from runs of x, at a stride from a Java copy of each example (the strided gather from an
     * array is 5–8 % faster than through the buffer on a pass that im2col dominates; at stride 1 the copy costs
     * more than it saves).
     */
    void im2col(NativeArray x, long xOff, int b0, int nb, NativeArray cols, int rowOffset, Work work) {
        int hw = plane(), n = nb * hw;
        DoubleBuffer xb = x.buffer();
        if (stride != 1 || outWidth != width) {
            int inSize = inSize();
            double[] heap = work.cols(rows() * n), example = stride == 1 ? null : work.example(inSize);
            for (int b = 0; b < nb; b++) {
                int xo = (int) (xOff + (long) (b0 + b) * inSize);
                if (example != null) {
                    xb.get(xo, example, 0, inSize);
                }
                im2col(xb, xo, example, b, n, heap);
            }
            cols.copyFrom(heap, 0, (long) rowOffset * n, rows() * n);
            return;
        }
        DoubleBuffer cb = cols.buffer();
        int wo = outWidth, ho = outHeight, hi = height, wi = width, inSize = inSize();
        double[] zeros = work.zeros(wo);
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    long row = (long) (rowOffset + (c * kernel + kh) * kernel + kw) * n;
                    int dh = kh - padding, dw = kw - padding, shift = dh * wi + dw;
                    int ohLo = Math.max(0, -dh), ohHi = Math.max(ohLo, Math.min(ho, hi - dh)); // 0 <= oh + dh < H
                    int left = Math.max(0, -dw), right = Math.max(0, dw); // ow < left or ow >= W − right: outside
                    int from = ohLo * wo + left, to = ohHi * wo - right;
                    for (int b = 0; b < nb; b++) {
                        int dst = (int) (row + (long) b * hw);
                        int xo = (int) (xOff + (long) (b0 + b) * inSize) + c * hi * wi;
                        for (int oh = 0; oh < ohLo; oh++) {
                            cb.put(dst + oh * wo, zeros, 0, wo);
                        }
                        for (int oh = ohHi; oh < ho; oh++) {
                            cb.put(dst + oh * wo, zeros, 0, wo);
                        }
                        if (to > from) {
                            cb.put(dst + from, xb, xo + from + shift, to - from);
                        }
                        if (left > 0 || right > 0) { // the copy brought neighbouring rows' entries there
                            for (int oh = ohLo; oh < ohHi; oh++) {
                                int o = dst + oh * wo;
                                for (int ow = 0; ow < Math.min(left, wo); ow++) {
                                    cb.put(o + ow, 0.0);
                                }
                                for (int ow = Math.max(0, wo - right); ow < wo; ow++) {
                                    cb.put(o + ow, 0.0);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The transpose of {@link #im2col} (row offset 0): g_{b0+b}[…] += cols[r·n + b·H'W' + o] (g modified). */
    void col2im(double[] cols, int b0, int nb, double[] g) {
        int ho = outHeight, wo = outWidth, hw = ho * wo, n = nb * hw;
        int hi = height, wi = width, inSize = inSize();
        for (int c = 0; c < channels; c++) {
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

    /**
     * d (C × nb·P, native) from a's examples b0 .. b0+nb (each C planes of P entries, example e from
     * {@code aOff + e·C·P}; a not modified): one native copy per plane.
     */
    static void gather(NativeArray a, long aOff, int channels, int plane, int b0, int nb, NativeArray d) {
        int n = nb * plane;
        DoubleBuffer src = a.buffer(), dst = d.buffer();
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < channels; c++) {
                dst.put((int) ((long) c * n + (long) b * plane), src,
                        (int) (aOff + ((long) (b0 + b) * channels + c) * plane), plane);
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * One thread's work buffers for the convolutions' GEMMs, grown to the largest chunk the thread has seen (a
     * chunk holds at most about {@link Conv2d#CHUNK_ENTRIES} column entries, so each buffer stays within a few
     * times that): the columns and an example's input in Java arrays, a Java array for results on their way back
     * (a chunk of input gradients scattered into by col2im) or a row of weights being laid out, and native slots
     * ({@link #COLS}, {@link #OUT}, {@link #WEIGHTS}, {@link #GATHER}, {@link #ACC}).
     */
    static final class Work {
        /** Native slot of the columns. */
        static final int COLS = 0;
        /** Native slot of a GEMM's output. */
        static final int OUT = 1;
        /** Native slot of weights rearranged for a GEMM (two terms' side by side, or the flipped kernels). */
        static final int WEIGHTS = 2;
        /** Native slot of a chunk of images or deltas gathered into a C × nb·H·W matrix. */
        static final int GATHER = 3;
        /** Native slot of the weight gradients accumulated over chunks. */
        static final int ACC = 4;

        private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

        private double[] cols = new double[0];
        private double[] example = new double[0];
        private double[] tmp = new double[0];
        private double[] zeros = new double[0];
        private final NativeArray[] slots = new NativeArray[5];

        /** The calling thread's buffers. */
        static Work get() {
            return WORK.get();
        }

        /** A Java array of at least {@code size} entries for the columns (content undefined). */
        double[] cols(int size) {
            if (cols.length < size) {
                cols = new double[size];
            }
            return cols;
        }

        /** A Java array of at least {@code size} entries for one example's input (content undefined). */
        double[] example(int size) {
            if (example.length < size) {
                example = new double[size];
            }
            return example;
        }

        /** A Java array of at least {@code size} entries for results or weights (content undefined). */
        double[] tmp(int size) {
            if (tmp.length < size) {
                tmp = new double[size];
            }
            return tmp;
        }

        /** A Java array of at least {@code size} zeros (never written). */
        double[] zeros(int size) {
            if (zeros.length < size) {
                zeros = new double[size];
            }
            return zeros;
        }

        /** The native buffer of this slot with at least {@code size} entries (content undefined). */
        NativeArray get(int slot, long size) {
            NativeArray a = slots[slot];
            if (a == null || a.length() < size) {
                if (a != null) {
                    a.close();
                }
                a = NativeArray.allocate(Math.max(1, size));
                slots[slot] = a;
            }
            return a;
        }
    }
}
