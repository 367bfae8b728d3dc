package org.sharpnesslab.spectrum;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A Hutchinson estimate of tr(A) with its standard error.
 *
 * @param estimate      the sample mean of zᵀAz
 * @param standardError the sample standard deviation of zᵀAz divided by √samples
 * @param samples       the per-probe values zᵢᵀAzᵢ, in order
 * @param seed          the seed of the Rademacher probes
 */
public record TraceEstimate(double estimate, double standardError, double[] samples, long seed) {

    /** Number of probes. */
    public int count() {
        return samples.length;
    }

    /** Columns {@code sample} (1-based), {@code value} (zᵀAz), {@code running_mean} (estimate from the first
     *  samples), {@code running_se} (its standard error; missing for the first sample). */
    public Table table() {
        int m = samples.length;
        int[] idx = new int[m];
        double[] mean = new double[m];
        DoubleColumn se = DoubleColumn.create("running_se");
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < m; i++) {
            idx[i] = i + 1;
            s += samples[i];
            s2 += samples[i] * samples[i];
            mean[i] = s / (i + 1);
            if (i == 0) {
                se.appendMissing();
            } else {
                double var = Math.max(0, (s2 - (i + 1) * mean[i] * mean[i]) / i);
                se.append(Math.sqrt(var / (i + 1)));
            }
        }
        return Table.create("hutchinson trace", IntColumn.create("sample", idx),
                DoubleColumn.create("value", samples.clone()), DoubleColumn.create("running_mean", mean), se);
    }

    @Override
    public String toString() {
        return String.format("TraceEstimate[trace=%.6g ± %.2g (1 s.e.), samples=%d, seed=%d]", estimate,
                standardError, samples.length, seed);
    }
}
