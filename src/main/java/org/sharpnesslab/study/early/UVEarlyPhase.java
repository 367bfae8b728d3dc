package org.sharpnesslab.study.early;

import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.uv.EarlyTraining;
import org.sharpnesslab.uv.FirstStep;
import org.sharpnesslab.uv.UVModel;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One initialisation of the uv model on (x, y) = (1, 0) (002 §5, App. B): scans the learning-rate constant up to
 * divergence and returns its critical constants ({@link CriticalConstants}) with the three sharpness measures of
 * Fig. 7 (λ^H, tr H, ‖H‖_F²) and the barrier of Def. 3. A public class with a no-argument constructor, so a sweep
 * of it can run on a cluster.
 *
 * <p>Cell parameters: {@code width} (w), optional {@code scale} ("c": η = c/λ₀^H, the default; "k": η = k/tr H₀),
 * {@code steps} (T₁, default 10), {@code bisect} (bisection steps per boundary, default 0), {@code decimals}
 * (rounding of the ratios, default 2 as 002 App. C), {@code divergence} (K, default 10⁵) and the grid of
 * {@link CGrid#into} (default c = 2^x, x = −1, −0.9, …). The cell's seed is the initialisation's.
 *
 * <p>Outcome: lambda0 (λ₀^H), trace0 (tr H₀), loss0, then {@link CriticalConstants#outcome} with prefix "c" or "k"
 * (c_loss, c_sharp, c_trace, c_frob, c_max, c_barrier, …).
 *
 * <pre>{@code
 * Table t = CGrid.linear(0.5, 0.01).into(Sweep.grid().axis("width", 2, 16, 512)).seeds(500).run(new UVEarlyPhase());
 * CriticalConstants.summary(t, "width")
 * }</pre>
 */
public final class UVEarlyPhase implements Experiment {

    public UVEarlyPhase() {
    }

    @Override
    public Outcome run(Cell cell) {
        int w = cell.i("width");
        EarlyTraining.Scale scale = cell.has("scale") ? scaleOf(cell.s("scale")) : EarlyTraining.Scale.C;
        int steps = cell.has("steps") ? cell.i("steps") : 10;
        int bisect = cell.has("bisect") ? cell.i("bisect") : 0;
        int decimals = cell.has("decimals") ? cell.i("decimals") : CriticalConstants.PAPER_DECIMALS;
        Divergence rule = cell.has("divergence") ? Divergence.above(cell.d("divergence")) : Divergence.DEFAULT;
        UVModel m0 = UVModel.init(FirstStep.config(w), cell.seed());
        CriticalConstants cc = CriticalConstants.scan(CGrid.from(cell), c -> observe(m0, scale, c, steps, rule),
                bisect, decimals);
        Outcome head = Outcome.of("lambda0", m0.lambdaH(), "trace0", m0.lambda(), "loss0", m0.loss());
        Outcome o = cc.outcome(scale == EarlyTraining.Scale.C ? "c" : "k");
        for (var e : o.values().entrySet()) {
            head = head.with(e.getKey(), e.getValue());
        }
        return head;
    }

    /** One run of the uv model as an {@link EarlyObservation}. */
    public static EarlyObservation observe(UVModel m0, EarlyTraining.Scale scale, double c, int steps,
                                           Divergence rule) {
        EarlyTraining.Run r = EarlyTraining.run(m0, scale, c, steps, rule);
        return new EarlyObservation(c, r.maxLossRatio(), r.maxSharpnessRatio(), r.maxTraceRatio(),
                r.maxFrobeniusRatio(), r.barrierRatio(), r.diverged());
    }

    private static EarlyTraining.Scale scaleOf(String s) {
        return switch (s) {
            case "c" -> EarlyTraining.Scale.C;
            case "k" -> EarlyTraining.Scale.K;
            default -> throw new IllegalArgumentException("scale must be 'c' or 'k', got '" + s + "'");
        };
    }
}
