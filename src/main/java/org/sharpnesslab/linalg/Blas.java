package org.sharpnesslab.linalg;

import org.sharpnesslab.task.Check;

/**
 * The one place that talks to BLAS: general matrix products on flat row-major {@code double[]} arrays and on
 * off-heap {@link NativeArray}s, through {@code cblas_dgemm} for large products and a plain Java loop for tiny
 * {@code double[]} ones (where the JNI call costs more than the arithmetic); the Gram matrix, triangular solves and
 * Cholesky factorisations (with and without pivoting) by their BLAS and LAPACK routines.
 *
 * <p>The library is chosen once, at first use ({@link BackendChoice}): on an Intel CPU, Intel MKL's dgemm
 * ({@code org.bytedeco:mkl}) when its natives are on the class path (Maven profile {@code mkl}, or a user's own
 * dependency on {@code org.bytedeco:mkl:2025.0-1.5.11:linux-x86_64-redist}); otherwise OpenBLAS, the portable
 * default (MKL runs only its AVX2 code on other vendors' CPUs). Where OpenBLAS's natives do not load (none for
 * this platform on the class path, or a broken one), every operation runs in pure Java ({@link JavaBlas}, with the
 * same contracts, results equal up to rounding, about 4 times slower on large products) and a warning is logged once
 * ({@link System.Logger}, level WARNING) naming the platform, the reason and the artifacts that bring the natives.
 * The system property {@code sharpnesslab.blas} ({@code auto}, {@code mkl}, {@code openblas}, {@code java})
 * overrides the choice ({@code java} loads no native library at all: the way round a native library that crashes
 * the JVM, which no fallback can catch); {@link #backend()} tells which one runs, and whether the environment
 * forces OpenBLAS's kernels ({@code OPENBLAS_CORETYPE}; without it OpenBLAS detects the CPU). Under MKL the
 * Cholesky, triangular-solve and Gram helpers use OpenBLAS.
 *
 * <p>Measured (1000×3072 times 3072×512, idle 2-core AVX-512 Intel machine, issue 13): OpenBLAS through
 * JavaCPP's {@code double[]} overload 103–108 GFLOP/s, the same through off-heap pointers 144–147; MKL 118–120 /
 * 166–170. On a 2-core AVX-512 AMD EPYC (family 26), CPU time of that product, one thread: MKL 45–51 GFLOP/s,
 * OpenBLAS 0.3.28 on its own detection (Cooperlake kernels) 87–92, forced to Haswell 56–60 (XLA's own kernels
 * 94–99); the pure-Java backend: see {@link JavaBlas}. The {@code double[]} overloads copy each operand into native
 * memory and back on every call, so the hot loops of the Hessian keep their operands in {@link NativeArray}s and
 * call the off-heap {@link #gemm(boolean, boolean, int, int, int, double, NativeArray, long, int, NativeArray, long,
 * int, double, NativeArray, long, int)}.
 *
 * <p>In the pure-Java backend the long operations check {@link org.sharpnesslab.task.Cancellation} and throw its
 * {@link org.sharpnesslab.task.CancelledException} when cancelled (a native call cannot be stopped).
 */
public final class Blas {

    /**
     * The chosen library, resolved on first use (loading natives takes a moment), not in a static initialiser: a
     * stop of the calling thread (JShell's ■ is {@code Thread.stop}, repeated) landing inside a static initialiser
     * leaves the class unusable ({@code NoClassDefFoundError: Could not initialize class}) until the JVM restarts.
     * The choice runs on a daemon thread of its own (outside the notebook cell's thread group, so ■ never stops it)
     * that callers wait for interruptibly: an interrupted or stopped caller leaves the load going on, and the next
     * call waits for the same load; a load that failed is tried again by the next call.
     */
    private static volatile BackendChoice chosen;
    /** The load under way (null: none yet, or the last one failed); guarded by LOADING's monitor. */
    private static java.util.concurrent.FutureTask<BackendChoice> loading;
    private static final Object LOADING = new Object();

    static BackendChoice choice() {
        BackendChoice c = chosen;
        if (c != null) {
            return c;
        }
        java.util.concurrent.FutureTask<BackendChoice> f;
        synchronized (LOADING) {
            if (loading == null) {
                java.util.concurrent.FutureTask<BackendChoice> task = new java.util.concurrent.FutureTask<>(() -> {
                    BackendChoice ch = BackendChoice.choose(System.getProperty("sharpnesslab.blas"));
                    if (ch.warning().isPresent()) {
                        System.getLogger(Blas.class.getName()).log(System.Logger.Level.WARNING, ch.warning().get());
                    }
                    chosen = ch;
                    return ch;
                });
                // started before it is published: a stop between the two leaves no load that never runs
                org.sharpnesslab.task.Threads.daemon(task, "sharpness-lab-blas-load").start();
                loading = task;
            }
            f = loading;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.sharpnesslab.task.CancelledException("interrupted while the BLAS library loads (the load "
                    + "goes on: the next call waits for it)");
        } catch (java.util.concurrent.ExecutionException e) {
            synchronized (LOADING) {
                if (loading == f) {
                    loading = null;            // the next call tries again
                }
            }
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the BLAS library did not load: " + cause, cause);
        }
    }

    private static Backend chosenBackend() {
        BackendChoice c = chosen;
        return (c != null ? c : choice()).backend();
    }

    /**
     * Which library runs the operations, with its version: "mkl …", "openblas …", or "java (…)" with the reason
     * (e.g. "java (no native BLAS: OpenBLAS natives for linux-riscv64 did not load: UnsatisfiedLinkError: …)").
     */
    public static String backend() {
        return choice().description();
    }

    /** Whether the chosen library takes {@link NativeArray}s in native memory. */
    static boolean nativeMemory() {
        return chosenBackend().nativeMemory();
    }

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

    /** Wall-clock nanoseconds spent inside the library's calls since start-up or the last reset. */
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
        checkArrays(a, b, c);
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
            JavaGemm.scale(c, m * n, beta);
            return;
        }
        if ((long) m * n * k < SMALL) {
            javaGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        long t0 = System.nanoTime();
        chosenBackend().gemm(transA, transB, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
        NANOS.addAndGet(System.nanoTime() - t0);
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} on off-heap operands, all row-major with explicit offsets and
     * leading dimensions (so a block of rows or columns of a larger matrix can be an operand). No copies: the
     * operands are passed to BLAS by address.
     *
     * @param transA  whether op(A) = Aᵀ (A is stored k×m) or A (stored m×k)
     * @param transB  whether op(B) = Bᵀ (B is stored n×k) or B (stored k×n)
     * @param m       rows of op(A) and C
     * @param n       columns of op(B) and C
     * @param k       inner dimension
     * @param alpha   scale of the product
     * @param a       A (not modified), starting at {@code aOffset}, rows {@code lda} apart
     * @param b       B (not modified), starting at {@code bOffset}, rows {@code ldb} apart
     * @param beta    scale of the old C (0: C is overwritten, its old content ignored)
     * @param c       C, m×n (modified), starting at {@code cOffset}, rows {@code ldc} apart; must not overlap A or B
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeArray a,
                            long aOffset, int lda, NativeArray b, long bOffset, int ldb, double beta, NativeArray c,
                            long cOffset, int ldc) {
        checkArrays(a, b, c);
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be >= 0, were m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkOperand("a", a, aOffset, transA ? k : m, transA ? m : k, lda);
        checkOperand("b", b, bOffset, transB ? n : k, transB ? k : n, ldb);
        checkOperand("c", c, cOffset, m, n, ldc);
        FLOPS.addAndGet(2L * m * n * k);
        long t0 = System.nanoTime();
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int idx = (int) (cOffset + (long) i * ldc + j);
                    c.set(idx, beta == 0 ? 0.0 : beta * c.get(idx));
                }
            }
        } else {
            chosenBackend().gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                    ldc);
            // the arrays stay reachable until BLAS is done (an unreachable array's memory goes back to the pool)
            java.lang.ref.Reference.reachabilityFence(a);
            java.lang.ref.Reference.reachabilityFence(b);
            java.lang.ref.Reference.reachabilityFence(c);
        }
        NANOS.addAndGet(System.nanoTime() - t0);
    }

    /** As the off-heap {@code gemm} above with offsets 0 and packed leading dimensions. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeArray a,
                            NativeArray b, double beta, NativeArray c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
    }

    private static void checkArrays(Object a, Object b, Object c) {
        Check.notNull("a", a);
        Check.notNull("b", b);
        Check.notNull("c", c);
    }

    private static void checkOperand(String name, NativeArray x, long offset, int rows, int cols, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("leading dimension of " + name + " must be >= " + Math.max(1, cols)
                    + ", got " + ld);
        }
        long end = offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || (rows > 0 && cols > 0 && end > x.length())) {
            throw new IllegalArgumentException(name + " (" + rows + "x" + cols + ", ld " + ld + ", offset " + offset
                    + ") does not fit in " + x);
        }
    }

    /**
     * The Gram matrix {@code G = X Xᵀ} (n×n, both triangles filled) of a row-major n×d matrix X, by
     * {@code cblas_dsyrk} or its Java equivalent (n(n+1)·d flops counted).
     */
    public static void gram(int n, int d, double[] x, double[] g) {
        Check.notNull("x", x);
        Check.notNull("g", g);
        if (n < 1 || d < 1 || x.length < (long) n * d || g.length < (long) n * n) {
            throw new IllegalArgumentException("gram needs n, d >= 1 and arrays of n*d and n*n, were n=" + n
                    + " d=" + d + " x.length=" + x.length + " g.length=" + g.length);
        }
        FLOPS.addAndGet((long) n * (n + 1) * d);
        long t0 = System.nanoTime();
        chosenBackend().gramLower(n, d, x, g);
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
        Check.notNull("l", l);
        Check.notNull("b", b);
        int r = left ? m : n;
        if (m < 0 || n < 0 || l.length < (long) r * r || b.length < (long) m * n) {
            throw new IllegalArgumentException("trsmLower arrays too short for m=" + m + " n=" + n);
        }
        if (m == 0 || n == 0) {
            return;
        }
        FLOPS.addAndGet((long) r * r * (left ? n : m));
        long t0 = System.nanoTime();
        chosenBackend().trsmLower(left, transpose, m, n, l, b);
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
        Check.notNull("a", a);
        Check.notNull("piv", piv);
        if (n < 1 || a.length < (long) n * n || piv.length < n) {
            throw new IllegalArgumentException("pivotedCholesky needs n >= 1, a of n*n and piv of n, were n=" + n);
        }
        checkLowerHasNoNaN("pivotedCholesky", n, a);
        FLOPS.addAndGet((long) n * n * n / 3);
        long t0 = System.nanoTime();
        int r = chosenBackend().pivotedCholesky(n, a, piv, tolerance);
        NANOS.addAndGet(System.nanoTime() - t0);
        for (int i = 0; i < n; i++) {
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
        Check.notNull("a", a);
        if (n < 1 || a.length < (long) n * n) {
            throw new IllegalArgumentException("cholesky needs n >= 1 and a of n*n, were n=" + n);
        }
        checkLowerHasNoNaN("cholesky", n, a);
        FLOPS.addAndGet((long) n * n * n / 3);
        long t0 = System.nanoTime();
        int info = chosenBackend().cholesky(n, a);
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

    /** LAPACKE rejects a NaN in the triangle it reads ("argument 4"): say where it is, for every backend. */
    private static void checkLowerHasNoNaN(String what, int n, double[] a) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                if (Double.isNaN(a[i * n + j])) {
                    throw new IllegalArgumentException(what + ": the matrix has NaN at (" + i + ", " + j + ")");
                }
            }
        }
    }

    /**
     * Same as {@link #gemm} but always in a plain Java loop (reference implementation for tests and tiny products;
     * the pure-Java backend's large products are blocked, see {@link JavaGemm}).
     */
    public static void javaGemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                                double[] b, double beta, double[] c) {
        checkArrays(a, b, c);
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be >= 0, were m=" + m + " n=" + n + " k=" + k);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("gemm arrays too short for m=" + m + " n=" + n + " k=" + k
                    + ": a.length=" + a.length + " b.length=" + b.length + " c.length=" + c.length);
        }
        JavaGemm.scale(c, m * n, beta);
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

    /** Number of threads the chosen library ({@link #backend()}) uses for a product. */
    public static int threads() {
        return chosenBackend().threads();
    }

    /** Sets the number of threads of the chosen library (≥ 1; under MKL, of MKL and OpenBLAS both). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        chosenBackend().setThreads(threads);
    }
}
