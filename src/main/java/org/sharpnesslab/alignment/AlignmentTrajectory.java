package org.sharpnesslab.alignment;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;

/**
 * The decomposition of 004 §2.2 along a training run, one row per snapshot (004 §3: "for each snapshot, calculated
 * the top eigenvalues of G and H, ρ(K), E‖K‖², E‖Kⁱ‖², Π_χⁱ, P_{χ,Δ/χ}ⁱ, Π_Jⁱ and P_{Δ,J}ⁱ for all layers i"), and
 * the counterfactual bound of 004 §5.
 */
public final class AlignmentTrajectory {

    /** 004 §5: "we ignored the first ten iterations in our analyses". */
    public static final int TRANSIENT_STEPS = 10;

    private AlignmentTrajectory() {
    }

    /** {@link #of(Network, Dataset, Loss, List, AlignmentOptions)} with the default options. */
    public static Table of(Network net, Dataset data, Loss loss, List<EulerRun.Snapshot> snapshots) {
        return of(net, data, loss, snapshots, AlignmentOptions.DEFAULTS, false);
    }

    /**
     * The decomposition at every snapshot, as one wide table.
     *
     * <p>Columns: {@code step}, {@code time}, the columns of {@link Alignment#summary()} ({@code loss},
     * {@code accuracy}, {@code lambda_hessian}, {@code lambda_g}, {@code lambda_h} and their residuals and flags,
     * {@code e_k2}, {@code rho_k}, {@code e_k2_sum}, {@code examples}), then per layer i:
     * {@code e_k2_i} (i = 1..L), {@code chi2_i}, {@code j_norm2_i}, {@code r_delta_j_i}, {@code r_chi_i}
     * (i = 1..L−1), {@code pi_chi_i}, {@code p_chi_i}, {@code pi_j_i}, {@code p_delta_j_i} (i = 1..L), then
     * {@code e_delta_l2} (E‖Δᴸ‖²), {@code eq7_rel_error} (the worst over the layers), {@code j_residual} and
     * {@code j_unconverged} (worst / total over the layers).
     *
     * @param progress show a progress bar over the snapshots
     */
    public static Table of(Network net, Dataset data, Loss loss, List<EulerRun.Snapshot> snapshots,
                           AlignmentOptions options, boolean progress) {
        if (snapshots == null || snapshots.isEmpty()) {
            throw new IllegalArgumentException("snapshots must be a non-empty list");
        }
        Table out = null;
        try (ProgressBar bar = progress ? Progress.start("alignment", snapshots.size()) : null) {
            for (EulerRun.Snapshot s : snapshots) {
                Cancellation.checkpoint();
                Alignment a = JacobianAlignment.at(net, s.theta(), data, loss, options);
                Table row = row(a, s.step(), s.time());
                if (out == null) {
                    out = row.copy();
                    out.setName("alignment trajectory");
                } else {
                    out.append(row);
                }
                if (bar != null) bar.step();
            }
        }
        return out;
    }

    /** One row of {@link #of}: the alignment at a snapshot taken at this step and flow time. */
    public static Table row(Alignment a, int step, double time) {
        Table t = Table.create("alignment", IntColumn.create("step", new int[]{step}), DoubleColumn.create("time", new double[]{time}));
        t.addColumns(a.summary().columnArray());
        int depth = a.depth();
        for (int i = 1; i <= depth; i++) t.addColumns(DoubleColumn.create("e_k2_" + i, a.eDelta2(i)));
        for (int i = 1; i < depth; i++) {
            t.addColumns(DoubleColumn.create("chi2_" + i, a.chi2(i)),
                    DoubleColumn.create("j_norm2_" + i, a.jNorm2(i)),
                    DoubleColumn.create("r_delta_j_" + i, a.rDeltaJ(i)),
                    DoubleColumn.create("r_chi_" + i, a.rChi(i)));
        }
        double worst = 0;
        double jres = 0;
        int miss = 0;
        for (int i = 1; i <= depth; i++) {
            t.addColumns(DoubleColumn.create("pi_chi_" + i, a.piChi(i)), DoubleColumn.create("p_chi_" + i, a.pChi(i)),
                    DoubleColumn.create("pi_j_" + i, a.piJ(i)), DoubleColumn.create("p_delta_j_" + i, a.pDeltaJ(i)));
            worst = Math.max(worst, Math.abs(a.eq7(i) - a.eDelta2(i)) / a.eDelta2(i));
            if (i < depth) {
                jres = Math.max(jres, a.jResidual(i));
                miss += a.jUnconverged(i);
            }
        }
        return t.addColumns(DoubleColumn.create("e_delta_l2", a.eDelta2(depth)),
                DoubleColumn.create("eq7_rel_error", worst), DoubleColumn.create("j_residual", jres),
                IntColumn.create("j_unconverged", new int[]{miss}));
    }

    /**
     * The counterfactual bound of 004 §5: the sharpness if the alignments P_{Δ,J}ⁱ had stayed at their values after
     * the transient (the first snapshot at step ≥ {@code fromStep}),
     * <pre>
     *   λ₁^cf(t) = ρ(K)(t) · Σᵢ [P_{Δ,J}ⁱ(t₀) / P_{Δ,J}ⁱ(t)] · E‖Δⁱ‖²(t)   ≥ λ₁(G) had P_{Δ,J} stayed at P_{Δ,J}(t₀)
     * </pre>
     * by Eq. (3), Eq. (7) with P_{Δ,J}ⁱ(t) replaced by P_{Δ,J}ⁱ(t₀), and the triangle inequality of Eq. (8)
     * (E‖K‖² ≤ Σᵢ E‖Kⁱ‖²). 004 §5 prints the ratio the other way up (P(t)/P(0)), which multiplies in the growth
     * instead of removing it; the counterfactual needs P(0)/P(t).
     *
     * <p>Columns: {@code step}, {@code time}, {@code lambda_hessian}, {@code lambda_g}, {@code lambda_bound}
     * (ρ(K) Σᵢ E‖Kⁱ‖², the same bound with the actual alignments), {@code lambda_cf}.
     *
     * @param trajectory a table from {@link #of}
     * @param fromStep   the first step after the transient (004 §5: 10)
     */
    public static Table counterfactual(Table trajectory, int fromStep) {
        int depth = 0;
        while (trajectory.columnNames().contains("e_k2_" + (depth + 1))) depth++;
        if (depth < 2) throw new IllegalArgumentException("trajectory has no per-layer columns e_k2_i");
        IntColumn step = trajectory.intColumn("step");
        int ref = -1;
        for (int r = 0; r < trajectory.rowCount(); r++) {
            if (step.get(r) >= fromStep) {
                ref = r;
                break;
            }
        }
        if (ref < 0) throw new IllegalArgumentException("no snapshot at step >= " + fromStep);
        IntColumn s = IntColumn.create("step");
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn lh = DoubleColumn.create("lambda_hessian");
        DoubleColumn lg = DoubleColumn.create("lambda_g");
        DoubleColumn bound = DoubleColumn.create("lambda_bound");
        DoubleColumn cf = DoubleColumn.create("lambda_cf");
        for (int r = ref; r < trajectory.rowCount(); r++) {
            double rho = trajectory.doubleColumn("rho_k").get(r);
            double sumNow = 0;
            double sumCf = 0;
            for (int i = 1; i <= depth; i++) {
                double e = trajectory.doubleColumn("e_k2_" + i).get(r);
                double p0 = trajectory.doubleColumn("p_delta_j_" + i).get(ref);
                double pt = trajectory.doubleColumn("p_delta_j_" + i).get(r);
                sumNow += e;
                sumCf += e * p0 / pt;
            }
            s.append(step.get(r));
            time.append(trajectory.doubleColumn("time").get(r));
            lh.append(trajectory.doubleColumn("lambda_hessian").get(r));
            lg.append(trajectory.doubleColumn("lambda_g").get(r));
            bound.append(rho * sumNow);
            cf.append(rho * sumCf);
        }
        return Table.create("counterfactual bound (004 §5)", s, time, lh, lg, bound, cf);
    }

    /** 2 / max_t λ₁^cf(t): the largest η that would have been stable had the alignment not grown (004 §5). */
    public static double stableEta(Table counterfactual) {
        return 2 / counterfactual.doubleColumn("lambda_cf").max();
    }
}
