package org.sharpnesslab.data;

import java.util.Arrays;

/**
 * Preprocessing verbs as the papers use them: standardised inputs and one-hot targets (000 App. B.1, 002 App. A:
 * "We standardized the images and used one-hot encoding for the labels"). Every verb returns a new
 * {@link Dataset}; none modifies its argument.
 *
 * <p>Which standardisation: 000 App. B.1 says "standardized to have zero mean and unit variance across the feature
 * dimensions". We read it as per-feature statistics over the training examples ({@link #standardize}, the
 * default everywhere); the other reading, each example centred and scaled across its own features, is
 * {@link #standardizePerExample}. Neither paper scales the one-hot targets (002 App. H scales the network output
 * by α instead, which belongs to the network); {@link #scaleTargets} is there for experiments that want it.
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * The dataset with every input coordinate standardised by its own mean and std over the examples (per-feature,
     * see {@link Standardization#perFeature}). Use {@link #standardize(Dataset, Dataset)} when a test set must get
     * the same statistics.
     */
    public static Dataset standardize(Dataset data) {
        return Standardization.perFeature(data).apply(data);
    }

    /**
     * Train and test standardised with the <em>training</em> set's per-feature mean and std (000 App. B.1): the
     * test set's own statistics are never used.
     */
    public static Split standardize(Dataset train, Dataset test) {
        org.sharpnesslab.task.Check.notNull("train", train);
        org.sharpnesslab.task.Check.notNull("test", test);
        Standardization s = Standardization.perFeature(train);
        return new Split(s.apply(train), s.apply(test));
    }

    /**
     * Every example standardised across its own features: x'_ij = (x_ij − m_i) / s_i with m_i, s_i the mean and
     * population std of example i's d inputs (an example with s_i = 0 is only centred). Needs no training
     * statistics, so train and test are treated alike.
     */
    public static Dataset standardizePerExample(Dataset data) {
        org.sharpnesslab.task.Check.notNull("data", data);
        int n = data.size(), d = data.inputDim();
        double[] x = data.inputs();
        double[] out = new double[x.length];
        for (int i = 0; i < n; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            int off = i * d;
            double m = 0;
            for (int j = 0; j < d; j++) {
                m += x[off + j];
            }
            m /= d;
            double v = 0;
            for (int j = 0; j < d; j++) {
                double c = x[off + j] - m;
                v += c * c;
            }
            double sd = Math.sqrt(v / d);
            double inv = sd > 0 ? 1.0 / sd : 1.0;
            for (int j = 0; j < d; j++) {
                out[off + j] = (x[off + j] - m) * inv;
            }
        }
        return new Dataset(data.name() + " standardized per example", n, d, data.outputDim(), out, data.targets(),
                data.labels());
    }

    /**
     * One-hot rows for {@code labels}: row i has 1 at column labels[i] and 0 elsewhere (n×k row-major).
     *
     * @param labels class labels in [0, k)
     * @param k      number of classes ≥ 1
     */
    public static double[] oneHot(int[] labels, int k) {
        return oneHot(labels, k, 1.0, 0.0);
    }

    /**
     * Rows with {@code on} at the label's column and {@code off} elsewhere (e.g. on = 1, off = −1/(k−1) for
     * zero-mean targets). The papers use the plain 0/1 encoding ({@link #oneHot(int[], int)}).
     */
    public static double[] oneHot(int[] labels, int k, double on, double off) {
        org.sharpnesslab.task.Check.notNull("labels", labels);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        org.sharpnesslab.task.Check.memory((long) labels.length * k, true, "one-hot targets of " + labels.length + " labels, " + k
                + " classes");
        double[] y = new double[labels.length * k];
        Arrays.fill(y, off);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, " + k
                        + ")");
            }
            y[i * k + labels[i]] = on;
        }
        return y;
    }

    /**
     * A classification dataset from flat inputs (n×d row-major) and labels, with one-hot targets.
     */
    public static Dataset labelled(String name, double[] inputs, int inputDim, int[] labels, int numClasses) {
        org.sharpnesslab.task.Check.notNull("labels", labels);
        return new Dataset(name, labels.length, inputDim, numClasses, inputs, oneHot(labels, numClasses),
                labels.clone());
    }

    /** The dataset with targets multiplied by {@code factor} (inputs and labels shared). */
    public static Dataset scaleTargets(Dataset data, double factor) {
        org.sharpnesslab.task.Check.notNull("data", data);
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor must be finite, got " + factor);
        }
        double[] y = data.targets().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= factor;
        }
        return new Dataset(data.name() + " targets×" + factor, data.size(), data.inputDim(), data.outputDim(),
                data.inputs(), y, data.labels());
    }

    /** The dataset with inputs multiplied by {@code factor} (e.g. 1/255 for raw pixel values). */
    public static Dataset scaleInputs(Dataset data, double factor) {
        org.sharpnesslab.task.Check.notNull("data", data);
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor must be finite, got " + factor);
        }
        double[] x = data.inputs().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
        return new Dataset(data.name() + " inputs×" + factor, data.size(), data.inputDim(), data.outputDim(), x,
                data.targets(), data.labels());
    }

    /** The same dataset under another name. */
    public static Dataset rename(Dataset data, String name) {
        org.sharpnesslab.task.Check.notNull("data", data);
        return new Dataset(name, data.size(), data.inputDim(), data.outputDim(), data.inputs(), data.targets(),
                data.labels());
    }
}
