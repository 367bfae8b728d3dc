package org.sharpnesslab.study.early;

import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * The normalised sharpness in the intermediate saturation regime (002 §3, App. I.1) for one network
 * initialisation at one c (cell parameter {@code c}): τ = round({@code ctau}/c) with cτ = 200 by default, the
 * sharpness averaged over t ∈ [τ − {@code half_window}, τ + {@code half_window}] (5 in the paper) and divided by
 * λ₀^H. Network, data and training from {@link EarlyNetwork}. The run is trained to τ − 5 at η = c/λ₀^H, then
 * continued at the same η from there with the sharpness measured every step; for SGD the continuation draws a
 * fresh batch sequence (seed + 7).
 *
 * <p>Outcome: tau, lambda0, lambda_tau (the window average), ratio (λ_τ/λ₀; missing if the run diverged), diverged.
 * Feed a sweep of these to {@link SaturationCurve#fromRuns}(table, "ratio", filter).
 */
public final class NetworkSaturation implements Experiment {

    public NetworkSaturation() {
    }

    @Override
    public Outcome run(Cell cell) {
        EarlyNetwork setup = EarlyNetwork.from(cell);
        double c = cell.d("c");
        double ctau = cell.has("ctau") ? cell.d("ctau") : 200;
        int half = cell.has("half_window") ? cell.i("half_window") : 5;
        int tau = (int) Math.round(ctau / c);
        int start = Math.max(0, tau - half);
        TrainingRun first = setup.training(c).steps(start).run(cell.seed());
        double lambda0 = first.lambda0();
        if (first.diverged()) {
            return Outcome.of("tau", tau, "lambda0", lambda0, "lambda_tau", Double.NaN, "ratio", Double.NaN,
                    "diverged", true);
        }
        // first.network() is the trained model (already centred at θ₀ for the centred variant)
        var t = setup.batch() == 0 ? org.sharpnesslab.training.Training.gd(first.network(), setup.data())
                : org.sharpnesslab.training.Training.sgd(first.network(), setup.data(), setup.batch());
        TrainingRun second = t.eta(first.eta()).from(first.finalParams()).steps(tau + half - start)
                .sharpnessEvery(1).divergence(setup.rule().threshold()).progress(false)
                .run(cell.seed() + 7);
        if (second.diverged()) {
            return Outcome.of("tau", tau, "lambda0", lambda0, "lambda_tau", Double.NaN, "ratio", Double.NaN,
                    "diverged", true);
        }
        double s = 0;
        int k = 0;
        for (int i = 0; i < second.rows(); i++) {
            int step = start + i;
            if (step >= tau - half && step <= tau + half) {
                s += second.sharpness()[i];
                k++;
            }
        }
        double lt = s / k;
        return Outcome.of("tau", tau, "lambda0", lambda0, "lambda_tau", lt, "ratio", lt / lambda0, "diverged", false);
    }
}
