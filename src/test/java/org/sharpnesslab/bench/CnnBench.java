package org.sharpnesslab.bench;


import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Myrtle;
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
 * Our side of {@code bench/run-cnn}: a Myrtle CNN (SP, He init, no bias, ReLU) with MSE loss on random 3×32×32
 * images, one Hessian-vector product (build: forward + backward, cached; plus one product) and a 20-step power
 * iteration (build once + 20 products), timed; the share of wall time inside OpenBLAS; the memory of one HVP
 * against the activations' size. Writes inputs, targets, θ, v, our H v and λ (little-endian float64) for
 * {@code bench/torch_cnn_bench.py}. Prints {@code key=value} lines.
 *
 * <p>Memory: "activations" = every intermediate output of the forward pass for all n examples (what an autograd
 * tape keeps), computed from the shapes; "tape" = heap + native memory retained by the built operator; "hvp peak"
 * = the same with the first product's work buffers (both measured on a fresh thread, see {@link #retained}).
 *
 * <p>Usage: {@code CnnBench <dir> <depth> <width> <n> <hvpRepeats> <powerRepeats>}. The images are 3×32×32 (CIFAR-10's shape) unless
 * {@code -Dbench.image=c,h,w} says otherwise (1,28,28: Fashion-MNIST's, the Myrtle-7 row of 002 Fig. 3(b)).
 */
public final class CnnBench {

    /** The image shape "c,h,w". */
    static ImageShape image(String chw) {
        String[] p = chw.split(",");
        return ImageShape.of(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int depth = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        int hvpRepeats = Integer.parseInt(args[4]);
        int powerRepeats = Integer.parseInt(args[5]);
        int k = 10;
        Files.createDirectories(dir);
        Blas.setThreads(Runtime.getRuntime().availableProcessors());
        ImageShape shape = image(System.getProperty("bench.image", "3,32,32"));
        Myrtle net = Myrtle.of(shape, depth, width, k);
        Random rng = new Random(1234);
        int din = shape.size();
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
        Dataset data = new Dataset("cnn bench", n, din, k, x, y, labels);
        double[] theta = net.init(7);
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }

        long warm = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - warm < 2_000_000_000L; i++) {
            try (Hessian h = Hessian.at(net, theta, data, Loss.MSE)) {
                h.apply(v);
            }
        }
        // memory: the built operator, and the operator with its first product's work buffers (made on a fresh
        // thread, so that they are counted), heap and native, minus the baseline
        long tape = retained(net, theta, data, v, false);
        long peak = retained(net, theta, data, v, true);

        Blas.resetFlops();
        Hessian once = Hessian.at(net, theta, data, Loss.MSE);
        long cacheFlops = Blas.flops();
        double[] hv = once.apply(v);
        double loss = once.loss();
        once.close(); // its memory serves the timed operators
        long productFlops = Blas.flops() - cacheFlops;

        double[] hvpTimes = new double[hvpRepeats];
        double[] hvpBlas = new double[hvpRepeats];
        for (int r = 0; r < hvpRepeats; r++) {
            Blas.resetFlops();
            long t0 = System.nanoTime();
            try (Hessian h = Hessian.at(net, theta, data, Loss.MSE)) { // freed at once, as a framework frees a graph
                h.apply(v, new double[theta.length]);
            }
            long dt = System.nanoTime() - t0;
            hvpTimes[r] = dt / 1e9;
            hvpBlas[r] = Blas.nanos() / (double) dt;
        }
        double[] powerTimes = new double[powerRepeats];
        double[] powerBlas = new double[powerRepeats];
        PowerResult pr = null;
        for (int r = 0; r < powerRepeats; r++) {
            Blas.resetFlops();
            long t0 = System.nanoTime();
            try (Hessian h = Hessian.at(net, theta, data, Loss.MSE)) {
                pr = PowerIteration.run(h, PowerOptions.fixedSteps(20), v);
            }
            long dt = System.nanoTime() - t0;
            powerTimes[r] = dt / 1e9;
            powerBlas[r] = Blas.nanos() / (double) dt;
        }
        write(dir.resolve("x.f64"), x);
        write(dir.resolve("y.f64"), y);
        write(dir.resolve("theta.f64"), theta);
        write(dir.resolve("v.f64"), v);
        write(dir.resolve("hv.f64"), hv);

        double hvpMedian = median(hvpTimes);
        double powerMedian = median(powerTimes);
        double hvpFlops = cacheFlops + productFlops;
        double powerFlops = cacheFlops + 20.0 * productFlops;
        long acts = activationBytes(net, n);
        System.out.printf("ours_network=%s%n", net);
        System.out.printf("ours_params=%d%n", theta.length);
        System.out.printf("ours_threads=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("ours_cache_gflop=%.3f%n", cacheFlops / 1e9);
        System.out.printf("ours_product_gflop=%.3f%n", productFlops / 1e9);
        System.out.printf("ours_hvp_s=%.5f%n", hvpMedian);
        System.out.printf("ours_hvp_all=%s%n", Arrays.toString(round(hvpTimes)));
        System.out.printf("ours_hvp_gflops=%.1f%n", hvpFlops / hvpMedian / 1e9);
        System.out.printf("ours_hvp_blas_fraction=%.3f%n", median(hvpBlas));
        System.out.printf("ours_power_s=%.5f%n", powerMedian);
        System.out.printf("ours_power_all=%s%n", Arrays.toString(round(powerTimes)));
        System.out.printf("ours_power_gflop=%.3f%n", powerFlops / 1e9);
        System.out.printf("ours_power_gflops=%.1f%n", powerFlops / powerMedian / 1e9);
        System.out.printf("ours_power_blas_fraction=%.3f%n", median(powerBlas));
        System.out.printf("ours_lambda=%.12g%n", pr.eigenvalue());
        System.out.printf("ours_residual=%.3g%n", pr.residual());
        System.out.printf("ours_loss=%.12g%n", loss);
        System.out.printf("ours_activations_mb=%.1f%n", acts / 1e6);
        System.out.printf("ours_tape_mb=%.1f%n", tape / 1e6);
        System.out.printf("ours_hvp_peak_mb=%.1f%n", peak / 1e6);
        System.out.printf("ours_hvp_peak_over_activations=%.2f%n", peak / (double) acts);
        System.out.printf("ours_tape_over_activations=%.2f%n", tape / (double) acts);
    }

    /**
     * Bytes (heap + native, the pool of given-back native memory excluded) held by an operator built on a fresh
     * thread, with its first product's work buffers if {@code product}; the dataset's native copy (kept from the
     * warm-up, as the frameworks keep X in a tensor) is in the baseline.
     */
    private static long retained(Myrtle net, double[] theta, Dataset data, double[] v, boolean product)
            throws InterruptedException {
        OperatorMemory.Held<Hessian> held = OperatorMemory.heldBy(() -> {
            Hessian h = Hessian.at(net, theta, data, Loss.MSE);
            if (product) {
                h.apply(v);
            }
            return h;
        }, OperatorMemory.settled());
        held.value().close();
        return held.bytes();
    }

    /** Bytes of every intermediate output of the Myrtle forward pass for n examples (conv, ReLU, pool outputs). */
    static long activationBytes(Myrtle net, int n) {
        long per = 0;
        ImageShape s = net.input();
        int[] g = net.groups();
        for (int group = 0; group < 3; group++) {
            per += 2L * g[group] * net.width() * s.plane(); // conv output + ReLU output
            if (group < 2) {
                s = ImageShape.of(net.width(), s.height() / 2, s.width() / 2);
                per += (long) net.width() * s.plane();
            }
        }
        per += net.width() + net.outputDim();
        return per * n * 8;
    }

    private static double median(double[] a) {
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
