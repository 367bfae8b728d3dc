package org.sharpnesslab.linalg;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Parallel;

import java.nio.DoubleBuffer;

/**
 * Pure-Java {@code C = alpha op(A) op(B) + beta C} (dgemm, row-major, operands in {@link DoubleBuffer}s at offsets
 * with leading dimensions), the product of {@link JavaBlas}.
 *
 * <p>Cache-blocked as in GotoBLAS: a panel of op(B) (≤ {@value #KC} × {@value #NC}, 0.5 MB, kept in L2) is packed
 * into one array per row, a block of op(A) (≤ {@value #MC} rows, alpha folded in) into one array; two rows of C at
 * a time, copied into arrays of their own, take three rank-one updates per pass over the panel
 * ({@code c[j] += (a0 x0[j] + a1 x1[j]) + a2 x2[j]}), a loop HotSpot compiles to vector instructions (see
 * {@link #rows2} for why that shape). C is split into parts along its longer side, run on {@link Parallel} workers;
 * each block of rows starts with a {@link Cancellation#checkpoint()}. Every entry of C is summed in the same order
 * whatever the number of threads, so the result does not depend on it.
 */
final class JavaGemm {

    /** Depth of a packed panel. */
    static final int KC = 256;
    /** Width of a packed panel of op(B). */
    static final int NC = 256;
    /** Rows of a packed block of op(A) (and rows between two cancellation checkpoints). */
    static final int MC = 128;
    /** Products below this many flops run on the calling thread alone. */
    private static final long MIN_FLOPS_PER_PART = 1L << 23;

    private JavaGemm() {
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C} on {@code threads} threads (arguments as checked by {@link Blas}; m, n,
     * k ≥ 1; beta = 0 overwrites C, alpha = 0 does not read A and B).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoubleBuffer a, int aOffset,
                     int lda, DoubleBuffer b, int bOffset, int ldb, double beta, DoubleBuffer c, int cOffset, int ldc,
                     int threads) {
        Operands ops = new Operands(transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc);
        boolean byRows = m >= n;
        int length = byRows ? m : n;
        long parts = Math.min(threads, 2L * m * n * k / MIN_FLOPS_PER_PART);
        if (parts <= 1) {
            ops.block(0, m, 0, n);
            return;
        }
        int step = (int) ((length + parts - 1) / parts + 1) & ~1; // even: rows pair up as on one thread
        int count = (length + step - 1) / step;
        Parallel.forEach(count, threads, part -> {
            int lo = part * step;
            int hi = Math.min(length, lo + step);
            if (byRows) {
                ops.block(lo, hi, 0, n);
            } else {
                ops.block(0, m, lo, hi);
            }
        });
    }

    /** The operands of one product; {@link #block} computes a rectangle of C (thread-safe across rectangles). */
    private record Operands(boolean transA, boolean transB, int k, double alpha, DoubleBuffer a, int aOffset, int lda,
                            DoubleBuffer b, int bOffset, int ldb, double beta, DoubleBuffer c, int cOffset, int ldc) {

        /** Rows [i0, i1) and columns [j0, j1) of C. */
        void block(int i0, int i1, int j0, int j1) {
            int nc = Math.min(NC, j1 - j0);
            int kc = Math.min(KC, k);
            int mc = Math.min(MC, i1 - i0);
            double[] c0 = new double[nc];
            double[] c1 = new double[nc];
            if (alpha == 0) {
                for (int i = i0; i < i1; i++) {
                    Cancellation.checkpointEvery1024(i);
                    for (int jj = j0; jj < j1; jj += NC) {
                        int nb = Math.min(NC, j1 - jj);
                        int at = cOffset + i * ldc + jj;
                        c.get(at, c0, 0, nb);
                        scale(c0, nb, beta);
                        c.put(at, c0, 0, nb);
                    }
                }
                return;
            }
            double[][] bp = new double[kc][nc];
            double[] ap = new double[mc * kc];
            double[] line = new double[kc];
            for (int jj = j0; jj < j1; jj += NC) {
                int nb = Math.min(NC, j1 - jj);
                for (int pp = 0; pp < k; pp += KC) {
                    int kb = Math.min(KC, k - pp);
                    packB(pp, kb, jj, nb, bp, line);
                    double s = pp == 0 ? beta : 1.0;
                    for (int ii = i0; ii < i1; ii += MC) {
                        Cancellation.checkpoint();
                        int mb = Math.min(MC, i1 - ii);
                        packA(ii, mb, pp, kb, ap);
                        int si = transA ? 1 : kb; // ap holds alpha op(A)[ii + i][pp + p] at i·si + p·sp
                        int sp = transA ? mb : 1;
                        int i = 0;
                        for (; i + 1 < mb; i += 2) {
                            int at = cOffset + (ii + i) * ldc + jj;
                            c.get(at, c0, 0, nb);
                            c.get(at + ldc, c1, 0, nb);
                            scale(c0, nb, s);
                            scale(c1, nb, s);
                            rows2(ap, i * si, (i + 1) * si, sp, kb, bp, nb, c0, c1);
                            c.put(at, c0, 0, nb);
                            c.put(at + ldc, c1, 0, nb);
                        }
                        if (i < mb) {
                            int at = cOffset + (ii + i) * ldc + jj;
                            c.get(at, c0, 0, nb);
                            scale(c0, nb, s);
                            row1(ap, i * si, sp, kb, bp, nb, c0);
                            c.put(at, c0, 0, nb);
                        }
                    }
                }
            }
        }

        /** bp[p][j] = op(B)[pp + p][jj + j], p &lt; kb, j &lt; nb. */
        private void packB(int pp, int kb, int jj, int nb, double[][] bp, double[] line) {
            if (!transB) {
                for (int p = 0; p < kb; p++) {
                    b.get(bOffset + (pp + p) * ldb + jj, bp[p], 0, nb);
                }
            } else { // B is stored n×k: column p of op(B)ᵀ is a row of B
                for (int j = 0; j < nb; j++) {
                    b.get(bOffset + (jj + j) * ldb + pp, line, 0, kb);
                    for (int p = 0; p < kb; p++) {
                        bp[p][j] = line[p];
                    }
                }
            }
        }

        /**
         * alpha op(A)[ii + i][pp + p] for i &lt; mb, p &lt; kb, copied as stored: row by row (at i·kb + p) or, when A
         * is stored transposed, column by column (at p·mb + i).
         */
        private void packA(int ii, int mb, int pp, int kb, double[] ap) {
            for (int x = 0; x < (transA ? kb : mb); x++) {
                if (transA) { // A is stored k×m
                    a.get(aOffset + (pp + x) * lda + ii, ap, x * mb, mb);
                } else {
                    a.get(aOffset + (ii + x) * lda + pp, ap, x * kb, kb);
                }
            }
            if (alpha != 1) {
                for (int x = 0; x < mb * kb; x++) {
                    ap[x] *= alpha;
                }
            }
        }
    }

    /** x[0..len) *= s, with s = 0 overwriting (BLAS's beta = 0: the old values, NaN included, are ignored). */
    static void scale(double[] x, int len, double s) {
        if (s == 0) {
            java.util.Arrays.fill(x, 0, len, 0.0);
        } else if (s != 1) {
            for (int j = 0; j < len; j++) {
                x[j] *= s;
            }
        }
    }

    /**
     * c0 += a·B and c1 += a'·B for the packed panel B (kb rows of nb; a[p] at ap[o0 + p·sp], a'[p] at
     * ap[o1 + p·sp]): three rank-one updates per pass, {@code c[j] += (a0 x0[j] + a1 x1[j]) + a2 x2[j]}. HotSpot 17
     * compiles this shape to vector instructions, and few others: the arrays indexed by plain {@code j} (an offset,
     * {@code b[o + j]}, keeps the loop scalar) and a body small enough to unroll (four rows, or two rows of four or
     * eight updates, stay scalar: a third of the speed, measured). The sums are grouped exactly as in {@link #row1}.
     */
    private static void rows2(double[] ap, int o0, int o1, int sp, int kb, double[][] bp, int nb, double[] c0,
                              double[] c1) {
        int p = 0;
        for (; p + 2 < kb; p += 3) {
            double a0 = ap[o0 + p * sp], a1 = ap[o0 + (p + 1) * sp], a2 = ap[o0 + (p + 2) * sp];
            double e0 = ap[o1 + p * sp], e1 = ap[o1 + (p + 1) * sp], e2 = ap[o1 + (p + 2) * sp];
            double[] x0 = bp[p], x1 = bp[p + 1], x2 = bp[p + 2];
            for (int j = 0; j < nb; j++) {
                c0[j] += (a0 * x0[j] + a1 * x1[j]) + a2 * x2[j];
                c1[j] += (e0 * x0[j] + e1 * x1[j]) + e2 * x2[j];
            }
        }
        for (; p < kb; p++) {
            double a0 = ap[o0 + p * sp];
            double e0 = ap[o1 + p * sp];
            double[] x0 = bp[p];
            for (int j = 0; j < nb; j++) {
                c0[j] += a0 * x0[j];
                c1[j] += e0 * x0[j];
            }
        }
    }

    /** c0 += a·B: one row of {@link #rows2}. */
    private static void row1(double[] ap, int o0, int sp, int kb, double[][] bp, int nb, double[] c0) {
        int p = 0;
        for (; p + 2 < kb; p += 3) {
            double a0 = ap[o0 + p * sp], a1 = ap[o0 + (p + 1) * sp], a2 = ap[o0 + (p + 2) * sp];
            double[] x0 = bp[p], x1 = bp[p + 1], x2 = bp[p + 2];
            for (int j = 0; j < nb; j++) {
                c0[j] += (a0 * x0[j] + a1 * x1[j]) + a2 * x2[j];
            }
        }
        for (; p < kb; p++) {
            double a0 = ap[o0 + p * sp];
            double[] x0 = bp[p];
            for (int j = 0; j < nb; j++) {
                c0[j] += a0 * x0[j];
            }
        }
    }
}
