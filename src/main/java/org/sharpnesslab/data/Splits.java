package org.sharpnesslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Subsets and train/test splits of a {@link Dataset}, all seeded and deterministic. The papers train on subsets
 * of the standard sets (e.g. 5,000 CIFAR-10 examples in 000; 4,096 in 002 App. H; the dice subsets 468 … 7,500 of
 * 004 Table 1): {@link #firstN}, {@link #randomN} and {@link #balanced} make them.
 *
 * <p>Randomness: a Fisher–Yates shuffle driven by {@code new java.util.Random(seed)}, so the same seed gives the
 * same subset on every machine.
 */
public final class Splits {

    private Splits() {
    }

    /** The examples at {@code indices}, in that order (inputs, targets and labels copied). */
    public static Dataset subset(Dataset data, int[] indices, String name) {
        org.sharpnesslab.task.Check.notNull("data", data);
        org.sharpnesslab.task.Check.notNull("indices", indices);
        int d = data.inputDim(), k = data.outputDim(), m = indices.length;
        if (m < 1) {
            throw new IllegalArgumentException("indices must select at least one example, selected 0");
        }
        double[] x = new double[m * d];
        double[] y = new double[m * k];
        int[] labels = data.labels() == null ? null : new int[m];
        for (int r = 0; r < m; r++) {
            int i = indices[r];
            if (i < 0 || i >= data.size()) {
                throw new IllegalArgumentException("indices[" + r + "] = " + i + " is outside [0, "
                        + data.size() + ")");
            }
            System.arraycopy(data.inputs(), i * d, x, r * d, d);
            System.arraycopy(data.targets(), i * k, y, r * k, k);
            if (labels != null) {
                labels[r] = data.labels()[i];
            }
        }
        return new Dataset(name, m, d, k, x, y, labels);
    }

    /** The first {@code n} examples (1 ≤ n ≤ size). */
    public static Dataset firstN(Dataset data, int n) {
        org.sharpnesslab.task.Check.notNull("data", data);
        checkCount("n", n, data.size());
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return subset(data, idx, data.name() + "[:" + n + "]");
    }

    /** {@code n} examples drawn without replacement, uniformly at random with {@code seed}. */
    public static Dataset randomN(Dataset data, int n, long seed) {
        org.sharpnesslab.task.Check.notNull("data", data);
        checkCount("n", n, data.size());
        int[] perm = permutation(data.size(), seed);
        return subset(data, Arrays.copyOf(perm, n), data.name() + "[random " + n + ", seed " + seed + "]");
    }

    /**
     * A class-balanced random subset: {@code nPerClass} examples of every class, drawn without replacement with
     * {@code seed}, in shuffled order.
     *
     * @throws IllegalArgumentException for a regression dataset or a class with fewer than nPerClass examples
     */
    public static Dataset balanced(Dataset data, int nPerClass, long seed) {
        int[] labels = requireLabels(data);
        int k = data.outputDim();
        if (nPerClass < 1) {
            throw new IllegalArgumentException("nPerClass must be >= 1, got " + nPerClass);
        }
        int[] perm = permutation(data.size(), seed);
        int[] taken = new int[k];
        List<Integer> chosen = new ArrayList<>(nPerClass * k);
        for (int i : perm) {
            int c = labels[i];
            if (taken[c] < nPerClass) {
                taken[c]++;
                chosen.add(i);
            }
        }
        for (int c = 0; c < k; c++) {
            if (taken[c] < nPerClass) {
                throw new IllegalArgumentException("nPerClass = " + nPerClass + " but class " + c + " has only "
                        + taken[c] + " examples in '" + data.name() + "'");
            }
        }
        int[] idx = chosen.stream().mapToInt(Integer::intValue).toArray();
        // chosen follows the random permutation already, so classes are interleaved at random
        return subset(data, idx, data.name() + "[balanced " + nPerClass + "/class, seed " + seed + "]");
    }

    /** All examples in a random order given by {@code seed}. */
    public static Dataset shuffle(Dataset data, long seed) {
        org.sharpnesslab.task.Check.notNull("data", data);
        return subset(data, permutation(data.size(), seed), data.name() + "[shuffled, seed " + seed + "]");
    }

    /**
     * A random train/test split: round(testFraction · n) examples go to the test set (at least one to each side).
     *
     * @param testFraction in (0, 1)
     */
    public static Split trainTest(Dataset data, double testFraction, long seed) {
        org.sharpnesslab.task.Check.notNull("data", data);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int n = data.size();
        if (n < 2) {
            throw new IllegalArgumentException("a split needs size >= 2, got " + n);
        }
        int nTest = (int) Math.min(n - 1, Math.max(1, Math.round(testFraction * n)));
        int[] perm = permutation(n, seed);
        Dataset test = subset(data, Arrays.copyOfRange(perm, 0, nTest), data.name() + " test");
        Dataset train = subset(data, Arrays.copyOfRange(perm, nTest, n), data.name() + " train");
        return new Split(train, test);
    }

    /**
     * A stratified random split: in every class, round(testFraction · n_c) examples go to the test set, so both
     * sets keep the class proportions of {@code data}. Examples keep their original relative order within each set.
     *
     * @param testFraction in (0, 1)
     * @throws IllegalArgumentException for a regression dataset, or when a side would be empty
     */
    public static Split trainTestStratified(Dataset data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int[] labels = requireLabels(data);
        int k = data.outputDim();
        int[] counts = classCounts(data);
        int[] quota = new int[k];
        for (int c = 0; c < k; c++) {
            quota[c] = (int) Math.round(testFraction * counts[c]);
        }
        boolean[] inTest = new boolean[data.size()];
        int[] taken = new int[k];
        for (int i : permutation(data.size(), seed)) {
            int c = labels[i];
            if (taken[c] < quota[c]) {
                taken[c]++;
                inTest[i] = true;
            }
        }
        int nTest = 0;
        for (boolean b : inTest) {
            nTest += b ? 1 : 0;
        }
        if (nTest == 0 || nTest == data.size()) {
            throw new IllegalArgumentException("testFraction " + testFraction + " leaves one side empty for '"
                    + data.name() + "' (class counts " + Arrays.toString(counts) + ")");
        }
        int[] test = new int[nTest];
        int[] train = new int[data.size() - nTest];
        for (int i = 0, a = 0, b = 0; i < data.size(); i++) {
            if (inTest[i]) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(subset(data, train, data.name() + " train"), subset(data, test, data.name() + " test"));
    }

    /** A split at a fixed position: the first {@code nTrain} examples train, the rest test (no randomness). */
    public static Split trainTestAt(Dataset data, int nTrain) {
        org.sharpnesslab.task.Check.notNull("data", data);
        if (nTrain < 1 || nTrain >= data.size()) {
            throw new IllegalArgumentException("nTrain must be in [1, " + (data.size() - 1) + "], got " + nTrain);
        }
        int[] a = new int[nTrain];
        Arrays.setAll(a, i -> i);
        int[] b = new int[data.size() - nTrain];
        Arrays.setAll(b, i -> nTrain + i);
        return new Split(subset(data, a, data.name() + " train"), subset(data, b, data.name() + " test"));
    }

    /** The examples of {@code a} followed by those of {@code b} (same input and output dimensions). */
    public static Dataset concat(Dataset a, Dataset b) {
        org.sharpnesslab.task.Check.notNull("a", a);
        org.sharpnesslab.task.Check.notNull("b", b);
        if (a.inputDim() != b.inputDim() || a.outputDim() != b.outputDim()) {
            throw new IllegalArgumentException("cannot concatenate '" + a.name() + "' (d=" + a.inputDim() + ", k="
                    + a.outputDim() + ") and '" + b.name() + "' (d=" + b.inputDim() + ", k=" + b.outputDim() + ")");
        }
        if ((a.labels() == null) != (b.labels() == null)) {
            throw new IllegalArgumentException("cannot concatenate a labelled and an unlabelled dataset");
        }
        double[] x = concat(a.inputs(), b.inputs());
        double[] y = concat(a.targets(), b.targets());
        int[] labels = null;
        if (a.labels() != null) {
            labels = Arrays.copyOf(a.labels(), a.size() + b.size());
            System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        }
        return new Dataset(a.name() + "+" + b.name(), a.size() + b.size(), a.inputDim(), a.outputDim(), x, y,
                labels);
    }

    /** A permutation of 0..n−1 by Fisher–Yates with {@code new Random(seed)}. */
    public static int[] permutation(int n, long seed) {
        if (n < 0 || n > org.sharpnesslab.task.Check.MAX_ARRAY) {
            throw org.sharpnesslab.task.Check.range("n", "in [0, " + org.sharpnesslab.task.Check.MAX_ARRAY + "]", n);
        }
        org.sharpnesslab.task.Check.memory(n / 2 + 1, true, "a permutation of " + n + " indices (ints)");
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Number of examples of each class (length = outputDim). */
    public static int[] classCounts(Dataset data) {
        int[] labels = requireLabels(data);
        int[] counts = new int[data.outputDim()];
        for (int c : labels) {
            counts[c]++;
        }
        return counts;
    }

    static int[] requireLabels(Dataset data) {
        org.sharpnesslab.task.Check.notNull("data", data);
        if (data.labels() == null) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has no class labels");
        }
        return data.labels();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void checkCount(String name, int n, int size) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException(name + " must be in [1, " + size + "], got " + n);
        }
    }
}
