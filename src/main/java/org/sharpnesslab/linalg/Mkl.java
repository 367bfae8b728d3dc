package org.sharpnesslab.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.mkl.global.mkl_rt;

/**
 * Intel MKL's dgemm (through {@code org.bytedeco:mkl}), used by {@link Blas} when its natives are on the class path;
 * the other operations are OpenBLAS's. The only class that names MKL: it is loaded only after the bindings were
 * found, so the library runs without them (they are an optional dependency).
 */
final class Mkl extends OpenBlas {

    private final String version;

    private Mkl(String version) {
        this.version = version;
    }

    /**
     * Loads MKL's natives (OpenBLAS's must be loaded already: {@link OpenBlas#load()}) and proves a product works;
     * returns the backend, or throws if they are absent or unusable.
     */
    static Mkl load() {
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
        return new Mkl(new String(buf, 0, len, java.nio.charset.StandardCharsets.US_ASCII).trim());
    }

    /** "mkl " and MKL's version string. */
    String mklVersion() {
        return "mkl " + version;
    }

    @Override
    public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int lda, double[] b,
                     int ldb, double beta, double[] c, int ldc) {
        mkl_rt.cblas_dgemm(mkl_rt.CblasRowMajor, trans(ta), trans(tb), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, NativeArray a, long aOffset, int lda,
                     NativeArray b, long bOffset, int ldb, double beta, NativeArray c, long cOffset, int ldc) {
        mkl_rt.cblas_dgemm(mkl_rt.CblasRowMajor, trans(ta), trans(tb), m, n, k, alpha, a.at(aOffset), lda,
                b.at(bOffset), ldb, beta, c.at(cOffset), ldc);
    }

    private static int trans(boolean t) {
        return t ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans;
    }

    /** MKL's threads (its products'); OpenBLAS's are set alike by {@link #setThreads}. */
    @Override
    public int threads() {
        return mkl_rt.MKL_Get_Max_Threads();
    }

    /** Sets the threads of both libraries: MKL's products and OpenBLAS's factorisations. */
    @Override
    public void setThreads(int threads) {
        super.setThreads(threads);
        mkl_rt.MKL_Set_Num_Threads(threads);
    }
}
