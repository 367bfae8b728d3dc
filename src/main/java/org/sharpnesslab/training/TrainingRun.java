package org.sharpnesslab.training;

import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;

/**
 * The result of {@link Training#run(long)}: per-step arrays for the states θ₀, θ₁, … (row t = state before update
 * t+1) with NaN where a quantity was not measured, the divergence flag, and the final parameters.
 *
 * @param network        the trained network (centred at θ₀ if the run was centred)
 * @param dataset        the dataset's name
 * @param loss           the loss
 * @param batchSize      B (= n for GD)
 * @param eta            the learning rate used
 * @param c              the learning-rate constant c = η λ₀^H if given, else NaN
 * @param momentum       μ
 * @param seed           the seed of the run
 * @param lambda0        λ₀^H measured at initialisation (NaN if not measured)
 * @param rows           number of recorded states
 * @param lossValues     full-batch training loss L(θ_t)
 * @param accuracy       full-batch accuracy ({@link Metrics#accuracy})
 * @param sharpness      λ^H_t when measured, else NaN
 * @param residual       the power iteration's residual ‖Hv − λv‖ when measured, else NaN
 * @param ntkSharpness   λ^K_t when tracked and measured (null if not tracked)
 * @param trace          Hutchinson estimate of tr ∇²L when tracked and measured (null if not tracked)
 * @param gradNorm       ‖g_t‖ of the gradient used for the update (the mini-batch gradient for SGD)
 * @param weightNorm     ‖θ_t‖
 * @param layerNorms     layerNorms[l][t] = ‖θ_t of layer l+1‖ (weights and bias)
 * @param diverged       whether the loss became non-finite or exceeded the threshold K
 * @param divergedAt     the step at which it did (−1 if not)
 * @param finalParams    θ at the end (at divergence: the diverged parameters)
 * @param sharpnessIterations the eigen-solver's number of Hessian-vector products for each measured λ^H_t, −1
 *                       where not measured
 * @param sharpnessOptions how λ^H was measured ({@link Sharpness})
 * @param tracked        optional tracked columns by name, in table order ({@link Training#trackLambdaMin}:
 *                       lambda_min, lambda_min_residual; {@link Training#trackLayerBlocks}: block_sharpness_l,
 *                       block_residual_l), NaN where not measured; empty when nothing optional was tracked
 */
public record TrainingRun(Network network, String dataset, Loss loss, int batchSize, double eta, double c,
                          double momentum, long seed, double lambda0, int rows, double[] lossValues,
                          double[] accuracy, double[] sharpness, double[] residual, double[] ntkSharpness,
                          double[] trace, double[] gradNorm, double[] weightNorm, double[][] layerNorms, boolean diverged,
                          int divergedAt, double[] finalParams, int[] sharpnessIterations,
                          Sharpness sharpnessOptions, java.util.Map<String, double[]> tracked) {

    /** Copies the tracked columns (an unmodifiable map; null means none). */
    public TrainingRun {
        tracked = tracked == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tracked));
    }

    /** The run without optional tracked columns. */
    public TrainingRun(Network network, String dataset, Loss loss, int batchSize, double eta, double c,
                       double momentum, long seed, double lambda0, int rows, double[] lossValues,
                       double[] accuracy, double[] sharpness, double[] residual, double[] ntkSharpness,
                       double[] trace, double[] gradNorm, double[] weightNorm, double[][] layerNorms,
                       boolean diverged, int divergedAt, double[] finalParams, int[] sharpnessIterations,
                       Sharpness sharpnessOptions) {
        this(network, dataset, loss, batchSize, eta, c, momentum, seed, lambda0, rows, lossValues, accuracy,
                sharpness, residual, ntkSharpness, trace, gradNorm, weightNorm, layerNorms, diverged, divergedAt,
                finalParams, sharpnessIterations, sharpnessOptions, null);
    }

    /**
     * The run without per-step solver counts (all −1) and with the papers' 20-step protocol recorded as the
     * measurement: the record's shape before converged tracking.
     */
    public TrainingRun(Network network, String dataset, Loss loss, int batchSize, double eta, double c,
                       double momentum, long seed, double lambda0, int rows, double[] lossValues,
                       double[] accuracy, double[] sharpness, double[] residual, double[] ntkSharpness,
                       double[] trace, double[] gradNorm, double[] weightNorm, double[][] layerNorms,
                       boolean diverged, int divergedAt, double[] finalParams) {
        this(network, dataset, loss, batchSize, eta, c, momentum, seed, lambda0, rows, lossValues, accuracy,
                sharpness, residual, ntkSharpness, trace, gradNorm, weightNorm, layerNorms, diverged, divergedAt,
                finalParams, minusOnes(rows), Sharpness.papers20());
    }

    private static int[] minusOnes(int n) {
        if (n < 0 || n > Check.MAX_ARRAY) {
            throw Check.range("rows", "in [0, " + Check.MAX_ARRAY + "]", n);
        }
        Check.memory(n / 2 + 1, true, "solver counts of " + n + " rows (ints)");
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        return a;
    }

    /**
     * The run as a table, one row per recorded state. Columns: {@code step}, {@code loss}, {@code accuracy},
     * {@code sharpness} (missing when not measured), {@code sharpness_residual} (‖Hv − λv‖ of that measurement:
     * an eigenvalue of ∇²L lies within it), {@code sharpness_relative_residual} (residual / |λ|),
     * {@code sharpness_iterations} (Hessian-vector products the solver used; missing when not measured),
     * {@code ntk_sharpness} and {@code trace} (only when tracked), {@code eta_sharpness} (η λ^H, compare with 2), {@code grad_norm}, {@code weight_norm},
     * {@code weight_norm_1} … {@code weight_norm_d}, then the optional {@link #tracked} columns
     * ({@code lambda_min}, {@code lambda_min_residual}, {@code block_sharpness_l}, {@code block_residual_l}). A
     * diverged run ends at the row of the diverged step (its loss
     * missing if non-finite).
     */
    public Table table() {
        int[] steps = new int[rows];
        double[] es = new double[rows];
        double[] rel = new double[rows];
        IntColumn its = IntColumn.create("sharpness_iterations");
        for (int t = 0; t < rows; t++) {
            steps[t] = t;
            es[t] = eta * sharpness[t];
            rel[t] = residual[t] == 0 ? 0 : residual[t] / Math.abs(sharpness[t]);
            if (sharpnessIterations[t] < 0) {
                its.appendMissing();
            } else {
                its.append(sharpnessIterations[t]);
            }
        }
        Table table = Table.create("training " + dataset,
                IntColumn.create("step", steps),
                DoubleColumn.create("loss", lossValues),
                DoubleColumn.create("accuracy", accuracy),
                DoubleColumn.create("sharpness", sharpness),
                DoubleColumn.create("sharpness_residual", residual),
                DoubleColumn.create("sharpness_relative_residual", rel), its);
        if (ntkSharpness != null) {
            table.addColumns(DoubleColumn.create("ntk_sharpness", ntkSharpness));
        }
        if (trace != null) {
            table.addColumns(DoubleColumn.create("trace", trace));
        }
        table.addColumns(DoubleColumn.create("eta_sharpness", es), DoubleColumn.create("grad_norm", gradNorm),
                DoubleColumn.create("weight_norm", weightNorm));
        for (int l = 0; l < layerNorms.length; l++) {
            table.addColumns(DoubleColumn.create("weight_norm_" + (l + 1), layerNorms[l]));
        }
        tracked.forEach((name, v) -> table.addColumns(DoubleColumn.create(name, v)));
        return table;
    }

    /** The last finite loss. */
    public double finalLoss() {
        for (int t = rows - 1; t >= 0; t--) {
            if (!Double.isNaN(lossValues[t])) {
                return lossValues[t];
            }
        }
        return Double.NaN;
    }

    /** The last measured sharpness (NaN if none). */
    public double finalSharpness() {
        for (int t = rows - 1; t >= 0; t--) {
            if (!Double.isNaN(sharpness[t])) {
                return sharpness[t];
            }
        }
        return Double.NaN;
    }

    /**
     * One line: the setup, then how it ended — {@code final loss=…, final sharpness=…} for a run that finished, or
     * {@code DIVERGED at step t (loss=… > K)} with the last finite loss and the last measured sharpness (and their
     * steps) for one that diverged; a sharpness never measured is said so, never printed as NaN.
     */
    @Override
    public String toString() {
        String ending;
        if (diverged) {
            double at = divergedAt >= 0 && divergedAt < lossValues.length ? lossValues[divergedAt] : Double.NaN;
            int lastLoss = lastFinite(lossValues, divergedAt);
            int lastSharp = lastFinite(sharpness, rows);
            ending = String.format("DIVERGED at step %d (loss=%.4g), last finite loss=%s, last sharpness=%s",
                    divergedAt, at, lastLoss < 0 ? "none" : String.format("%.4g at step %d", lossValues[lastLoss],
                            lastLoss), lastSharp < 0 ? "not measured" : String.format("%.4g at step %d",
                            sharpness[lastSharp], lastSharp));
        } else {
            double s = finalSharpness();
            ending = String.format("final loss=%.4g, final sharpness=%s", finalLoss(),
                    Double.isNaN(s) ? "not measured" : String.format("%.4g", s));
        }
        return String.format("TrainingRun[%s, %s, B=%d, η=%.4g, %s, %d states, %s, seed=%d, %s]", dataset,
                loss, batchSize, eta, Double.isNaN(lambda0) ? "λ₀^H not measured" : String.format("λ₀^H=%.4g", lambda0),
                rows, ending, seed, sharpnessOptions);
    }

    /** The last index below {@code end} (and within the array) with a finite value, or −1. */
    private static int lastFinite(double[] values, int end) {
        for (int t = Math.min(end, values.length) - 1; t >= 0; t--) {
            if (Double.isFinite(values[t])) {
                return t;
            }
        }
        return -1;
    }
}
