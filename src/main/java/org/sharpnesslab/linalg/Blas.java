package org.sharpnesslab.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * The one place that talks to BLAS: general matrix products on flat row-major {@code double[]} arrays, through
 * OpenBLAS {@code cblas_dgemm} for large products and a plain Java loop for tiny ones (where the JNI call costs
 * more than the arithmetic).
 *
 * <p>Measured here (1000×3072 times 3072×512): JavaCPP's {@code double[]} overload of {@code cblas_dgemm} runs
 * within 3–5 % of the off-heap {@code DoublePointer} overload (78 ms against 75 ms, ~40 GFLOP/s on 2 busy cores),
 * so the hot path passes Java arrays directly and keeps no off-heap copies.
 */
public final class Blas {

    /** Products with fewer multiply-adds than this run in Java (JNI and thread start-up dominate below it). */
    static final long SMALL = 32L * 32 * 32;

    private static final java.util.concurrent.atomic.AtomicLong FLOPS = new java.util.concurrent.atomic.AtomicLong();

    private Blas() {
    }

    /** Floating-point operations (2·m·n·k per product) done by {@link #gemm} since start-up or the last reset. */
    public static long flops() {
        return FLOPS.get();
    }

    private static final java.util.concurrent.atomic.AtomicLong NANOS = new java.util.concurrent.atomic.AtomicLong();

    /** Wall-clock nanoseconds spent inside OpenBLAS calls since start-up or the last reset. */
    public static long nanos() {
        return NANOS.get();
    }

    /** Resets the {@link #flops()} and {@link #nanos()} counters. */
    public static void resetFlops() {
        FLOPS.set(0);
        NANOS.set(0);
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C}, all row-major, where op(X) is X or Xᵀ.
     *
     * @param transA whether op(A) = Aᵀ (A is stored k×m) or A (stored m×k)
     * @param transB whether op(B) = Bᵀ (B is stored n×k) or B (stored k×n)
     * @param m      rows of op(A) and C
     * @param n      columns of op(B) and C
     * @param k      inner dimension
     * @param alpha  scale of the product
     * @param a      A (not modified); only its first m·k entries are read
     * @param b      B (not modified); only its first k·n entries are read
     * @param beta   scale of the old C (0: C is overwritten, its old content ignored)
     * @param c      C, m×n (modified)
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                            double[] b, double beta, double[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be >= 0, were m=" + m + " n=" + n + " k=" + k);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("gemm arrays too short for m=" + m + " n=" + n + " k=" + k
                    + ": a.length=" + a.length + " b.length=" + b.length + " c.length=" + c.length);
        }
        if (m == 0 || n == 0) {
            return;
        }
        FLOPS.addAndGet(2L * m * n * k);
        if (k == 0) {
            scale(beta, c, m * n);
            return;
        }
        if ((long) m * n * k < SMALL) {
            javaGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        long t0 = System.nanoTime();
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
        NANOS.addAndGet(System.nanoTime() - t0);
    }

    /**
     * The Gram matrix {@code G = X Xᵀ} (n×n, both triangles filled) of a row-major n×d matrix X, by
     * {@code cblas_dsyrk} (n(n+1)·d flops counted).
     */
    public static void gram(int n, int d, double[] x, double[] g) {
        if (n < 1 || d < 1 || x.length < (long) n * d || g.length < (long) n * n) {
            throw new IllegalArgumentException("gram needs n, d >= 1 and arrays of n*d and n*n, were n=" + n
                    + " d=" + d + " x.length=" + x.length + " g.length=" + g.length);
        }
        FLOPS.addAndGet((long) n * (n + 1) * d);
        long t0 = System.nanoTime();
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasLower, openblas.CblasNoTrans, n, d, 1.0, x, d,
                0.0, g, n);
        NANOS.addAndGet(System.nanoTime() - t0);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                g[i * n + j] = g[j * n + i];
            }
        }
    }

    /**
     * Triangular solve {@code B ← L⁻¹ B} (left) or {@code B ← B L⁻ᵀ} (right, {@code transposeRight}) or
     * {@code B ← B L⁻¹} (right, not transposed), L lower triangular r×r row-major with non-zero diagonal, B
     * row-major m×n ({@code cblas_dtrsm}).
     *
     * @param left whether L multiplies from the left (then r = m) or from the right (then r = n)
     */
    public static void trsmLower(boolean left, boolean transpose, int m, int n, double[] l, double[] b) {
        int r = left ? m : n;
        if (m < 0 || n < 0 || l.length < (long) r * r || b.length < (long) m * n) {
            throw new IllegalArgumentException("trsmLower arrays too short for m=" + m + " n=" + n);
        }
        if (m == 0 || n == 0) {
            return;
        }
        FLOPS.addAndGet((long) r * r * (left ? n : m));
        long t0 = System.nanoTime();
        openblas.cblas_dtrsm(openblas.CblasRowMajor, left ? openblas.CblasLeft : openblas.CblasRight,
                openblas.CblasLower, transpose ? openblas.CblasTrans : openblas.CblasNoTrans, openblas.CblasNonUnit,
                m, n, 1.0, l, r, b, n);
        NANOS.addAndGet(System.nanoTime() - t0);
    }

    /**
     * Cholesky factor with complete pivoting of a symmetric positive semi-definite n×n matrix A (row-major,
     * overwritten): Πᵀ A Π = L Lᵀ with L lower triangular n×rank; stops when the largest remaining pivot is
     * ≤ {@code tolerance} (LAPACK {@code dpstrf}). On return the lower triangle of the first {@code rank} columns
     * of a holds L (everything else is zeroed) and {@code piv[k]} (0-based) is the original index of pivoted row
     * k. Returns the rank.
     */
    public static int pivotedCholesky(int n, double[] a, int[] piv, double tolerance) {
        if (n < 1 || a.length < (long) n * n || piv.length < n) {
            throw new IllegalArgumentException("pivotedCholesky needs n >= 1, a of n*n and piv of n, were n=" + n);
        }
        int[] rank = new int[1];
        FLOPS.addAndGet((long) n * n * n / 3);
        long t0 = System.nanoTime();
        int info = openblas.LAPACKE_dpstrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n, piv, rank, tolerance);
        NANOS.addAndGet(System.nanoTime() - t0);
        if (info < 0) {
            throw new IllegalArgumentException("dpstrf rejected argument " + (-info));
        }
        int r = rank[0];
        for (int i = 0; i < n; i++) {
            piv[i] -= 1;
            for (int j = 0; j < n; j++) {
                if (j > i || j >= r) {
                    a[i * n + j] = 0.0;
                }
            }
        }
        return r;
    }

    /**
     * Cholesky factor A = L Lᵀ of a symmetric positive definite n×n matrix (row-major, overwritten by L, upper
     * triangle zeroed; LAPACK {@code dpotrf}).
     *
     * @throws IllegalArgumentException if A is not positive definite
     */
    public static void cholesky(int n, double[] a) {
        if (n < 1 || a.length < (long) n * n) {
            throw new IllegalArgumentException("cholesky needs n >= 1 and a of n*n, were n=" + n);
        }
        FLOPS.addAndGet((long) n * n * n / 3);
        long t0 = System.nanoTime();
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n);
        NANOS.addAndGet(System.nanoTime() - t0);
        if (info != 0) {
            throw new IllegalArgumentException("matrix is not positive definite (dpotrf info=" + info + ")");
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = 0.0;
            }
        }
    }

    /** Same as {@link #gemm} but always in Java (reference implementation for tests and tiny products). */
    public static void javaGemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                                double[] b, double beta, double[] c) {
        scale(beta, c, m * n);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                if (aip == 0) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[j * k + p];
                    }
                } else {
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    private static void scale(double beta, double[] c, int len) {
        if (beta == 0) {
            java.util.Arrays.fill(c, 0, len, 0.0);
        } else if (beta != 1) {
            for (int i = 0; i < len; i++) {
                c[i] *= beta;
            }
        }
    }

    /** Number of threads OpenBLAS uses. */
    public static int threads() {
        return openblas.blas_get_num_threads();
    }

    /** Sets the number of threads OpenBLAS uses (≥ 1). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        openblas.blas_set_num_threads(threads);
    }
}
