package org.sharpnesslab.study.early;

import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One initialisation of a network (and its SGD batch sequence): scans c = η λ₀^H upwards to the first divergence
 * and returns its critical constants c_loss, c_sharp, c_max, c_barrier (002 Defs. 1–3, {@link CriticalConstants}).
 * The network, data and training come from the cell ({@link EarlyNetwork}); the grid from {@link CGrid#from}
 * (default c = 2^x, x = −1, −0.9, … as 002 App. A); {@code bisect} [0] bisection steps per boundary,
 * the reading {@link CriticalConstants.Reading#from}: {@code c_max_reading} ["first_divergence"; or "largest_stable", 002
 * Def. 1], {@code decimals} [2] as 002 App. C, {@code sharp_epsilon} [0; 002 App. G.1 uses 0.05 for centred and
 * zero-init networks: the sharpness must exceed (1 + ε)λ₀^H]. A public class with a no-argument constructor (runs on a cluster too).
 *
 * <p>Outcome: lambda0 (λ₀^H), loss0, then c_loss, c_sharp, c_max, c_barrier, loss_seen, sharp_seen,
 * barrier_seen, max_censored, runs.
 *
 * <pre>{@code
 * Table t = CGrid.log2(0, 0.1).into(Sweep.grid().axis("width", 32, 64, 128).fixed("depth", 4)).seeds(5)
 *         .run(new NetworkEarlyPhase());
 * CriticalConstants.summary(t, "width")
 * }</pre>
 *
 * <p>To make each learning rate a cell of its own, use {@link NetworkEarlyRun} and {@link CriticalConstants#fromRuns}.
 */
public final class NetworkEarlyPhase implements Experiment {

    public NetworkEarlyPhase() {
    }

    @Override
    public Outcome run(Cell cell) {
        EarlyNetwork setup = EarlyNetwork.from(cell);
        int bisect = cell.has("bisect") ? cell.i("bisect") : 0;
        long seed = cell.seed();
        Outcome cc = CriticalConstants.scanOutcome(CGrid.from(cell), c -> setup.observe(c, seed), bisect,
                CriticalConstants.Reading.from(cell), "c");
        var r0 = setup.training(1).steps(0).run(seed);
        Outcome o = Outcome.of("lambda0", r0.lambda0(), "loss0", r0.lossValues()[0]);
        for (var e : cc.values().entrySet()) {
            o = o.with(e.getKey(), e.getValue());
        }
        return o;
    }
}
