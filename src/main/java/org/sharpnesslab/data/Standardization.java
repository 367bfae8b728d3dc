package org.sharpnesslab.data;

import java.util.Arrays;

/**
 * Statistics for standardising inputs, estimated once on a training set and applied unchanged to any other set
 * (a test set is standardised with the <em>training</em> mean and std, never its own).
 *
 * <p>Three modes:
 * <ul>
 *   <li>{@link Mode#PER_FEATURE} (the default, what 000 App. B.1 and 002 App. A describe as "standardized to zero
 *       mean and unit variance across the feature dimensions"): for every input coordinate j (every pixel and
 *       colour channel), μ_j and σ_j over the training examples; x'_ij = (x_ij − μ_j) / σ_j.</li>
 *   <li>{@link Mode#PER_CHANNEL}: one μ_c, σ_c per colour channel over all pixels and training examples (the usual
 *       torchvision-style normalisation), for channel-major images of {@code channels} planes.</li>
 *   <li>{@link Mode#GLOBAL}: one μ, σ over every input entry of the training set.</li>
 * </ul>
 * σ is the population standard deviation (divide by n). A coordinate with σ = 0 on the training set (e.g. an
 * MNIST border pixel that is always 0) is only centred (divided by 1), so no NaN ever appears.
 *
 * @param mode     how the statistics are pooled
 * @param channels number of channel planes (1 unless {@code PER_CHANNEL})
 * @param mean     per-coordinate mean μ_j, length = input dimension (expanded from the pooled value)
 * @param std      per-coordinate divisor σ_j (1 where the training σ was 0), length = input dimension
 */
public record Standardization(Mode mode, int channels, double[] mean, double[] std) {

    /** How the standardisation statistics are pooled. */
    public enum Mode { PER_FEATURE, PER_CHANNEL, GLOBAL }

    public Standardization {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std must be non-empty arrays of equal length, were "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        if (channels < 1 || mean.length % channels != 0) {
            throw new IllegalArgumentException("channels must be >= 1 and divide the input dimension "
                    + mean.length + ", got " + channels);
        }
    }

    /** Per-feature statistics of {@code train} (000 App. B.1, 002 App. A). */
    public static Standardization perFeature(Dataset train) {
        org.sharpnesslab.task.Check.notNull("train", train);
        int n = train.size(), d = train.inputDim();
        double[] x = train.inputs();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            int off = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            int off = i * d;
            for (int j = 0; j < d; j++) {
                double c = x[off + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = divisor(Math.sqrt(var[j] / n));
        }
        return new Standardization(Mode.PER_FEATURE, 1, mean, std);
    }

    /**
     * Per-channel statistics of {@code train}, whose inputs are {@code channels} planes stored one after the other
     * (channel-major, as CIFAR-10 binary records are).
     */
    public static Standardization perChannel(Dataset train, int channels) {
        org.sharpnesslab.task.Check.notNull("train", train);
        int n = train.size(), d = train.inputDim();
        if (channels < 1 || d % channels != 0) {
            throw new IllegalArgumentException("channels must be >= 1 and divide inputDim " + d + ", got "
                    + channels);
        }
        int plane = d / channels;
        double[] x = train.inputs();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int off = i * d + c * plane;
                for (int p = 0; p < plane; p++) {
                    s += x[off + p];
                }
            }
            double m = s / ((double) n * plane);
            double v = 0;
            for (int i = 0; i < n; i++) {
                int off = i * d + c * plane;
                for (int p = 0; p < plane; p++) {
                    double e = x[off + p] - m;
                    v += e * e;
                }
            }
            double sd = divisor(Math.sqrt(v / ((double) n * plane)));
            Arrays.fill(mean, c * plane, (c + 1) * plane, m);
            Arrays.fill(std, c * plane, (c + 1) * plane, sd);
        }
        return new Standardization(Mode.PER_CHANNEL, channels, mean, std);
    }

    /** One mean and std over every input entry of {@code train}. */
    public static Standardization global(Dataset train) {
        org.sharpnesslab.task.Check.notNull("train", train);
        Standardization s = perChannel(train, 1);
        return new Standardization(Mode.GLOBAL, 1, s.mean, s.std);
    }

    /** Input dimension these statistics apply to. */
    public int inputDim() {
        return mean.length;
    }

    /**
     * A new dataset with inputs (x − μ) / σ; targets and labels are shared with {@code data} (not copied).
     *
     * @throws IllegalArgumentException if {@code data.inputDim()} differs from these statistics'
     */
    public Dataset apply(Dataset data) {
        org.sharpnesslab.task.Check.notNull("data", data);
        int d = data.inputDim();
        if (d != mean.length) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has inputDim " + d
                    + " but the standardisation was estimated for inputDim " + mean.length);
        }
        double[] x = data.inputs();
        double[] out = new double[x.length];
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            inv[j] = 1.0 / std[j];
        }
        for (int i = 0; i < data.size(); i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            int off = i * d;
            for (int j = 0; j < d; j++) {
                out[off + j] = (x[off + j] - mean[j]) * inv[j];
            }
        }
        return new Dataset(data.name() + " standardized", data.size(), d, data.outputDim(), out, data.targets(),
                data.labels());
    }

    private static double divisor(double sd) {
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }

    @Override
    public String toString() {
        return String.format("Standardization[%s, d=%d, channels=%d]", mode, mean.length, channels);
    }
}
