package org.sharpnesslab.data;

import java.util.Arrays;

/**
 * A supervised dataset held in memory: {@code size} examples, inputs of dimension {@code inputDim} and targets of
 * dimension {@code outputDim}, both row-major in flat arrays (example i's input is
 * {@code inputs[i*inputDim .. (i+1)*inputDim)}) so that a batch is one matrix for BLAS.
 *
 * @param name      a short description (e.g. {@code "cifar10[5000] standardized"})
 * @param size      number of examples n ≥ 1
 * @param inputDim  input dimension d ≥ 1
 * @param outputDim target dimension k ≥ 1 (k = number of classes for one-hot targets)
 * @param inputs    n×d row-major (not copied: treat as read-only)
 * @param targets   n×k row-major (not copied: treat as read-only)
 * @param labels    class labels in [0, k) for classification, or {@code null} for regression
 */
public record Dataset(String name, int size, int inputDim, int outputDim, double[] inputs, double[] targets,
                      int[] labels) {

    public Dataset {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (inputDim < 1) {
            throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
        }
        if (outputDim < 1) {
            throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
        }
        if (inputs == null || inputs.length != (long) size * inputDim) {
            throw new IllegalArgumentException("inputs must have size*inputDim = " + ((long) size * inputDim)
                    + " entries, had " + (inputs == null ? "null" : inputs.length));
        }
        if (targets == null || targets.length != (long) size * outputDim) {
            throw new IllegalArgumentException("targets must have size*outputDim = " + ((long) size * outputDim)
                    + " entries, had " + (targets == null ? "null" : targets.length));
        }
        requireFinite("inputs", inputs, inputDim);
        requireFinite("targets", targets, outputDim);
        if (labels != null) {
            if (labels.length != size) {
                throw new IllegalArgumentException("labels must have size = " + size + " entries, had "
                        + labels.length);
            }
            for (int i = 0; i < size; i++) {
                if (labels[i] < 0 || labels[i] >= outputDim) {
                    throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                            + " is outside [0, " + outputDim + ")");
                }
            }
        }
        name = name == null ? "dataset" : name;
    }

    /** Whether the dataset carries class labels. */
    public boolean isClassification() {
        return labels != null;
    }

    /** A copy of example i's input. */
    public double[] input(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(inputs, i * inputDim, (i + 1) * inputDim);
    }

    /** A copy of example i's target. */
    public double[] target(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(targets, i * outputDim, (i + 1) * outputDim);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("example index must be in [0, " + size + "), got " + i);
        }
    }

    @Override
    public String toString() {
        return String.format("Dataset[%s: n=%d, d=%d, k=%d, %s]", name, size, inputDim, outputDim,
                labels != null ? "classification" : "regression");
    }

    private static void requireFinite(String what, double[] a, int dim) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " must be finite: " + what + "[" + i + "] (example "
                        + (i / dim) + ", component " + (i % dim) + ") is " + a[i]);
            }
        }
    }
}
