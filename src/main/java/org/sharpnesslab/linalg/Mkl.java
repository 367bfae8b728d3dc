package org.sharpnesslab.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.mkl.global.mkl_rt;

/**
 * Intel MKL's dgemm (through {@code org.bytedeco:mkl}), used by {@link Blas} when its natives are on the class path.
 * The only class that names MKL: it is loaded only after {@link #available()} found the bindings, so the library
 * runs without them (they are an optional dependency).
 */
final class Mkl {

    private Mkl() {
    }

    /** Loads MKL's natives; returns its version string, or throws if they are absent or unusable. */
    static String load() {
        Loader.load(mkl_rt.class);
        byte[] buf = new byte[256];
        mkl_rt.MKL_Get_Version_String(buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        // a tiny product proves the calls work before MKL is chosen
        double[] a = {1, 2, 3, 4};
        double[] c = new double[4];
        mkl_rt.cblas_dgemm(mkl_rt.CblasRowMajor, mkl_rt.CblasNoTrans, mkl_rt.CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2,
                0.0, c, 2);
        if (c[0] != 7 || c[3] != 22) {
            throw new IllegalStateException("MKL dgemm self-check failed");
        }
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    static void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int lda, double[] b,
                      int ldb, double beta, double[] c, int ldc) {
        mkl_rt.cblas_dgemm(mkl_rt.CblasRowMajor, ta ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans,
                tb ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    static void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, DoublePointer a, int lda,
                      DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
        mkl_rt.cblas_dgemm(mkl_rt.CblasRowMajor, ta ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans,
                tb ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    static void setThreads(int threads) {
        mkl_rt.MKL_Set_Num_Threads(threads);
    }

    static int threads() {
        return mkl_rt.MKL_Get_Max_Threads();
    }
}
