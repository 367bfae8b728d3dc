package org.sharpnesslab.spectrum;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Top-k eigenpairs from {@link Lanczos} or {@link BlockPower}, in the order asked for (largest algebraic or
 * largest magnitude first), with per-pair diagnostics.
 *
 * @param method      "lanczos" or "block-power"
 * @param values      Ritz values, length k
 * @param vectors     Ritz vectors, {@code vectors[i]} belongs to {@code values[i]}, unit norm
 * @param residuals   ‖A y_i − θ_i y_i‖ (for Lanczos the estimate β_j |s_{j,i}|, equal to it up to rounding under
 *                    full reorthogonalisation); an eigenvalue of A lies within residuals[i] of values[i]
 * @param converged   whether each pair passed the relative residual test
 * @param iterations  number of products with A (Lanczos steps, or k per block-power sweep)
 * @param stopReason  why the solver stopped
 * @param seed        the seed of the random start
 */
public record EigenResult(String method, double[] values, double[][] vectors, double[] residuals,
                          boolean[] converged, int iterations, StopReason stopReason, long seed) {

    /** Number of pairs k. */
    public int k() {
        return values.length;
    }

    /**
     * True when every pair converged; false when no pair was found or a product was non-finite (a NaN operator has
     * converged to nothing: issue 20).
     */
    public boolean allConverged() {
        if (converged.length == 0 || stopReason == StopReason.NON_FINITE) return false;
        for (boolean c : converged) if (!c) return false;
        return true;
    }

    /** The i-th value (0-based). */
    public double value(int i) {
        return values[i];
    }

    /** The i-th vector (0-based). */
    public double[] vector(int i) {
        return vectors[i];
    }

    /** Columns {@code index} (1-based rank), {@code eigenvalue}, {@code residual}, {@code converged}. */
    public Table table() {
        int k = values.length;
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i + 1;
        BooleanColumn conv = BooleanColumn.create("converged");
        for (boolean c : converged) conv.append(c);
        return Table.create(method, IntColumn.create("index", idx),
                DoubleColumn.create("eigenvalue", values.clone()),
                DoubleColumn.create("residual", residuals.clone()), conv);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EigenResult[").append(method).append(", values=[");
        for (int i = 0; i < Math.min(values.length, 5); i++) {
            sb.append(i > 0 ? ", " : "").append(String.format("%.6g", values[i]));
        }
        if (values.length > 5) sb.append(", ...");
        return sb.append("], iterations=").append(iterations).append(", converged=").append(allConverged())
                .append(", stop=").append(stopReason).append(']').toString();
    }
}
