package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

/**
 * The im2col geometry of one convolution: images of {@code channels}×{@code height}×{@code width} (one example after
 * the other, channel-major) read by {@code kernel}×{@code kernel} windows moved by {@code stride} with zero
 * {@code padding}, giving {@code outHeight}×{@code outWidth} positions. {@link #im2col} lays a chunk of examples out
 * as the columns matrix (row r = (c·k + kh)·k + kw, column b·H'W' + o) that turns the convolution into one GEMM;
 * {@link #col2im} is its transpose. A {@link Conv2d} uses its own geometry, and for stride 1 the geometry of its
 * transpose (the deltas read with the flipped kernel and padding k − 1 − p), so that the input gradient is a GEMM
 * followed by a copy instead of a scatter-add.
 *
 * <p>{@link Work} holds one thread's buffers: the columns are built in a Java array (fast bulk copies), then moved
 * to native memory in one copy, so that the off-heap GEMM reads them without JavaCPP copying every operand in and
 * out on each call (which also allocated 16 MB of fresh native memory per call).
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
     * cols[(rowOffset + r)·n + b·H'W' + o] = x_{b0+b}[c, oh·s − pad + kh, ow·s − pad + kw] (0 outside the image)
     * for the {@link #rows()} rows r = (c·k + kh)·k + kw, where n = nb·H'W' (modified: those rows only).
     */
    void im2col(double[] x, int b0, int nb, double[] cols, int rowOffset) {
        int ho = outHeight, wo = outWidth, hw = ho * wo, n = nb * hw;
        int hi = height, wi = width, inSize = inSize();
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    int row = (rowOffset + (c * kernel + kh) * kernel + kw) * n;
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

    /**
     * {@link #im2col} into native columns: rows {@code rowOffset ..} of length n = nb·H'W' (modified: those rows
     * only). At stride 1 with W' = W (a "same" width), row (c, kh, kw) of an example is the input plane c shifted by
     * (kh − p)·W + kw − p: one bulk copy per row and example, then the entries whose window falls outside the image
     * are set to zero (no Java-side columns and no second copy); other geometries go through a Java array.
     */
    void im2col(double[] x, int b0, int nb, NativeArray cols, int rowOffset, Work work) {
        int hw = plane(), n = nb * hw;
        if (stride != 1 || outWidth != width) {
            double[] heap = work.cols(rows() * n);
            im2col(x, b0, nb, heap, 0);
            cols.copyFrom(heap, 0, (long) rowOffset * n, rows() * n);
            return;
        }
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
                        long dst = row + (long) b * hw;
                        int xo = (b0 + b) * inSize + c * hi * wi;
                        for (int oh = 0; oh < ohLo; oh++) {
                            cols.copyFrom(zeros, 0, dst + (long) oh * wo, wo);
                        }
                        for (int oh = ohHi; oh < ho; oh++) {
                            cols.copyFrom(zeros, 0, dst + (long) oh * wo, wo);
                        }
                        if (to > from) {
                            cols.copyFrom(x, xo + from + shift, dst + from, to - from);
                        }
                        if (left > 0 || right > 0) { // the copy brought neighbouring rows' entries there
                            for (int oh = ohLo; oh < ohHi; oh++) {
                                int o = (int) dst + oh * wo;
                                for (int ow = 0; ow < Math.min(left, wo); ow++) {
                                    cols.set(o + ow, 0.0);
                                }
                                for (int ow = Math.max(0, wo - right); ow < wo; ow++) {
                                    cols.set(o + ow, 0.0);
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

    /** d (C × nb·P, native) from a's examples b0 .. b0+nb (each C planes of P entries). */
    static void gather(double[] a, int channels, int plane, int b0, int nb, NativeArray d) {
        int n = nb * plane;
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < channels; c++) {
                d.copyFrom(a, ((b0 + b) * channels + c) * plane, (long) c * n + (long) b * plane, plane);
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * One thread's work buffers for the convolutions' GEMMs, grown to the largest chunk the thread has seen (a
     * chunk holds at most about {@link Conv2d#CHUNK_ENTRIES} column entries, so each buffer stays within a few
     * times that): the columns in a Java array, a Java array for results on their way back, and native slots
     * ({@link #COLS}, {@link #OUT}, {@link #WEIGHTS}, {@link #GATHER}, {@link #ACC}).
     */
    static final class Work {
        /** Native slot of the columns. */
        static final int COLS = 0;
        /** Native slot of a GEMM's output. */
        static final int OUT = 1;
        /** Native slot of the weights a GEMM reads. */
        static final int WEIGHTS = 2;
        /** Native slot of a chunk of images or deltas gathered into a C × nb·H·W matrix. */
        static final int GATHER = 3;
        /** Native slot of the weight gradients accumulated over chunks. */
        static final int ACC = 4;

        private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

        private double[] cols = new double[0];
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

        /** A Java array of at least {@code size} entries for results (content undefined). */
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
