package org.sharpnesslab.bench;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
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
 * product; "power iteration" = building once + 20 products ({@link PowerIteration}, fixed 20 steps). Prints
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
            Hessian.at(net, theta, data, Loss.MSE).apply(v);
        }
        PowerIteration.run(Hessian.at(net, theta, data, Loss.MSE), PowerOptions.fixedSteps(20), v);
        Blas.resetFlops();
        Hessian once = Hessian.at(net, theta, data, Loss.MSE);
        long cacheFlops = Blas.flops();
        double[] hv = once.apply(v);
        long productFlops = Blas.flops() - cacheFlops;

        Blas.resetFlops();
        long tb = System.nanoTime();
        Hessian.at(net, theta, data, Loss.MSE).apply(v, new double[theta.length]);
        System.out.printf("ours_hvp_blas_fraction=%.3f%n", Blas.nanos() / (double) (System.nanoTime() - tb));
        double[] hvpTimes = new double[hvpRepeats];
        for (int r = 0; r < hvpRepeats; r++) {
            long t0 = System.nanoTime();
            Hessian.at(net, theta, data, Loss.MSE).apply(v, new double[theta.length]);
            hvpTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] powerTimes = new double[powerRepeats];
        PowerResult pr = null;
        PowerOptions opts = PowerOptions.fixedSteps(20);
        for (int r = 0; r < powerRepeats; r++) {
            long t0 = System.nanoTime();
            pr = PowerIteration.run(Hessian.at(net, theta, data, Loss.MSE), opts, v);
            powerTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        double hvpMedian = median(hvpTimes);
        double powerMedian = median(powerTimes);
        double hvpFlops = cacheFlops + productFlops;
        double powerFlops = cacheFlops + 20.0 * productFlops;

        write(dir.resolve("x.f64"), x);
        write(dir.resolve("y.f64"), y);
        write(dir.resolve("theta.f64"), theta);
        write(dir.resolve("v.f64"), v);
        write(dir.resolve("hv.f64"), hv);

        System.out.printf("ours_params=%d%n", theta.length);
        System.out.printf("ours_threads=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("ours_cache_gflop=%.3f%n", cacheFlops / 1e9);
        System.out.printf("ours_product_gflop=%.3f%n", productFlops / 1e9);
        System.out.printf("ours_hvp_s=%.5f%n", hvpMedian);
        System.out.printf("ours_hvp_all=%s%n", Arrays.toString(round(hvpTimes)));
        System.out.printf("ours_hvp_gflops=%.1f%n", hvpFlops / hvpMedian / 1e9);
        System.out.printf("ours_power_s=%.5f%n", powerMedian);
        System.out.printf("ours_power_all=%s%n", Arrays.toString(round(powerTimes)));
        System.out.printf("ours_power_gflops=%.1f%n", powerFlops / powerMedian / 1e9);
        System.out.printf("ours_lambda=%.12g%n", pr.eigenvalue());
        System.out.printf("ours_residual=%.3g%n", pr.residual());
        System.out.printf("ours_loss=%.12g%n", once.loss());
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

    private static void write(Path p, double[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(a);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(p))) {
            out.write(buf.array());
        }
    }
}
