package org.sharpnesslab.data;

import java.util.Random;
import java.util.function.Function;

/**
 * Synthetic datasets with Gaussian inputs (000 App. B.1): the random dataset and the generative / teacher-student
 * datasets whose targets come from a given function of the inputs.
 *
 * <p>Seeding: inputs are drawn from {@code new Random(seed)} and independent targets from
 * {@code new Random(targetSeed(seed))}, so {@link Datasets#gaussian} and {@link Datasets#generative} with the same
 * n, d and seed have exactly the same inputs.
 */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * The random dataset of 000 App. B.1: x^μ ~ N(0, I_d) and y^μ ~ N(0, I_k) drawn independently (no correlation
     * between inputs and targets); no labels.
     *
     * @param n    number of examples P ≥ 1
     * @param d    input dimension ≥ 1
     * @param k    output dimension ≥ 1
     * @param seed random seed
     */
    static Dataset randomDataset(int n, int d, int k, long seed) {
        check(n, d);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        org.sharpnesslab.task.Check.memory((long) n * k, true, "targets of " + n + " examples of dimension " + k);
        double[] x = gaussianInputs(n, d, seed);
        double[] y = gaussianMatrix(n, k, new Random(targetSeed(seed)));
        return new Dataset("gaussian(n=" + n + ", d=" + d + ", k=" + k + ", seed=" + seed + ")", n, d, k, x, y, null);
    }

    /**
     * The generative dataset of 000 App. B.1: x^μ ~ N(0, I_d) and y^μ = f(x^μ), f applied to the whole batch. With
     * f a randomly initialised network this is the teacher-student dataset; with a trained one, the generative
     * image dataset.
     *
     * @param n    number of examples P ≥ 1
     * @param d    input dimension ≥ 1
     * @param f    the target function (k = its output length / n)
     * @param seed random seed of the inputs
     */
    static Dataset generativeDataset(int n, int d, BatchFunction f, long seed) {
        check(n, d);
        double[] x = gaussianInputs(n, d, seed);
        return withTargets(new Dataset("gaussian inputs", n, d, 1, x, new double[n], null), f,
                "generative(n=" + n + ", d=" + d + ", seed=" + seed + ")");
    }




    /**
     * The inputs of {@code data} with targets y = f(x) (labels dropped): e.g. a teacher network's outputs on
     * real images.
     */
    public static Dataset withTargets(Dataset data, BatchFunction f, String name) {
        int n = data.size();
        double[] y = f.apply(data.inputs(), n, data.inputDim());
        if (y == null || y.length == 0 || y.length % n != 0) {
            throw new IllegalArgumentException("the target function must return n*k values for n = " + n
                    + " examples, returned " + (y == null ? "null" : y.length));
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("the target function returned a non-finite value " + y[i]
                        + " for example " + (i / (y.length / n)));
            }
        }
        return new Dataset(name, n, data.inputDim(), y.length / n, data.inputs(), y, null);
    }

    /** n×d entries i.i.d. N(0, 1) from {@code new Random(seed)} (row-major, row after row). */
    public static double[] gaussianInputs(int n, int d, long seed) {
        check(n, d);
        return gaussianMatrix(n, d, new Random(seed));
    }

    static double[] gaussianMatrix(int n, int d, Random rng) {
        double[] a = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < a.length; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            a[i] = rng.nextGaussian();
        }
        return a;
    }

    /** The seed of the target stream derived from the input seed (a fixed odd-constant mix). */
    static long targetSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void check(int n, int d) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, got " + d);
        }
        // the inputs are one n×d array (a long product: 100 000 × 100 000 must not overflow)
        org.sharpnesslab.task.Check.memory((long) n * d, true, "inputs of " + n + " examples of dimension " + d);
    }
}
