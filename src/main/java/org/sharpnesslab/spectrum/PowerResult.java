package org.sharpnesslab.spectrum;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@link PowerIteration}: the dominant eigenpair estimate and its diagnostics.
 *
 * @param eigenvalue      the Rayleigh quotient λ = vᵀAv of the returned unit vector (an eigenvalue of A, not of
 *                        the shifted operator)
 * @param eigenvector     the returned unit vector v (length n); pass it as the start of the next call to warm-start
 * @param residual        ‖Av − λv‖₂ of exactly that v; some eigenvalue of A lies in [λ − residual, λ + residual]
 * @param iterations      number of products with A performed
 * @param converged       whether the convergence test of the options passed at the returned vector
 * @param stopReason      why the iteration stopped
 * @param rayleighHistory λ after each product (length {@code iterations})
 * @param residualHistory ‖Av − λv‖ after each product (length {@code iterations})
 * @param options         the options that produced this result (provenance)
 * @param warmStarted     whether a start vector was given (otherwise the seeded random start was used)
 */
public record PowerResult(double eigenvalue, double[] eigenvector, double residual, int iterations,
                          boolean converged, StopReason stopReason, double[] rayleighHistory,
                          double[] residualHistory, PowerOptions options, boolean warmStarted) {

    /** The residual relative to |λ|: ‖Av − λv‖ / |λ| (∞ when λ = 0 and the residual is not 0). */
    public double relativeResidual() {
        if (residual == 0) return 0;
        return residual / Math.abs(eigenvalue);
    }

    /** Diverged is never expected for a linear operator, but a NaN/Inf product is reported here. */
    public boolean nonFinite() {
        return stopReason == StopReason.NON_FINITE;
    }

    /**
     * The convergence history: columns {@code iteration} (1-based number of products), {@code rayleigh} (λ after
     * that product), {@code residual} (‖Av − λv‖) and {@code relative_residual} (residual / |λ|).
     */
    public Table table() {
        int m = rayleighHistory.length;
        int[] it = new int[m];
        double[] rel = new double[m];
        for (int i = 0; i < m; i++) {
            it[i] = i + 1;
            rel[i] = residualHistory[i] == 0 ? 0 : residualHistory[i] / Math.abs(rayleighHistory[i]);
        }
        return Table.create("power iteration",
                IntColumn.create("iteration", it),
                DoubleColumn.create("rayleigh", rayleighHistory.clone()),
                DoubleColumn.create("residual", residualHistory.clone()),
                DoubleColumn.create("relative_residual", rel));
    }

    @Override
    public String toString() {
        return String.format("PowerResult[lambda=%.10g, residual=%.3g, iterations=%d, converged=%s, stop=%s]",
                eigenvalue, residual, iterations, converged, stopReason);
    }
}
