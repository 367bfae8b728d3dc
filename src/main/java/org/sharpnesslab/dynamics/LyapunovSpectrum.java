package org.sharpnesslab.dynamics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Lyapunov exponents of an orbit ({@link Lyapunov}), with their running estimates for a convergence check.
 *
 * @param exponents      λ_1 ≥ … ≥ λ_k (per step, natural log), averaged over the steps completed
 * @param transientSteps steps discarded before averaging
 * @param steps          steps averaged over (fewer than asked if the orbit diverged)
 * @param diverged       whether the orbit became non-finite or left the bound
 * @param divergedAt     the step (counted after the transient, −1 if during it or not diverged)
 * @param checkpoints    the steps at which the running estimates were recorded
 * @param running        {@code running[c][i]} = estimate of λ_i after {@code checkpoints[c]} steps
 */
public record LyapunovSpectrum(double[] exponents, int transientSteps, int steps, boolean diverged, int divergedAt,
                               int[] checkpoints, double[][] running) {

    /** The largest exponent λ_1. */
    public double max() {
        return exponents[0];
    }

    /** Σ λ_i (for a map with constant Jacobian determinant: ln|det J|). */
    public double sum() {
        double s = 0;
        for (double e : exponents) {
            s += e;
        }
        return s;
    }

    /** The exponents λ_1 … λ_k, one row each: columns {@code index}, {@code exponent}. */
    public Table table() {
        int[] idx = new int[exponents.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i + 1;
        }
        return Table.create("lyapunov exponents").addColumns(IntColumn.create("index", idx),
                DoubleColumn.create("exponent", exponents));
    }

    /** The running estimates: columns {@code step}, {@code lambda_1} … {@code lambda_k}. */
    public Table convergence() {
        Table t = Table.create("lyapunov convergence").addColumns(IntColumn.create("step", checkpoints));
        for (int i = 0; i < exponents.length; i++) {
            double[] c = new double[checkpoints.length];
            for (int r = 0; r < c.length; r++) {
                c[r] = running[r][i];
            }
            t.addColumns(DoubleColumn.create("lambda_" + (i + 1), c));
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LyapunovSpectrum[");
        for (int i = 0; i < exponents.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.6f", exponents[i]));
        }
        return sb.append("; steps=").append(steps).append(diverged ? ", diverged" : "").append("]").toString();
    }
}
