package org.sharpnesslab.study.eos;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sharpnesslab.uv.UVConfig;
import org.sharpnesslab.uv.UVModel;
import org.sharpnesslab.uv.UVRun;

import tech.tablesaw.api.Table;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One gradient-descent run of the UV model as a sweep cell: the learning rate η = c/λ^H₀ (000 §5.2 Result 1) at
 * width n, the paper's other defaults (‖x‖ = 1, y = 2, σ_w² = 1, NTP; 000 §4, App. C.5), the cell's seed for the
 * initialisation, {@code steps} steps.
 *
 * <p>Parameters: {@code c} (double &gt; 0), {@code n} (integer ≥ 1), {@code steps} (integer ≥ 1). Results:
 * {@code eta}, {@code lambda_h0} (λ^H at initialisation), {@code lambda_h_final} and {@code eta_lambda_h_final}
 * (ηλ^H_T: 2 is the edge of stability), {@code eta_lambda_h_late} (ηλ^H averaged over the last 10 % of the steps:
 * ≈ 2 at the edge of stability, below 2 once converged), {@code loss_final}, {@code loss_late_max} (the largest loss
 * over the last 10 %: ≈ 0 once converged, not at the edge of stability), {@code diverged} (the run's loss went non-finite or
 * above {@link UVModel#DIVERGENCE_LOSS}), {@code diverged_at} (the step, or −1); the final values are missing for
 * a diverged run. The trajectory is the run's table (step, df, lambda, lambda_h, loss, norm_u, norm_v,
 * eta_lambda), thinned to at most {@value #TRAJECTORY_ROWS} rows (every k-th step, the last one kept).
 */
public final class UVTraining implements Experiment {

    /** The most rows a kept trajectory has. */
    public static final int TRAJECTORY_ROWS = 1000;

    public UVTraining() {
    }

    @Override
    public Outcome run(Cell cell) {
        UVConfig config = UVConfig.builder().n(cell.i("n")).c(cell.d("c")).build();
        UVModel m0 = UVModel.init(config, cell.seed());
        double eta = m0.eta();
        UVRun run = m0.train(eta, cell.i("steps"));
        int last = run.lambdaH().length - 1;
        double lh = run.diverged() ? Double.NaN : run.lambdaH()[last];
        // late time: the last 10 % of the steps (at least one)
        double lateMean = Double.NaN;
        double lateLossMax = Double.NaN;
        if (!run.diverged()) {
            int from = Math.min(last, (int) Math.floor(0.9 * last));
            double sum = 0;
            lateLossMax = 0;
            for (int t = from; t <= last; t++) {
                sum += run.lambdaH()[t];
                lateLossMax = Math.max(lateLossMax, run.loss()[t]);
            }
            lateMean = eta * sum / (last - from + 1);
        }
        return Outcome.of("eta", eta, "lambda_h0", m0.lambdaH(), "lambda_h_final", lh, "eta_lambda_h_final", eta * lh,
                "eta_lambda_h_late", lateMean, "loss_final", run.diverged() ? Double.NaN : run.loss()[last],
                "loss_late_max", lateLossMax, "diverged", run.diverged(), "diverged_at", (long) run.divergedAt())
                .withTrajectory(thin(run.table()));
    }

    private static Table thin(Table t) {
        int rows = t.rowCount();
        if (rows <= TRAJECTORY_ROWS) {
            return t;
        }
        int every = (rows + TRAJECTORY_ROWS - 2) / (TRAJECTORY_ROWS - 1);
        int[] keep = new int[(rows - 1) / every + 2];
        int k = 0;
        for (int r = 0; r < rows - 1; r += every) {
            keep[k++] = r;
        }
        keep[k++] = rows - 1;
        return t.rows(java.util.Arrays.copyOf(keep, k));
    }

    @Override
    public Map<String, Class<?>> parameters() {
        Map<String, Class<?>> p = new LinkedHashMap<>();
        p.put("c", Double.class);
        p.put("n", Long.class);
        p.put("steps", Long.class);
        return p;
    }
}
