package org.sharpnesslab.linalg;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Parallel;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * The pure-Java backend of {@link Blas}, used when no native BLAS loads (or {@code -Dsharpnesslab.blas=java}): the
 * same operations with the same contracts as the OpenBLAS/LAPACK routines, built on one blocked product
 * ({@link JavaGemm}); {@link NativeArray}s then live in Java arrays.
 *
 * <ul>
 *   <li>Gram matrix: the lower triangle by blocks of {@value #BLOCK} rows, each one product.</li>
 *   <li>Triangular solves: blocked substitution, the off-diagonal blocks by products, the diagonal ones by row
 *       operations (times the inverse of the diagonal, as OpenBLAS); solves from the right are solves from the
 *       left on Bᵀ.</li>
 *   <li>Cholesky, with or without complete pivoting: LAPACK's blocked {@code dpstrf} (C. Lucas, LAPACK Working
 *       Note 161, 2004): within a block of {@value #BLOCK} columns the pivot is the largest remaining diagonal of
 *       the Schur complement (the first one on ties, as LAPACK), the block is finished by dot products and the
 *       trailing matrix updated by a product. Same stopping rule (pivot ≤ tolerance; none on the first pivot),
 *       so the same rank and pivot order as {@code dpstrf} (unless two pivots tie to rounding), and without
 *       pivoting the same failure index as {@code dpotrf}.</li>
 * </ul>
 *
 * <p>Measured ({@code JavaGemmBench}: the 1000×512×3072 product X V₁ᵀ of the reference network's first layer, on the
 * 2-core AVX-512 AMD EPYC of {@link Blas}'s note, HotSpot 17, the machine shared with other work at load average
 * 5–9): on one thread, per second of the calling thread's CPU time, 23–24 GFLOP/s against OpenBLAS 0.3.28's 95–97
 * (its own choice of kernels): 4 times slower. Fastest wall-clock call: one thread 23–25 against 96–99 GFLOP/s, two
 * threads 15–20 against 84–95 (the second core was busy; at load 4 one Java thread reached 30). A Hessian-vector
 * product of FCN 3072-512-512-10 on 1000 examples, one thread: 0.6 s against 0.2–0.4 s.
 */
final class JavaBlas implements Backend {

    /** Rows per product of the Gram matrix; columns per block of the Cholesky factorisations and solves. */
    static final int BLOCK = 128;

    /** LAPACK's dlamch('E'): the unit round-off 2⁻⁵³. */
    private static final double EPS = Math.ulp(1.0) / 2;

    private volatile int threads = Parallel.defaultThreads();

    @Override
    public boolean nativeMemory() {
        return false;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                     double[] b, int ldb, double beta, double[] c, int ldc) {
        JavaGemm.gemm(transA, transB, m, n, k, alpha, DoubleBuffer.wrap(a), 0, lda, DoubleBuffer.wrap(b), 0, ldb,
                beta, DoubleBuffer.wrap(c), 0, ldc, threads);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeArray a, long aOffset,
                     int lda, NativeArray b, long bOffset, int ldb, double beta, NativeArray c, long cOffset,
                     int ldc) {
        // Blas checked that every operand ends within its array, whose length is at most Integer.MAX_VALUE
        JavaGemm.gemm(transA, transB, m, n, k, alpha, a.buffer(), (int) aOffset, lda, b.buffer(), (int) bOffset, ldb,
                beta, c.buffer(), (int) cOffset, ldc, threads);
    }

    @Override
    public void gramLower(int n, int d, double[] x, double[] g) {
        lowerUpdate(n, d, 1.0, x, 0, d, 0.0, g, 0, n);
    }

    /**
     * The lower triangle of {@code C = alpha X Xᵀ + beta C} for X rows×depth (dsyrk): by blocks of {@link #BLOCK}
     * rows, each a product that also fills the upper part of its diagonal block. X and C may share an array if
     * their regions are disjoint.
     */
    private void lowerUpdate(int rows, int depth, double alpha, double[] x, int xOffset, int ldx, double beta,
                             double[] c, int cOffset, int ldc) {
        DoubleBuffer xb = DoubleBuffer.wrap(x);
        DoubleBuffer cb = x == c ? xb : DoubleBuffer.wrap(c);
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int mb = Math.min(BLOCK, rows - i0);
            JavaGemm.gemm(false, true, mb, i0 + mb, depth, alpha, xb, xOffset + i0 * ldx, ldx, xb, xOffset, ldx,
                    beta, cb, cOffset + i0 * ldc, ldc, threads);
        }
    }

    @Override
    public void trsmLower(boolean left, boolean transpose, int m, int n, double[] l, double[] b) {
        if (left) {
            solveLeft(transpose, m, n, l, b);
            return;
        }
        // B L⁻¹ = (L⁻ᵀ Bᵀ)ᵀ and B L⁻ᵀ = (L⁻¹ Bᵀ)ᵀ
        double[] bt = transpose(b, m, n);
        solveLeft(!transpose, n, m, l, bt);
        System.arraycopy(transpose(bt, n, m), 0, b, 0, m * n);
    }

    private static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    /** B ← L⁻¹ B (forward) or B ← L⁻ᵀ B (backward), L r×r, B r×n, by blocks of {@link #BLOCK} rows. */
    private void solveLeft(boolean transpose, int r, int n, double[] l, double[] b) {
        DoubleBuffer lb = DoubleBuffer.wrap(l);
        DoubleBuffer bb = DoubleBuffer.wrap(b);
        if (!transpose) {
            for (int i0 = 0; i0 < r; i0 += BLOCK) {
                int i1 = Math.min(r, i0 + BLOCK);
                if (i0 > 0) { // B[I] -= L[I, 0:i0] X[0:i0]
                    JavaGemm.gemm(false, false, i1 - i0, n, i0, -1.0, lb, i0 * r, r, bb, 0, n, 1.0, bb, i0 * n, n,
                            threads);
                }
                Cancellation.checkpoint();
                double[][] x = rows(b, i0, i1, n);
                for (int i = i0; i < i1; i++) {
                    for (int p = i0; p < i; p++) {
                        Vectors.axpy(-l[i * r + p], x[p - i0], x[i - i0]);
                    }
                    Vectors.scale(1.0 / l[i * r + i], x[i - i0]);
                }
                putRows(x, b, i0, n);
            }
        } else {
            for (int i1 = r; i1 > 0; i1 -= BLOCK) {
                int i0 = Math.max(0, i1 - BLOCK);
                if (i1 < r) { // B[I] -= L[i1:r, I]ᵀ X[i1:r]
                    JavaGemm.gemm(true, false, i1 - i0, n, r - i1, -1.0, lb, i1 * r + i0, r, bb, i1 * n, n, 1.0, bb,
                            i0 * n, n, threads);
                }
                Cancellation.checkpoint();
                double[][] x = rows(b, i0, i1, n);
                for (int i = i1 - 1; i >= i0; i--) {
                    Vectors.scale(1.0 / l[i * r + i], x[i - i0]);
                    for (int p = i0; p < i; p++) {
                        Vectors.axpy(-l[i * r + p], x[i - i0], x[p - i0]);
                    }
                }
                putRows(x, b, i0, n);
            }
        }
    }

    /**
     * Rows [i0, i1) of the row-major b (n columns), each an array of its own: the substitutions' row operations on
     * them compile to vector instructions, on b at offsets they do not (see {@link JavaGemm}).
     */
    private static double[][] rows(double[] b, int i0, int i1, int n) {
        double[][] x = new double[i1 - i0][];
        for (int i = i0; i < i1; i++) {
            x[i - i0] = Arrays.copyOfRange(b, i * n, (i + 1) * n);
        }
        return x;
    }

    private static void putRows(double[][] x, double[] b, int i0, int n) {
        for (int q = 0; q < x.length; q++) {
            System.arraycopy(x[q], 0, b, (i0 + q) * n, n);
        }
    }

    @Override
    public int pivotedCholesky(int n, double[] a, int[] piv, double tolerance) {
        for (int i = 0; i < n; i++) {
            piv[i] = i;
        }
        double max = a[0];
        for (int i = 1; i < n; i++) { // the first largest, as dpstf2
            if (a[i * n + i] > max) {
                max = a[i * n + i];
            }
        }
        if (!(max > 0)) {
            return 0;
        }
        return factor(n, a, piv, tolerance < 0 ? n * EPS * max : tolerance);
    }

    @Override
    public int cholesky(int n, double[] a) {
        int done = factor(n, a, null, 0.0);
        return done == n ? 0 : done + 1;
    }

    /**
     * Blocked lower Cholesky, with complete pivoting when {@code piv} is not null (LAPACK dpstrf: stops before a
     * pivot ≤ {@code stop}, the first excepted) or without (dpotrf: stops before a pivot ≤ 0). Returns the number of
     * columns factored; at a stop, the diagonal entry of that column holds the rejected pivot.
     */
    private int factor(int n, double[] a, int[] piv, double stop) {
        double[] work = new double[n]; // Σ over the current block's finished columns of L[i][q]²
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            Arrays.fill(work, k0, n, 0.0);
            Cancellation.checkpoint();
            for (int j = k0; j < k1; j++) {
                if (j > k0) {
                    for (int i = j; i < n; i++) {
                        double v = a[i * n + j - 1];
                        work[i] += v * v;
                    }
                }
                double ajj = a[j * n + j] - work[j];
                if (piv != null) {
                    int pvt = j;
                    for (int i = j + 1; i < n; i++) { // the first largest, as MAXLOC
                        double candidate = a[i * n + i] - work[i];
                        if (candidate > ajj) {
                            pvt = i;
                            ajj = candidate;
                        }
                    }
                    if (j > 0 && (ajj <= stop || Double.isNaN(ajj))) {
                        a[j * n + j] = ajj;
                        return j;
                    }
                    if (pvt != j) {
                        swap(a, n, j, pvt);
                        double w = work[j];
                        work[j] = work[pvt];
                        work[pvt] = w;
                        int p = piv[j];
                        piv[j] = piv[pvt];
                        piv[pvt] = p;
                    }
                } else if (!(ajj > 0)) {
                    a[j * n + j] = ajj;
                    return j;
                }
                ajj = Math.sqrt(ajj);
                a[j * n + j] = ajj;
                double inv = 1.0 / ajj;
                int rowJ = j * n + k0;
                for (int i = j + 1; i < n; i++) { // L[i][j] = (A[i][j] - L[i, k0:j] · L[j, k0:j]) / L[j][j]
                    int rowI = i * n + k0;
                    double s = 0;
                    for (int q = 0; q < j - k0; q++) {
                        s += a[rowI + q] * a[rowJ + q];
                    }
                    a[i * n + j] = (a[i * n + j] - s) * inv;
                }
            }
            if (k1 < n) { // A[k1:, k1:] -= L[k1:, k0:k1] L[k1:, k0:k1]ᵀ
                lowerUpdate(n - k1, k1 - k0, -1.0, a, k1 * n + k0, n, 1.0, a, k1 * n + k1, n);
            }
        }
        return n;
    }

    /** Swaps rows and columns j &lt; p of the symmetric matrix held in the lower triangle (LAPACK dpstf2's swaps). */
    private static void swap(double[] a, int n, int j, int p) {
        a[p * n + p] = a[j * n + j];
        for (int q = 0; q < j; q++) {
            swapEntries(a, j * n + q, p * n + q);
        }
        for (int i = p + 1; i < n; i++) {
            swapEntries(a, i * n + j, i * n + p);
        }
        for (int i = j + 1; i < p; i++) {
            swapEntries(a, i * n + j, p * n + i);
        }
    }

    private static void swapEntries(double[] a, int x, int y) {
        double t = a[x];
        a[x] = a[y];
        a[y] = t;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void setThreads(int threads) {
        this.threads = threads;
    }
}
