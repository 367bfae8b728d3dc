package org.sharpnesslab.study.early;

import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One network run at one learning-rate constant (cell parameter {@code c}): the observables of 002 Defs. 1–2 for
 * the first T₁ steps. A sweep over (c, seed, …) of these, then {@link CriticalConstants#fromRuns}, gives the same
 * constants as {@link NetworkEarlyPhase} with every learning rate a cell of its own (the sweep's fixed
 * {@code sharp_epsilon}, {@code decimals}, {@code c_max_reading} reach {@code fromRuns} as columns and are honoured there) (cells above the divergence
 * cost one diverging run each, which stops at once). Network, data and training from {@link EarlyNetwork}.
 *
 * <p>Outcome: max_loss_ratio, max_sharpness_ratio (max over t ∈ [1, T₁]; missing when the run diverged),
 * barrier_ratio (max_s L_int(s)/L₀, missing when it diverged), diverged.
 */
public final class NetworkEarlyRun implements Experiment {

    public NetworkEarlyRun() {
    }

    @Override
    public Outcome run(Cell cell) {
        EarlyObservation o = EarlyNetwork.from(cell).observe(cell.d("c"), cell.seed());
        return Outcome.of("max_loss_ratio", o.diverged() ? Double.NaN : o.maxLossRatio(),
                "max_sharpness_ratio", o.diverged() ? Double.NaN : o.maxSharpnessRatio(),
                "barrier_ratio", o.barrierRatio(), "diverged", o.diverged());
    }
}
