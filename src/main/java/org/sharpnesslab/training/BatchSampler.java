package org.sharpnesslab.training;

import org.sharpnesslab.data.Dataset;

import java.util.Arrays;
import java.util.Random;

/**
 * Mini-batches for SGD drawn without replacement from a permutation of the examples, reshuffled each epoch
 * (a batch never straddles two epochs: the tail of an epoch shorter than B is skipped). Seeded: the same seed
 * gives the same batches on every machine. Mutable; one per run.
 */
final class BatchSampler {

    private final Dataset data;
    private final int batchSize;
    private final Random rng;
    private int[] order;
    private int cursor;

    /**
     * @param data      the examples
     * @param batchSize B, 1 ≤ B ≤ n
     * @param seed      seed of {@code java.util.Random} for the permutations
     */
    BatchSampler(Dataset data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize must be in [1, " + data.size() + "], got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.rng = new Random(seed);
    }

    /** The next batch (a new {@link Dataset} of B examples). */
    Dataset next() {
        if (order == null || cursor + batchSize > order.length) {
            order = permutation(data.size(), rng);
            cursor = 0;
        }
        Dataset batch = subset(data, Arrays.copyOfRange(order, cursor, cursor + batchSize));
        cursor += batchSize;
        return batch;
    }

    static Dataset subset(Dataset data, int[] idx) {
        int d = data.inputDim();
        int k = data.outputDim();
        double[] x = new double[idx.length * d];
        double[] y = new double[idx.length * k];
        int[] labels = data.labels() == null ? null : new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(data.inputs(), idx[j] * d, x, j * d, d);
            System.arraycopy(data.targets(), idx[j] * k, y, j * k, k);
            if (labels != null) {
                labels[j] = data.labels()[idx[j]];
            }
        }
        return new Dataset(data.name() + " batch", idx.length, d, k, x, y, labels);
    }

    /** A Fisher-Yates permutation of 0 … n−1. */
    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
