package org.sharpnesslab.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlasTest {

    static double[] random(int n, Random r) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    /** Naive triple loop, element by element, as the reference. */
    static double[] naive(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, double[] b,
                          double beta, double[] c0) {
        double[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = alpha * s + beta * c[i * n + j];
            }
        }
        return c;
    }

    @Test
    void gemmMatchesNaiveProductForAllTranspositionsSmallAndLarge() {
        Random r = new Random(1);
        int[][] sizes = {{3, 4, 5}, {70, 50, 40}};  // below and above the Java/OpenBLAS switch
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    double[] a = random(m * k, r);
                    double[] b = random(k * n, r);
                    double[] c = random(m * n, r);
                    double[] expected = naive(ta, tb, m, n, k, 0.7, a, b, 0.3, c);
                    Blas.gemm(ta, tb, m, n, k, 0.7, a, b, 0.3, c);
                    assertTrue(Vectors.relativeError(expected, c) < 1e-14, "ta=" + ta + " tb=" + tb + " " + m);
                    double[] c2 = random(m * n, r);
                    double[] e2 = naive(ta, tb, m, n, k, 1.0, a, b, 0.0, c2);
                    Blas.javaGemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c2);
                    assertTrue(Vectors.relativeError(e2, c2) < 1e-14);
                }
            }
        }
    }

    @Test
    void gemmCountsFlopsAndRejectsShortArrays() {
        Blas.resetFlops();
        Blas.gemm(false, false, 2, 3, 4, 1, new double[8], new double[12], 0, new double[6]);
        assertEquals(48, Blas.flops());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 2, 3, 4, 1, new double[7], new double[12], 0, new double[6]));
        assertTrue(e.getMessage().contains("a.length=7"), e.getMessage());
    }

    @Test
    void offHeapGemmOnSubMatricesMatchesNaiveProductForAllTranspositions() {
        Random r = new Random(2);
        int m = 37, n = 29, k = 41, pad = 3; // operands embedded with leading dimensions > their width, at offsets
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                int aRows = ta ? k : m, aCols = ta ? m : k;
                int bRows = tb ? n : k, bCols = tb ? k : n;
                double[] a = random(aRows * aCols, r);
                double[] b = random(bRows * bCols, r);
                double[] c = random(m * n, r);
                double[] expected = naive(ta, tb, m, n, k, 0.7, a, b, 0.3, c);
                try (NativeArray na = embed(a, aRows, aCols, pad, 5); NativeArray nb = embed(b, bRows, bCols, pad, 7);
                     NativeArray nc = embed(c, m, n, pad, 11)) {
                    Blas.gemm(ta, tb, m, n, k, 0.7, na, 5, aCols + pad, nb, 7, bCols + pad, 0.3, nc, 11, n + pad);
                    double[] got = new double[m * n];
                    for (int i = 0; i < m; i++) {
                        nc.copyTo(11 + (long) i * (n + pad), got, i * n, n);
                    }
                    assertTrue(Vectors.relativeError(expected, got) < 1e-14, "ta=" + ta + " tb=" + tb);
                    for (int i = 0; i < m; i++) { // the padding between rows is untouched
                        assertEquals(-1.0, nc.get(11 + i * (n + pad) + n), 0.0);
                    }
                }
            }
        }
    }

    /** rows×cols row-major x inside a native array: leading dimension cols + pad, starting at offset, padding -1. */
    private static NativeArray embed(double[] x, int rows, int cols, int pad, int offset) {
        return embed(x, rows, cols, pad, offset, Blas.nativeMemory());
    }

    /** The same in native memory ({@code inNative}) or in a Java array, whatever the backend. */
    static NativeArray embed(double[] x, int rows, int cols, int pad, int offset, boolean inNative) {
        NativeArray a = NativeArray.allocate(offset + (long) rows * (cols + pad), inNative);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, -1.0);
        }
        for (int i = 0; i < rows; i++) {
            a.copyFrom(x, i * cols, offset + (long) i * (cols + pad), cols);
        }
        return a;
    }

    @Test
    void offHeapGemmRejectsOperandsThatDoNotFitAndNamesTheBackend() {
        try (NativeArray a = NativeArray.zeros(8); NativeArray b = NativeArray.zeros(12);
             NativeArray c = NativeArray.zeros(6)) {
            Blas.resetFlops();
            Blas.gemm(false, false, 2, 3, 4, 1, a, b, 0, c);
            assertEquals(48, Blas.flops());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Blas.gemm(false, false, 2, 3, 4, 1, a, 1, 4, b, 0, 3, 0, c, 0, 3));
            assertTrue(e.getMessage().contains("a (2x4, ld 4, offset 1)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Blas.gemm(false, false, 2, 3, 4, 1, a, 0, 3, b, 0, 3, 0, c, 0, 3));
            assertTrue(e.getMessage().contains("leading dimension of a must be >= 4"), e.getMessage());
        }
        assertTrue(Blas.backend().startsWith("mkl ") || Blas.backend().startsWith("openblas "), Blas.backend());
        double[] back = NativeArray.of(new double[]{1, 2, 3}).toArray();
        assertEquals(3.0, back[2], 0.0);
    }

    @Test
    void choleskyFactorisationsRejectNaNWithItsPosition() {
        double[] a = {4, Double.NaN, 1, 3}; // the NaN is in the upper triangle: never read
        Blas.cholesky(2, a);
        assertEquals(2.0, a[0], 1e-15);
        double[] b = {4, 0, Double.NaN, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blas.cholesky(2, b));
        assertEquals("cholesky: the matrix has NaN at (1, 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.pivotedCholesky(2, b.clone(), new int[2], 0.0));
        assertEquals("pivotedCholesky: the matrix has NaN at (1, 0)", e.getMessage());
    }

    @Test
    void denseEigenvaluesOfAKnownMatrix() {
        double[] ev = Dense.symmetricEigenvalues(new double[][]{{2, 1}, {1, 2}});
        assertEquals(3.0, ev[0], 1e-14);
        assertEquals(1.0, ev[1], 1e-14);
        assertEquals(0.0, Dense.asymmetry(new double[][]{{2, 1}, {1, 2}}), 0.0);
    }
}
