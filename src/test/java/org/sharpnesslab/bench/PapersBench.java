package org.sharpnesslab.bench;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.spectrum.PowerIteration;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.spectrum.PowerResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Our side of the papers' workloads in {@code bench/run}: the per-step costs a reproduction pays, on the networks
 * of 002 §3 and 000 §3 (FCN of depth d = 8 and width w = 512 on MNIST-shaped inputs, 784 → 512 → … → 10, ReLU,
 * SP, no bias, MSE; random Gaussian inputs and one-hot targets, the shape of the data is what sets the cost):
 * <ul>
 *   <li>one SGD step with batch B = 512: the batch copied out of the dataset (as {@code training.BatchSampler}
 *       does), {@link Hessian#at} on it and its gradient (what {@code training.TrainingLoop} runs per step), the
 *       update θ ← θ − η g;</li>
 *   <li>λ on n = 2048 examples by 20 power steps (the papers' procedure, same start and iterates as the
 *       baselines): {@link Hessian#at} + 20 products.</li>
 * </ul>
 * Writes x, y, θ, the power start v and θ after one step (the baselines check theirs against it) and prints
 * {@code key=value} lines.
 *
 * <p>Usage: {@code PapersBench <dir> <din> <width> <depth> <k> <n> <batch> <reps> <eta>}.
 */
public final class PapersBench {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int din = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int depth = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        int n = Integer.parseInt(args[5]);
        int batch = Integer.parseInt(args[6]);
        int reps = Integer.parseInt(args[7]);
        double eta = Double.parseDouble(args[8]);
        Files.createDirectories(dir);
        Blas.setThreads(Runtime.getRuntime().availableProcessors());
        FCN net = FCN.builder().input(din).width(width).depth(depth).output(k).relu().sp().sigmaW2(2.0).build();
        Random rng = new Random(2026);
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
        Dataset data = new Dataset("papers", n, din, k, x, y, labels);
        double[] theta = net.init(5);
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        NnBench.write(dir.resolve("x.f64"), x);
        NnBench.write(dir.resolve("y.f64"), y);
        NnBench.write(dir.resolve("theta.f64"), theta);
        NnBench.write(dir.resolve("v.f64"), v);

        for (int i = 0; i < 3; i++) { // warm-up (JIT, BLAS threads)
            sgdStep(net, theta.clone(), data, batch, eta);
        }
        NnBench.write(dir.resolve("theta_after.f64"), sgdStep(net, theta.clone(), data, batch, eta));
        double[] ts = new double[reps];
        for (int r = 0; r < reps; r++) {
            double[] t = theta.clone();
            long t0 = System.nanoTime();
            sgdStep(net, t, data, batch, eta);
            ts[r] = (System.nanoTime() - t0) / 1e9;
        }
        PowerOptions opts = PowerOptions.fixedSteps(20);
        NnBench.power(net, theta, data, opts, v); // warm-up
        int lamReps = Math.max(1, reps / 3);
        double[] tl = new double[lamReps];
        PowerResult pr = null;
        for (int r = 0; r < lamReps; r++) {
            long t0 = System.nanoTime();
            pr = NnBench.power(net, theta, data, opts, v);
            tl[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("papers_params=%d%n", theta.length);
        System.out.printf("ours_papers_sgd_s=%.5f%n", median(ts));
        System.out.printf("ours_papers_sgd_all=%s%n", Arrays.toString(ts));
        System.out.printf("ours_papers_lambda_s=%.5f%n", median(tl));
        System.out.printf("ours_papers_lambda_all=%s%n", Arrays.toString(tl));
        System.out.printf("ours_papers_lambda=%.12g%n", pr.eigenvalue());
    }

    /** One SGD step on the first {@code batch} examples (copied out, as a batch sampler does); θ updated in place. */
    static double[] sgdStep(FCN net, double[] theta, Dataset data, int batch, double eta) {
        int d = data.inputDim();
        int k = data.outputDim();
        Dataset b = new Dataset("batch", batch, d, k, Arrays.copyOf(data.inputs(), batch * d),
                Arrays.copyOf(data.targets(), batch * k), null);
        double[] g;
        try (Hessian h = Hessian.at(net, theta, b, Loss.MSE)) { // as training.TrainingLoop's SGD step
            g = h.gradient();
        }
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= eta * g[i];
        }
        return theta;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
