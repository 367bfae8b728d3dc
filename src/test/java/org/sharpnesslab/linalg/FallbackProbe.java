package org.sharpnesslab.linalg;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.ReducedHessian;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The child JVM of {@link BlasFallbackTest}: computes seeded results through {@link Blas} on whatever backend it
 * finds and prints them exactly ({@code name=hex,hex,…}), after {@code backend=} and {@code storage=} lines. The
 * test computes the same in its own JVM and compares.
 *
 * <p>Usage: {@code FallbackProbe ops|hessian}.
 */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) {
        Map<String, double[]> results = compute(args[0]);
        System.out.println("backend=" + Blas.backend());
        try (NativeArray a = NativeArray.of(new double[]{1, 2, 3})) {
            System.out.println("storage=" + a);
        }
        results.forEach((name, x) -> System.out.println(name + "="
                + DoubleStream.of(x).mapToObj(Double::toHexString).collect(Collectors.joining(","))));
    }

    /** The results of {@code mode}: "ops" (every Blas operation once) or "hessian" (products of a small FCN). */
    static Map<String, double[]> compute(String mode) {
        return switch (mode) {
            case "ops" -> operations();
            case "hessian" -> hessian();
            default -> throw new IllegalArgumentException("mode must be ops or hessian, got " + mode);
        };
    }

    private static Map<String, double[]> operations() {
        Random r = new Random(31);
        Map<String, double[]> out = new LinkedHashMap<>();
        double[] c = BlasTest.random(70 * 90, r);
        Blas.gemm(false, true, 70, 90, 110, 0.7, BlasTest.random(70 * 110, r), BlasTest.random(90 * 110, r), 0.3, c);
        out.put("gemm_nt", c);
        double[] c2 = BlasTest.random(45 * 130, r);
        Blas.gemm(true, false, 45, 130, 60, -1.0, BlasTest.random(60 * 45, r), BlasTest.random(60 * 130, r), 0.0, c2);
        out.put("gemm_tn", c2);
        try (NativeArray a = NativeArray.of(BlasTest.random(80 * 70, r)); NativeArray b = NativeArray.of(
                BlasTest.random(60 * 90, r)); NativeArray cn = NativeArray.of(BlasTest.random(51 * 100, r))) {
            // A 50×30 block of a 80×70 array (transposed: stored 30×50 at row 3, column 7), B 40×60 rows of B
            Blas.gemm(true, true, 50, 40, 30, 1.5, a, 3 * 70 + 7, 70, b, 90 + 2, 90, 0.5, cn, 100 + 1, 100);
            out.put("gemm_native", cn.toArray());
        }
        double[] x = BlasTest.random(40 * 25, r); // rank 25
        double[] g = new double[40 * 40];
        Blas.gram(40, 25, x, g);
        out.put("gram", g.clone());
        int[] piv = new int[40];
        int rank = Blas.pivotedCholesky(40, g, piv, 1e-13 * 40);
        out.put("pivoted_rank_piv", DoubleStream.concat(DoubleStream.of(rank),
                java.util.Arrays.stream(piv).asDoubleStream()).toArray());
        out.put("pivoted_l", g);
        double[] spd = new double[30 * 30];
        Blas.gram(30, 45, BlasTest.random(30 * 45, r), spd);
        Blas.cholesky(30, spd);
        out.put("cholesky", spd);
        double[] b = BlasTest.random(30 * 50, r);
        Blas.trsmLower(true, false, 30, 50, spd, b);
        out.put("trsm_left", b);
        double[] b2 = BlasTest.random(50 * 30, r);
        Blas.trsmLower(false, true, 50, 30, spd, b2);
        out.put("trsm_right_t", b2);
        return out;
    }

    private static Map<String, double[]> hessian() {
        Map<String, double[]> out = new LinkedHashMap<>();
        FCN net = FCN.builder().input(48).width(96).depth(3).output(5).tanh().bias(true).build();
        double[] theta = net.init(2);
        double[] v = Vectors.randomUnit(theta.length, 3);
        Dataset data = Datasets.gaussian(64, 48, 5, 1);
        Hessian h = Hessian.at(net, theta, data, Loss.MSE);
        out.put("gradient", h.gradient());
        out.put("hvp", h.apply(v));
        out.put("gauss_newton_vp", h.gaussNewton().apply(v));
        // n = 32 < d = 48: the row-space basis (Gram, pivoted Cholesky, triangular solves); P H̃ Pᵀ v = PPᵀ H PPᵀ v
        // does not depend on which orthonormal basis was found
        ReducedHessian reduced = Hessian.reducedAt(net, theta, Datasets.gaussian(32, 48, 5, 4), Loss.MSE);
        out.put("reduced_hvp", reduced.lift(reduced.apply(reduced.restrict(v))));
        return out;
    }
}
