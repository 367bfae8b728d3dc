package org.sharpnesslab.alignment;

import org.sharpnesslab.spectrum.EigenResult;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of {@link ExponentialEuler} (004 §7.2): the per-step table, the snapshots of θ, and how it ended.
 *
 * @param options      the options that produced it (k resolved)
 * @param steps        the per-step table, see {@link #table()}
 * @param snapshots    θ every {@code snapshotEvery} steps, at step 0 and at the last step
 * @param finalParams  θ at the end (at divergence: the last finite θ)
 * @param stepCount    number of steps taken
 * @param time         the flow time t reached (Σ Δt)
 * @param reachedTarget whether the loss reached the target
 * @param diverged     whether the run diverged ({@link org.sharpnesslab.task.Divergence})
 * @param divergedAt   the step it diverged at, or −1
 */
public record EulerRun(EulerOptions options, Table steps, List<Snapshot> snapshots, double[] finalParams,
                       int stepCount, double time, boolean reachedTarget, boolean diverged, int divergedAt) {

    /**
     * One kept θ.
     *
     * @param step  the step
     * @param time  the flow time t
     * @param loss  L(θ)
     * @param theta θ (treat as read-only)
     */
    public record Snapshot(int step, double time, double loss, double[] theta) {
    }

    /**
     * One row per step. Columns: {@code step}, {@code time} (t before the step), {@code dt} (Δt, missing on the
     * final row), {@code loss}, {@code sharpness} (λ₁ by magnitude), {@code lambda_k1} (λ_{k+1}, which sets Δt),
     * {@code eta_sharpness} (η·λ₁: the solver stays stable above 2, GD could not), {@code eig_residual} (largest
     * relative residual of the k + 1 pairs), {@code eig_products}, {@code eig_converged}, {@code eig_lanczos} (whether
     * this step's pairs came from Lanczos: the first step, or the warm block power iteration missed the tolerance).
     */
    public Table table() {
        return steps;
    }

    /** The last loss. */
    public double finalLoss() {
        DoubleColumn c = steps.doubleColumn("loss");
        return c.get(c.size() - 1);
    }

    /** The largest sharpness met. */
    public double maxSharpness() {
        return steps.doubleColumn("sharpness").max();
    }

    @Override
    public String toString() {
        return String.format("EulerRun[steps=%d, t=%.4g, loss=%.4g, reached=%s, diverged=%s, snapshots=%d]",
                stepCount, time, finalLoss(), reachedTarget, diverged, snapshots.size());
    }

    /** Collects the rows. */
    static final class Recorder {
        private final int k;
        private final IntColumn step = IntColumn.create("step");
        private final DoubleColumn time = DoubleColumn.create("time");
        private final DoubleColumn dt = DoubleColumn.create("dt");
        private final DoubleColumn loss = DoubleColumn.create("loss");
        private final DoubleColumn sharp = DoubleColumn.create("sharpness");
        private final DoubleColumn k1 = DoubleColumn.create("lambda_k1");
        private final DoubleColumn etaSharp = DoubleColumn.create("eta_sharpness");
        private final DoubleColumn res = DoubleColumn.create("eig_residual");
        private final IntColumn products = IntColumn.create("eig_products");
        private final BooleanColumn conv = BooleanColumn.create("eig_converged");
        private final BooleanColumn lanczos = BooleanColumn.create("eig_lanczos");
        private double eta = Double.NaN;

        Recorder(int k) {
            this.k = k;
        }

        void eta(double e) {
            eta = e;
        }

        void add(int s, double t, double d, double l, EigenResult eig, int prods, boolean converged, boolean fallback) {
            step.append(s);
            time.append(t);
            dt.append(d);
            loss.append(l);
            if (eig == null) {
                sharp.append(Double.NaN);
                k1.append(Double.NaN);
                etaSharp.append(Double.NaN);
                res.append(Double.NaN);
            } else {
                sharp.append(eig.value(0));
                k1.append(eig.value(k));
                etaSharp.append(eta * eig.value(0));
                double worst = 0;
                for (int m = 0; m <= k; m++) {
                    worst = Math.max(worst, eig.residuals()[m] / Math.max(Math.abs(eig.value(0)), 1e-300));
                }
                res.append(worst);
            }
            products.append(prods);
            conv.append(converged);
            lanczos.append(fallback);
        }

        Table table() {
            return Table.create("exponential Euler", step, time, dt, loss, sharp, k1, etaSharp, res, products, conv, lanczos);
        }
    }
}
