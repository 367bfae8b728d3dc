package org.sharpnesslab.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS ({@code org.bytedeco:openblas} through JavaCPP): every operation of {@link Blas} by its BLAS or LAPACKE
 * routine. The only class that names OpenBLAS, made only by {@link #load()}, so that the library runs without
 * OpenBLAS's natives ({@link JavaBlas} then).
 */
class OpenBlas implements Backend {

    /** Only through {@link #load()} (or {@link Mkl}, which loads OpenBLAS first). */
    OpenBlas() {
    }

    /**
     * Loads OpenBLAS's natives and proves a product works; returns the backend, or throws (a {@link LinkageError}
     * when the natives are missing for this platform or do not load, an {@link IllegalStateException} when the
     * product is wrong).
     */
    static OpenBlas load() {
        double[] a = {1, 2, 3, 4};
        double[] c = new double[4];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, 2, 2, 2, 1.0, a, 2,
                a, 2, 0.0, c, 2);
        if (c[0] != 7 || c[1] != 10 || c[2] != 15 || c[3] != 22) {
            throw new IllegalStateException("OpenBLAS dgemm self-check failed: " + java.util.Arrays.toString(c));
        }
        return new OpenBlas();
    }

    /** "openblas OpenBLAS 0.3.28" (a compile-time constant: reading it loads nothing). */
    static String version() {
        return "openblas " + openblas.OPENBLAS_VERSION.trim();
    }

    @Override
    public boolean nativeMemory() {
        return true;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                     double[] b, int ldb, double beta, double[] c, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, trans(transA), trans(transB), m, n, k, alpha, a, lda, b, ldb,
                beta, c, ldc);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeArray a, long aOffset,
                     int lda, NativeArray b, long bOffset, int ldb, double beta, NativeArray c, long cOffset,
                     int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, trans(transA), trans(transB), m, n, k, alpha, a.at(aOffset), lda,
                b.at(bOffset), ldb, beta, c.at(cOffset), ldc);
    }

    private static int trans(boolean t) {
        return t ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    @Override
    public void gramLower(int n, int d, double[] x, double[] g) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasLower, openblas.CblasNoTrans, n, d, 1.0, x, d,
                0.0, g, n);
    }

    @Override
    public void trsmLower(boolean left, boolean transpose, int m, int n, double[] l, double[] b) {
        openblas.cblas_dtrsm(openblas.CblasRowMajor, left ? openblas.CblasLeft : openblas.CblasRight,
                openblas.CblasLower, trans(transpose), openblas.CblasNonUnit, m, n, 1.0, l, left ? m : n, b, n);
    }

    @Override
    public int pivotedCholesky(int n, double[] a, int[] piv, double tolerance) {
        int[] rank = new int[1];
        int info = openblas.LAPACKE_dpstrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n, piv, rank, tolerance);
        if (info < 0) {
            throw new IllegalArgumentException("dpstrf rejected argument " + (-info));
        }
        for (int i = 0; i < n; i++) {
            piv[i] -= 1;
        }
        return rank[0];
    }

    @Override
    public int cholesky(int n, double[] a) {
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n);
        if (info < 0) {
            throw new IllegalArgumentException("dpotrf rejected argument " + (-info));
        }
        return info;
    }

    @Override
    public int threads() {
        return openblas.blas_get_num_threads();
    }

    @Override
    public void setThreads(int threads) {
        openblas.blas_set_num_threads(threads);
    }
}
