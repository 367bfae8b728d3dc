package org.sharpnesslab.bench;

import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.linalg.NativeArray;

import java.util.Arrays;
import java.util.Random;

/**
 * Where the time of one Hessian-vector product goes, GEMM by GEMM: the products of one R-operator HVP of
 * FCN 3072-512-512-10 on n = 1000 examples (full space), each timed through {@link Blas} with Java arrays (JavaCPP
 * copies them in and out per call) and with off-heap {@link NativeArray}s, plus a square 2048³ product. Prints
 * {@code key=value} lines; {@code gemm_peak_gflops} (the best off-heap rate of the
 * products of at least 1 GFLOP) is the "measured dgemm peak" that
 * {@code bench/run} prints beside every line.
 *
 * <p>Usage: {@code GemmBench [seconds per case, default 1.0]}. The library is {@link Blas#backend()} (choose with
 * {@code -Dsharpnesslab.blas=mkl|openblas}).
 */
public final class GemmBench {

    /** m, n, k, transA, transB, calls per product, label. */
    private record Shape(int m, int n, int k, boolean ta, boolean tb, int calls, String what) {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Blas.setThreads(Runtime.getRuntime().availableProcessors());
        System.out.println("gemm_backend=" + Blas.backend().replace(' ', '_'));
        System.out.println("gemm_threads=" + Blas.threads());
        Shape[] product = {
                new Shape(1000, 512, 3072, false, true, 1, "layer1_forward_xV1t"),
                new Shape(1000, 512, 512, false, true, 2, "layer2_forward"),
                new Shape(1000, 10, 512, false, true, 2, "layer3_forward"),
                new Shape(10, 512, 1000, true, false, 2, "layer3_weight_grad"),
                new Shape(1000, 512, 10, false, false, 2, "layer3_input_back"),
                new Shape(512, 512, 1000, true, false, 2, "layer2_weight_grad"),
                new Shape(1000, 512, 512, false, false, 2, "layer2_input_back"),
                new Shape(512, 3072, 1000, true, false, 1, "layer1_weight_grad_dTx"),
        };
        double heapTotal = 0, offTotal = 0, flopTotal = 0, peak = 0;
        for (Shape s : product) {
            double[] t = time(s, seconds);
            double flop = 2.0 * s.m * s.n * s.k;
            heapTotal += s.calls * t[0];
            offTotal += s.calls * t[1];
            flopTotal += s.calls * flop;
            if (flop >= 1e9) { // large products only: a tiny one's rate is noise
                peak = Math.max(peak, flop / t[1] / 1e9);
            }
            System.out.printf("gemm_%s_%dx%dx%d_x%d heap_ms=%.3f offheap_ms=%.3f heap_gflops=%.1f offheap_gflops=%.1f%n",
                    s.what, s.m, s.n, s.k, s.calls, 1e3 * t[0], 1e3 * t[1], flop / t[0] / 1e9, flop / t[1] / 1e9);
        }
        System.out.printf("gemm_product_total heap_ms=%.2f offheap_ms=%.2f gflop=%.2f heap_gflops=%.1f "
                        + "offheap_gflops=%.1f copy_share_of_heap=%.3f%n", 1e3 * heapTotal, 1e3 * offTotal,
                flopTotal / 1e9, flopTotal / heapTotal / 1e9, flopTotal / offTotal / 1e9, 1 - offTotal / heapTotal);
        double[] sq = time(new Shape(2048, 2048, 2048, false, false, 1, "square"), seconds);
        double sqFlop = 2.0 * 2048 * 2048 * 2048;
        System.out.printf("gemm_square_2048 heap_gflops=%.1f offheap_gflops=%.1f%n", sqFlop / sq[0] / 1e9,
                sqFlop / sq[1] / 1e9);
        peak = Math.max(peak, sqFlop / sq[1] / 1e9);
        System.out.printf("gemm_peak_gflops=%.1f%n", peak);
    }

    /** {heap, off-heap} median seconds of one call of the shape, alternating the two, about {@code seconds}. */
    private static double[] time(Shape s, double seconds) {
        Random r = new Random(1);
        double[] a = new double[s.m * s.k];
        double[] b = new double[s.k * s.n];
        double[] c = new double[s.m * s.n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        try (NativeArray na = NativeArray.of(a); NativeArray nb = NativeArray.of(b);
             NativeArray nc = NativeArray.zeros((long) s.m * s.n)) {
            Runnable heap = () -> Blas.gemm(s.ta, s.tb, s.m, s.n, s.k, 1.0, a, b, 1.0, c);
            Runnable off = () -> Blas.gemm(s.ta, s.tb, s.m, s.n, s.k, 1.0, na, nb, 1.0, nc);
            heap.run();
            off.run();
            long t0 = System.nanoTime();
            heap.run();
            double one = Math.max(1e-6, (System.nanoTime() - t0) / 1e9);
            int reps = (int) Math.max(5, Math.min(400, seconds / 2 / one));
            double[] th = new double[reps];
            double[] to = new double[reps];
            for (int i = 0; i < reps; i++) {
                long s0 = System.nanoTime();
                heap.run();
                long s1 = System.nanoTime();
                off.run();
                long s2 = System.nanoTime();
                th[i] = (s1 - s0) / 1e9;
                to[i] = (s2 - s1) / 1e9;
            }
            Arrays.sort(th);
            Arrays.sort(to);
            return new double[]{th[reps / 2], to[reps / 2]};
        }
    }
}
