package org.sharpnesslab.linalg;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.CancelledException;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pure-Java backend against OpenBLAS, operation by operation, on seeded random inputs of odd sizes (blocks and
 * panels cut in the middle), every transposition, alpha/beta, offsets and leading dimensions; and against
 * definitions (naive product, reconstruction of the factors) that need no native library. Relative errors are
 * ‖x − y‖ / max(‖x‖, ‖y‖).
 */
class JavaBlasTest {

    private static final JavaBlas JAVA = new JavaBlas();
    /** OpenBLAS, or null where its natives do not load (then the comparisons with it are skipped). */
    private static Backend openBlas;
    private static String openBlasMissing;

    @BeforeAll
    static void loadOpenBlas() {
        try {
            openBlas = OpenBlas.load();
        } catch (LinkageError | RuntimeException e) {
            openBlasMissing = BackendChoice.reason(e);
        }
    }

    private static void assumeOpenBlas() {
        assumeTrue(openBlas != null, () -> "OpenBLAS natives did not load: " + openBlasMissing);
    }

    /** m, n, k: single rows and columns, an odd row count (a row without partner), panels and blocks cut. */
    private static final int[][] SIZES = {{1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {7, 13, 5}, {33, 65, 17}, {70, 300, 520},
            {257, 9, 260}, {3, 600, 40}};
    private static final double[][] ALPHA_BETA = {{1, 0}, {0.7, 0.3}, {-1.3, 1}, {0, 0.5}, {2.5, -2}};

    @Test
    void gemmOnArraysMatchesOpenBlasAndTheNaiveProduct() {
        Random r = new Random(11);
        for (int[] s : SIZES) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    for (double[] ab : ALPHA_BETA) {
                        double alpha = ab[0], beta = ab[1];
                        double[] a = BlasTest.random(m * k, r);
                        double[] b = BlasTest.random(k * n, r);
                        double[] c = BlasTest.random(m * n, r);
                        if (beta == 0) {
                            Arrays.fill(c, Double.NaN); // beta = 0 ignores the old C, NaN included
                        }
                        if (alpha == 0) { // alpha = 0 does not read A and B
                            Arrays.fill(a, Double.NaN);
                            Arrays.fill(b, Double.NaN);
                        }
                        String what = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " alpha=" + alpha
                                + " beta=" + beta;
                        double[] expected = c.clone();
                        if (alpha == 0) {
                            JavaGemm.scale(expected, m * n, beta);
                        } else {
                            double[] c0 = beta == 0 ? new double[m * n] : c;
                            expected = BlasTest.naive(ta, tb, m, n, k, alpha, a, b, beta, c0);
                        }
                        double[] got = c.clone();
                        JAVA.gemm(ta, tb, m, n, k, alpha, a, ta ? m : k, b, tb ? k : n, beta, got, n);
                        assertTrue(Vectors.relativeError(expected, got) < 1e-13, what);
                        if (openBlas != null) {
                            double[] reference = c.clone();
                            openBlas.gemm(ta, tb, m, n, k, alpha, a, ta ? m : k, b, tb ? k : n, beta, reference, n);
                            double err = Vectors.relativeError(reference, got);
                            assertTrue(err < 1e-13, what + ": " + err);
                        }
                    }
                }
            }
        }
        assumeOpenBlas();
    }

    @Test
    void gemmGivesTheSameBitsOnAnyNumberOfThreads() {
        Random r = new Random(12);
        // split in 3 parts (≥ 8.4 MFLOP each) by rows, by columns
        for (int[] s : new int[][]{{301, 120, 400}, {9, 2000, 800}}) {
            int m = s[0], n = s[1], k = s[2];
            double[] a = BlasTest.random(m * k, r);
            double[] b = BlasTest.random(k * n, r);
            double[] c = BlasTest.random(m * n, r);
            double[] one = c.clone();
            double[] three = c.clone();
            JavaBlas j = new JavaBlas();
            j.setThreads(1);
            j.gemm(true, false, m, n, k, 0.9, a, m, b, n, 0.4, one, n);
            j.setThreads(3);
            assertEquals(3, j.threads());
            j.gemm(true, false, m, n, k, 0.9, a, m, b, n, 0.4, three, n);
            assertArrayEquals(one, three, m + "x" + n + "x" + k);
        }
    }

    @Test
    void aCancelledTokenStopsProductsAndFactorisations() {
        Cancellation.Token token = new Cancellation.Token();
        token.cancel("stop");
        double[] a = new double[300 * 300];
        for (int i = 0; i < 300; i++) {
            a[i * 300 + i] = 1;
        }
        CancelledException e = assertThrows(CancelledException.class, () -> Cancellation.within(token,
                () -> JAVA.gemm(false, false, 300, 300, 300, 1.0, a, 300, a, 300, 0.0, new double[300 * 300], 300)));
        assertTrue(e.getMessage().contains("stop"), e.getMessage());
        assertThrows(CancelledException.class, () -> Cancellation.within(token, () -> JAVA.cholesky(300, a.clone())));
        assertThrows(CancelledException.class, () -> Cancellation.within(token,
                () -> JAVA.trsmLower(true, false, 300, 300, a, a.clone())));
    }

    @Test
    void gemmOnNativeArraysWithOffsetsAndLeadingDimensionsMatchesOpenBlas() {
        assumeOpenBlas();
        Random r = new Random(13);
        int m = 67, n = 290, k = 263, pad = 3;
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                int aRows = ta ? k : m, aCols = ta ? m : k;
                int bRows = tb ? n : k, bCols = tb ? k : n;
                double[] a = BlasTest.random(aRows * aCols, r);
                double[] b = BlasTest.random(bRows * bCols, r);
                double[] c = BlasTest.random(m * n, r);
                double[] expected = null;
                for (boolean inNative : new boolean[]{true, false}) { // JavaCPP memory, then Java arrays
                    try (NativeArray na = BlasTest.embed(a, aRows, aCols, pad, 5, inNative);
                         NativeArray nb = BlasTest.embed(b, bRows, bCols, pad, 7, inNative);
                         NativeArray nc = BlasTest.embed(c, m, n, pad, 11, inNative)) {
                        assertEquals(inNative, na.isNative());
                        if (expected == null) {
                            try (NativeArray oc = BlasTest.embed(c, m, n, pad, 11, true)) {
                                openBlas.gemm(ta, tb, m, n, k, 0.7, na, 5, aCols + pad, nb, 7, bCols + pad, -0.3, oc,
                                        11, n + pad);
                                expected = oc.toArray();
                            }
                        }
                        JAVA.gemm(ta, tb, m, n, k, 0.7, na, 5, aCols + pad, nb, 7, bCols + pad, -0.3, nc, 11, n + pad);
                        double[] got = nc.toArray();
                        double err = Vectors.relativeError(expected, got);
                        assertTrue(err < 1e-13, "ta=" + ta + " tb=" + tb + " native=" + inNative + ": " + err);
                        for (int i = 0; i < m; i++) { // the padding between rows is untouched
                            assertEquals(-1.0, got[11 + i * (n + pad) + n], 0.0);
                        }
                        assertEquals(-1.0, got[10], 0.0);
                    }
                }
            }
        }
    }

    @Test
    void gramMatchesOpenBlasAndTheProduct() {
        Random r = new Random(14);
        for (int[] s : new int[][]{{1, 1}, {5, 3}, {130, 70}, {300, 41}}) {
            int n = s[0], d = s[1];
            double[] x = BlasTest.random(n * d, r);
            double[] g = new double[n * n];
            JAVA.gramLower(n, d, x, g);
            double[] expected = BlasTest.naive(false, true, n, n, d, 1.0, x, x, 0.0, new double[n * n]);
            assertTrue(Vectors.relativeError(lower(expected, n), lower(g, n)) < 1e-13, n + "x" + d);
            if (openBlas != null) {
                double[] reference = new double[n * n];
                openBlas.gramLower(n, d, x, reference);
                assertTrue(Vectors.relativeError(lower(reference, n), lower(g, n)) < 1e-13, n + "x" + d);
            }
        }
        assumeOpenBlas();
    }

    /** The lower triangle (diagonal included) of an n×n matrix, upper entries zero. */
    private static double[] lower(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, l, i * n, i + 1);
        }
        return l;
    }

    /** A well-conditioned lower-triangular r×r matrix (upper part NaN: never read). */
    private static double[] lowerTriangular(int r, Random rng) {
        double[] l = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                l[i * r + j] = j > i ? Double.NaN : j == i ? 1 + Math.abs(rng.nextGaussian())
                        : rng.nextGaussian() / Math.sqrt(r);
            }
        }
        return l;
    }

    @Test
    void triangularSolvesMatchOpenBlasAndSolve() {
        Random rng = new Random(15);
        for (int[] s : new int[][]{{1, 1}, {5, 8}, {130, 33}, {300, 7}, {9, 290}}) {
            for (boolean left : new boolean[]{true, false}) {
                for (boolean transpose : new boolean[]{false, true}) {
                    int m = s[0], n = s[1], r = left ? m : n;
                    double[] l = lowerTriangular(r, rng);
                    double[] b = BlasTest.random(m * n, rng);
                    double[] x = b.clone();
                    JAVA.trsmLower(left, transpose, m, n, l, x);
                    String what = m + "x" + n + " left=" + left + " transpose=" + transpose;
                    // op(L) X = B (left) or X op(L) = B (right)
                    double[] lz = lower(l, r);
                    double[] back = left ? BlasTest.naive(transpose, false, m, n, m, 1.0, lz, x, 0.0, new double[m * n])
                            : BlasTest.naive(false, transpose, m, n, n, 1.0, x, lz, 0.0, new double[m * n]);
                    assertTrue(Vectors.relativeError(b, back) < 1e-13, what);
                    if (openBlas != null) {
                        double[] reference = b.clone();
                        openBlas.trsmLower(left, transpose, m, n, l, reference);
                        double err = Vectors.relativeError(reference, x);
                        assertTrue(err < 1e-13, what + ": " + err);
                    }
                }
            }
        }
        assumeOpenBlas();
    }

    /** G = X Xᵀ for a random n×d X: positive definite when d ≥ n, of rank d when d &lt; n. */
    private static double[] gram(int n, int d, Random r) {
        double[] x = BlasTest.random(n * d, r);
        return BlasTest.naive(false, true, n, n, d, 1.0, x, x, 0.0, new double[n * n]);
    }

    @Test
    void pivotedCholeskyMatchesOpenBlasRankPivotsAndFactor() {
        Random r = new Random(16);
        for (int[] s : new int[][]{{1, 1}, {7, 7}, {7, 3}, {150, 150}, {300, 170}, {290, 400}}) {
            int n = s[0], d = s[1];
            double[] g = gram(n, d, r);
            double maxDiag = 0;
            for (int i = 0; i < n; i++) {
                maxDiag = Math.max(maxDiag, g[i * n + i]);
            }
            for (double tolerance : new double[]{1e-13 * maxDiag, -1}) {
                String what = n + "x" + d + " tolerance=" + tolerance;
                double[] a = g.clone();
                int[] piv = new int[n];
                int rank = JAVA.pivotedCholesky(n, a, piv, tolerance);
                assertEquals(Math.min(n, d), rank, what);
                double[] l = factor(a, n, rank);
                // Πᵀ G Π = L Lᵀ
                double[] llt = BlasTest.naive(false, true, n, n, rank, 1.0, l, l, 0.0, new double[n * n]);
                double[] pgp = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        pgp[i * n + j] = g[piv[i] * n + piv[j]];
                    }
                }
                double err = Vectors.relativeError(pgp, llt);
                assertTrue(err < 1e-13, what + ": reconstruction " + err);
                if (openBlas != null) {
                    double[] ar = g.clone();
                    int[] pivR = new int[n];
                    assertEquals(openBlas.pivotedCholesky(n, ar, pivR, tolerance), rank, what);
                    assertArrayEquals(pivR, piv, what);
                    double errL = Vectors.relativeError(factor(ar, n, rank), l);
                    assertTrue(errL < 1e-12, what + ": L " + errL);
                }
            }
        }
        assumeOpenBlas();
    }

    /** The first rank columns of the lower triangle of a, as an n×rank matrix. */
    private static double[] factor(double[] a, int n, int rank) {
        double[] l = new double[n * rank];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Math.min(i + 1, rank); j++) {
                l[i * rank + j] = a[i * n + j];
            }
        }
        return l;
    }

    @Test
    void pivotedCholeskyStopsAsLapackDoes() {
        double[] diag = {1, 4, 1e-3, 0.25};
        // tolerance between pivots; above the largest (LAPACK takes the first pivot regardless); zero matrix; a
        // negative pivot after the first; the default tolerance n·ε·max
        Object[][] cases = {{diag, 5e-4, 4}, {diag, 2e-3, 3}, {diag, 0.5, 2}, {diag, 10.0, 1},
                {new double[]{0, 0, 0}, 0.0, 0}, {new double[]{2, -1, 1}, 0.0, 2}, {new double[]{1, 1e-17, 2}, -1.0, 2},
                {new double[]{1, 1e-15, 2}, -1.0, 3}};
        for (Object[] c : cases) {
            double[] d = (double[]) c[0];
            int n = d.length;
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                a[i * n + i] = d[i];
            }
            int[] piv = new int[n];
            String what = Arrays.toString(d) + " tolerance=" + c[1];
            assertEquals((int) c[2], JAVA.pivotedCholesky(n, a.clone(), piv, (double) c[1]), what);
            if (openBlas != null) {
                assertEquals((int) c[2], openBlas.pivotedCholesky(n, a.clone(), new int[n], (double) c[1]), what);
            }
        }
        int[] piv = new int[4];
        double[] a = new double[16];
        for (int i = 0; i < 4; i++) {
            a[i * 4 + i] = diag[i];
        }
        JAVA.pivotedCholesky(4, a, piv, 0.0);
        assertArrayEquals(new int[]{1, 0, 3, 2}, piv, "pivots by decreasing diagonal");
        assumeOpenBlas();
    }

    @Test
    void choleskyMatchesOpenBlasAndFailsAtTheSameMinor() {
        Random r = new Random(17);
        for (int n : new int[]{1, 6, 200, 300}) {
            double[] g = gram(n, n + 5, r);
            double[] a = g.clone();
            assertEquals(0, JAVA.cholesky(n, a), "n=" + n);
            double[] l = factor(a, n, n);
            double[] llt = BlasTest.naive(false, true, n, n, n, 1.0, l, l, 0.0, new double[n * n]);
            double err = Vectors.relativeError(g, llt);
            assertTrue(err < 1e-13, "n=" + n + ": reconstruction " + err);
            if (openBlas != null) {
                double[] ar = g.clone();
                assertEquals(0, openBlas.cholesky(n, ar));
                double errL = Vectors.relativeError(factor(ar, n, n), l);
                assertTrue(errL < 1e-12, "n=" + n + ": L " + errL);
            }
        }
        // indefinite: leading minors of order 1, 2 positive, of order 3 not (in the first block and past it)
        for (int n : new int[]{5, 140}) {
            int bad = n == 5 ? 3 : 131;
            double[] a = gram(n, n + 5, r);
            a[(bad - 1) * n + (bad - 1)] -= 1e4 * n;
            assertEquals(bad, JAVA.cholesky(n, a.clone()), "n=" + n);
            if (openBlas != null) {
                assertEquals(bad, openBlas.cholesky(n, a.clone()), "n=" + n);
            }
        }
        assumeOpenBlas();
    }
}
