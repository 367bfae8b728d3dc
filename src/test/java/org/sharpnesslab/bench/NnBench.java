package org.sharpnesslab.bench;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.InputBasis;
import org.sharpnesslab.nn.ReducedHessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.spectrum.PowerIteration;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.spectrum.PowerResult;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Our side of {@code bench/run}: times one Hessian-vector product and a 20-step power iteration of an FCN with MSE
 * loss, and writes the problem (inputs, targets, θ, v, our H v, our λ) as little-endian float64 files for the
 * PyTorch script to time the same problem and check that both engines agree.
 *
 * <p>"One HVP" for us = building the operator ({@link Hessian#at}: forward pass + backward pass, cached) plus one
 * product; "power iteration, full space" = building once + 20 products ({@link PowerIteration}, fixed 20 steps);
 * "power iteration" (the gated figure) = the same iteration on the row-space reduced Hessian
 * ({@link Hessian#reducedAt}), timing everything from the raw data: the {@link InputBasis} of the inputs, the
 * reduced build, restricting the start vector, 20 products, and lifting the eigenvector back to parameter space.
 * It is exact (same λ to rounding); when n ≥ d the basis is the identity and the two coincide. Prints
 * {@code key=value} lines.
 *
 * <p>Usage: {@code NnBench <dir> <din> <width> <depth> <k> <n> <hvpRepeats> <powerRepeats>}.
 */
public final class NnBench {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int din = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int depth = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        int n = Integer.parseInt(args[5]);
        int hvpRepeats = Integer.parseInt(args[6]);
        int powerRepeats = Integer.parseInt(args[7]);
        Files.createDirectories(dir);
        Blas.setThreads(Runtime.getRuntime().availableProcessors()); // all cores, as torch.set_num_threads

        FCN net = FCN.builder().input(din).width(width).depth(depth).output(k).relu().sp().sigmaW2(2.0).build();
        Random rng = new Random(1234);
        double[] x = new double[n * din];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] y = new double[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
            y[i * k + labels[i]] = 1;
        }
        Dataset data = new Dataset("bench", n, din, k, x, y, k > 1 ? labels : null);
        double[] theta = net.init(7);
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }

        // warm-up (JIT, OpenBLAS threads): at least 3 HVPs and 2 s, as a notebook session would be warm
        long warm = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warm < 2_000_000_000L; i++) {
            hvp(net, theta, data, v, new double[theta.length]);
        }
        power(net, theta, data, PowerOptions.fixedSteps(20), v);
        reducedPower(net, theta, data, v);
        Blas.resetFlops();
        Hessian once = Hessian.at(net, theta, data, Loss.MSE);
        long cacheFlops = Blas.flops();
        double[] hv = once.apply(v);
        long productFlops = Blas.flops() - cacheFlops;

        Blas.resetFlops();
        long tb = System.nanoTime();
        hvp(net, theta, data, v, new double[theta.length]);
        System.out.printf("ours_hvp_gemm_share=%.3f%n", Blas.nanos() / (double) (System.nanoTime() - tb));
        double[] hvpTimes = new double[hvpRepeats];
        long hvpCpu0 = cpuNanos();
        for (int r = 0; r < hvpRepeats; r++) {
            long t0 = System.nanoTime();
            hvp(net, theta, data, v, new double[theta.length]);
            hvpTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        double hvpCpu = (cpuNanos() - hvpCpu0) / 1e9 / hvpRepeats;
        // one product on the kept cache (what every step of an eigen-solve costs), and the share of time in GEMM
        double[] productTimes = new double[Math.max(3, hvpRepeats)];
        double[] hvOut = new double[theta.length];
        Blas.resetFlops();
        long tp = System.nanoTime();
        for (int r = 0; r < productTimes.length; r++) {
            long t0 = System.nanoTime();
            once.apply(v, hvOut);
            productTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        double productGemmShare = Blas.nanos() / (double) (System.nanoTime() - tp);
        // flop counts of the reduced pipeline, piece by piece (outside the timings)
        Blas.resetFlops();
        InputBasis basis = InputBasis.of(data);
        long basisFlops = Blas.flops();
        ReducedHessian reducedOnce = Hessian.reducedAt(net, theta, data, Loss.MSE, basis);
        long reducedCacheFlops = Blas.flops() - basisFlops;
        double[] rv = reducedOnce.restrict(v);
        long restrictFlops = Blas.flops() - basisFlops - reducedCacheFlops;
        long before = Blas.flops();
        reducedOnce.apply(rv);
        long reducedProductFlops = Blas.flops() - before;

        double[] powerFullTimes = new double[powerRepeats];
        double[] powerTimes = new double[powerRepeats];
        PowerResult prFull = null;
        double[] reducedResult = null;
        PowerOptions opts = PowerOptions.fixedSteps(20);
        Blas.resetFlops();
        long tpow = System.nanoTime();
        long powerFullCpu = 0;
        long powerCpu = 0;
        for (int r = 0; r < powerRepeats; r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            prFull = power(net, theta, data, opts, v);
            powerFullTimes[r] = (System.nanoTime() - t0) / 1e9;
            long c1 = cpuNanos();
            t0 = System.nanoTime();
            reducedResult = reducedPower(net, theta, data, v);
            powerTimes[r] = (System.nanoTime() - t0) / 1e9;
            powerFullCpu += c1 - c0;
            powerCpu += cpuNanos() - c1;
        }
        double powerGemmShare = Blas.nanos() / (double) (System.nanoTime() - tpow);
        double lambdaReduced = reducedResult[0];
        double[] liftedVector = Arrays.copyOfRange(reducedResult, 1, reducedResult.length);
        double hvpMedian = median(hvpTimes);
        double powerMedian = median(powerTimes);
        double powerFullMedian = median(powerFullTimes);
        double hvpFlops = cacheFlops + productFlops;
        double powerFullFlops = cacheFlops + 20.0 * productFlops;
        double powerFlops = basisFlops + reducedCacheFlops + 2.0 * restrictFlops + 20.0 * reducedProductFlops;
        double[] ev = prFull.eigenvector();
        double cos = Math.abs(dot(liftedVector, ev)) / Math.sqrt(dot(liftedVector, liftedVector) * dot(ev, ev));

        write(dir.resolve("x.f64"), x);
        write(dir.resolve("y.f64"), y);
        write(dir.resolve("theta.f64"), theta);
        write(dir.resolve("v.f64"), v);
        write(dir.resolve("hv.f64"), hv);

        System.out.printf("ours_params=%d%n", theta.length);
        System.out.printf("ours_hvp_cpu_s=%.4f%n", hvpCpu);
        System.out.printf("ours_power_cpu_s=%.4f%n", powerCpu / 1e9 / powerRepeats);
        System.out.printf("ours_power_full_cpu_s=%.4f%n", powerFullCpu / 1e9 / powerRepeats);
        System.out.printf("ours_backend=%s%n", Blas.backend().replace(' ', '_'));
        System.out.printf("ours_product_s=%.5f%n", median(productTimes));
        System.out.printf("ours_product_all=%s%n", Arrays.toString(round(productTimes)));
        System.out.printf("ours_product_gemm_share=%.3f%n", productGemmShare);
        System.out.printf("ours_power_gemm_share=%.3f%n", powerGemmShare);
        System.out.printf("ours_threads=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("ours_cache_gflop=%.3f%n", cacheFlops / 1e9);
        System.out.printf("ours_product_gflop=%.3f%n", productFlops / 1e9);
        System.out.printf("ours_hvp_s=%.5f%n", hvpMedian);
        System.out.printf("ours_hvp_all=%s%n", Arrays.toString(round(hvpTimes)));
        System.out.printf("ours_hvp_gflops=%.1f%n", hvpFlops / hvpMedian / 1e9);
        System.out.printf("ours_power_full_s=%.5f%n", powerFullMedian);
        System.out.printf("ours_power_full_all=%s%n", Arrays.toString(round(powerFullTimes)));
        System.out.printf("ours_power_full_gflop=%.3f%n", powerFullFlops / 1e9);
        System.out.printf("ours_power_full_gflops=%.1f%n", powerFullFlops / powerFullMedian / 1e9);
        System.out.printf("ours_lambda_full=%.12g%n", prFull.eigenvalue());
        System.out.printf("ours_residual=%.3g%n", prFull.residual());
        System.out.printf("ours_basis=%s%n", basis);
        System.out.printf("ours_basis_gflop=%.3f%n", basisFlops / 1e9);
        System.out.printf("ours_reduced_dim=%d%n", reducedOnce.dimension());
        System.out.printf("ours_reduced_cache_gflop=%.3f%n", reducedCacheFlops / 1e9);
        System.out.printf("ours_reduced_product_gflop=%.3f%n", reducedProductFlops / 1e9);
        System.out.printf("ours_restrict_gflop=%.3f%n", restrictFlops / 1e9);
        System.out.printf("ours_power_s=%.5f%n", powerMedian);
        System.out.printf("ours_power_all=%s%n", Arrays.toString(round(powerTimes)));
        System.out.printf("ours_power_gflop=%.3f%n", powerFlops / 1e9);
        System.out.printf("ours_power_gflops=%.1f%n", powerFlops / powerMedian / 1e9);
        System.out.printf("ours_lambda=%.12g%n", lambdaReduced);
        System.out.printf("ours_reduced_vs_full_lambda_rel=%.3g%n",
                Math.abs(lambdaReduced - prFull.eigenvalue()) / Math.abs(prFull.eigenvalue()));
        System.out.printf("ours_reduced_vs_full_vector_cos=%.15f%n", cos);
        System.out.printf("ours_loss=%.12g%n", once.loss());
    }

    /**
     * The gated power iteration from the raw data: basis of the inputs, reduced build, restricted start vector,
     * 20 products, lifted eigenvector. Returns {λ, lifted eigenvector...}.
     */
    private static double[] reducedPower(FCN net, double[] theta, Dataset data, double[] v) {
        InputBasis basis = InputBasis.of(data);
        PowerResult pr;
        double[] lifted;
        try (ReducedHessian h = Hessian.reducedAt(net, theta, data, Loss.MSE, basis)) {
            pr = PowerIteration.run(h, PowerOptions.fixedSteps(20), h.restrict(v));
            lifted = h.lift(pr.eigenvector());
        }
        double[] out = new double[lifted.length + 1];
        out[0] = pr.eigenvalue();
        System.arraycopy(lifted, 0, out, 1, lifted.length);
        return out;
    }

    /**
     * One HVP from scratch as a loop of the library runs it: build, one product, close (the cache's native memory
     * goes back for the next operator, {@link Hessian#close}).
     */
    static void hvp(FCN net, double[] theta, Dataset data, double[] v, double[] out) {
        try (Hessian h = Hessian.at(net, theta, data, Loss.MSE)) {
            h.apply(v, out);
        }
    }

    /** Build + a power iteration + close. */
    static PowerResult power(FCN net, double[] theta, Dataset data, PowerOptions opts, double[] v) {
        try (Hessian h = Hessian.at(net, theta, data, Loss.MSE)) {
            return PowerIteration.run(h, opts, v);
        }
    }

    /** CPU time of the whole process, all threads (steadier than wall time on a loaded machine). */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double median(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    private static double[] round(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.round(a[i] * 1e4) / 1e4;
        }
        return r;
    }

    static void write(Path p, double[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(a);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(p))) {
            out.write(buf.array());
        }
    }
}
