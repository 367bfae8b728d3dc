package org.sharpnesslab.linalg;

/**
 * A library that runs {@link Blas}'s operations: {@link OpenBlas}, {@link Mkl} (OpenBLAS with MKL's dgemm) or the
 * pure-Java {@link JavaBlas}. {@link Blas} validates the arguments, counts the flops and time, and finishes the
 * results (zeroed or mirrored triangles); a backend only computes, on arguments already checked, with the contracts
 * of the BLAS/LAPACK routine named on each method (all matrices row-major).
 */
interface Backend {

    /** Whether {@link NativeArray}s live in native memory, passed by address (else in a Java array). */
    boolean nativeMemory();

    /** {@code C = alpha op(A) op(B) + beta C} ({@code dgemm}); k ≥ 1, m, n ≥ 1; beta = 0 ignores the old C. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda, double[] b,
              int ldb, double beta, double[] c, int ldc);

    /** The same on {@link NativeArray} operands at offsets (C does not overlap A or B). */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeArray a, long aOffset,
              int lda, NativeArray b, long bOffset, int ldb, double beta, NativeArray c, long cOffset, int ldc);

    /** The lower triangle of {@code G = X Xᵀ} (n×n) for X n×d ({@code dsyrk}); the strict upper part is undefined. */
    void gramLower(int n, int d, double[] x, double[] g);

    /** {@code B ← op(L)⁻¹ B} or {@code B ← B op(L)⁻¹}, L lower triangular with non-zero diagonal ({@code dtrsm}). */
    void trsmLower(boolean left, boolean transpose, int m, int n, double[] l, double[] b);

    /**
     * Cholesky with complete pivoting, lower ({@code dpstrf}): the first {@code rank} columns of the lower triangle
     * hold L, {@code piv[k]} (0-based) is the original index of pivoted row k; the rest of a is undefined. Stops
     * when the largest remaining pivot is ≤ tolerance (a negative tolerance means n·ε·max Aᵢᵢ). Returns the rank.
     */
    int pivotedCholesky(int n, double[] a, int[] piv, double tolerance);

    /**
     * Cholesky A = L Lᵀ, lower ({@code dpotrf}): returns 0, with L in the lower triangle (the strict upper part
     * undefined), or j ≥ 1 when the leading minor of order j is not positive definite.
     */
    int cholesky(int n, double[] a);

    /** Threads a product runs on. */
    int threads();

    /** Sets the threads a product runs on (≥ 1). */
    void setThreads(int threads);
}
