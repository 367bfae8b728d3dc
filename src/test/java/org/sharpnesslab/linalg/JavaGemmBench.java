package org.sharpnesslab.linalg;

import java.util.Arrays;
import java.util.Random;

/**
 * The pure-Java backend's product against OpenBLAS's on the first layer of the reference network
 * (1000×512×3072, {@code X V₁ᵀ}), on 1 and 2 threads: Java on Java arrays (as the Java backend's
 * {@link NativeArray}s), OpenBLAS on native memory (as the Hessian's products), the two called in turn so that both
 * meet the same load. Prints {@code key=value} lines: GFLOP/s of the median and of the fastest call (wall clock,
 * {@link System#nanoTime()}), and on one thread also of the median CPU time of the calling thread (which other
 * processes on the machine do not inflate). Not a test.
 *
 * <p>Usage: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.sharpnesslab.linalg.JavaGemmBench
 * [calls per case, default 20]} (the class path from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}; unset {@code OPENBLAS_CORETYPE} to let OpenBLAS pick its kernels).
 */
public final class JavaGemmBench {

    private JavaGemmBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int m = 1000, n = 512, k = 3072;
        Random r = new Random(1);
        double[] a = new double[m * k];
        double[] b = new double[n * k];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        double[] c = new double[m * n];
        JavaBlas java = new JavaBlas();
        OpenBlas openBlas = OpenBlas.load();
        double gflop = 2.0 * m * n * k / 1e9;
        System.out.println("cpus=" + Runtime.getRuntime().availableProcessors() + " shape=" + m + "x" + n + "x" + k
                + " openblas_coretype=" + System.getenv("OPENBLAS_CORETYPE"));
        try (NativeArray na = NativeArray.allocate(a.length, true).copyFrom(a);
             NativeArray nb = NativeArray.allocate(b.length, true).copyFrom(b);
             NativeArray nc = NativeArray.allocate(c.length, true)) {
            Runnable javaCall = () -> java.gemm(false, true, m, n, k, 1.0, a, k, b, k, 0.0, c, n);
            Runnable nativeCall = () -> openBlas.gemm(false, true, m, n, k, 1.0, na, 0, k, nb, 0, k, 0.0, nc, 0, n);
            for (int threads = 1; threads <= 2; threads++) {
                java.setThreads(threads);
                openBlas.setThreads(threads);
                double[][] tj = new double[2][calls];
                double[][] to = new double[2][calls];
                for (int i = -2; i < calls; i++) { // two warm-up rounds
                    time(javaCall, tj, i);
                    time(nativeCall, to, i);
                }
                System.out.printf("threads=%d java_gflops median=%.1f best=%.1f%s openblas_gflops median=%.1f "
                                + "best=%.1f%s%n", threads, gflop / median(tj[0]), gflop / min(tj[0]),
                        threads == 1 ? String.format(" cpu=%.1f", gflop / median(tj[1])) : "",
                        gflop / median(to[0]), gflop / min(to[0]),
                        threads == 1 ? String.format(" cpu=%.1f", gflop / median(to[1])) : "");
            }
        }
    }

    /** Wall-clock and this thread's CPU seconds of one call into t[0][i], t[1][i] (i &lt; 0: warm-up). */
    private static void time(Runnable call, double[][] t, int i) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        call.run();
        if (i >= 0) {
            t[0][i] = (System.nanoTime() - wall) / 1e9;
            t[1][i] = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
        }
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] t) {
        return Arrays.stream(t).min().orElseThrow();
    }
}
