package org.sharpnesslab.study.early;

import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Experiment;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.training.TrainingRun;

/**
 * The critical constants c_loss, c_sharp, c_max of one initialisation (002 Def. 1, App. A, C) with the sharpness
 * measured only where c_sharp needs it. λ₀^H is measured once per initialisation; every grid value then trains at
 * η = c/λ₀^H. c_loss and c_max need only the loss: the grid ({@link CGrid#from}, default 002 App. A's c = 2^x,
 * Δx = 0.1) is walked upwards with loss-only runs (no Hessian product at all) to the first divergence, every
 * {@code walk} [1] grid values, the last step then bisected on the grid (the same constants as the full walk when
 * the loss rise and the divergence, once on, stay on inside that step). c_sharp needs λ^H_t at every step
 * t ∈ [0, T₁] of a run; {@code sharp_search} chooses where:
 * <ul>
 * <li>"gallop" [default]: from c_max downwards in steps of 1, 2, 4, … grid values while the sharpness rises, then
 *     bisection of the last step. The paper's minimum whenever the sharpness rises at every grid value from
 *     c_sharp to c_max (002 Fig. 2: the sharpness catapult, once on, stays on up to divergence); a lower isolated
 *     rise would be missed. About 2 log₂((x_max − x_sharp)/Δx) + 2 runs.</li>
 * <li>"down": the same assumption, one grid value at a time: (x_max − x_sharp)/Δx + 2 runs.</li>
 * <li>"scan": the paper's minimum literally: upwards from the grid's start until the sharpness rises (or c_max).
 *     Costs (x_sharp − x₀)/Δx + 1 runs, all to T₁.</li>
 * </ul>
 * Ratios are rounded to {@code decimals} [2] places before comparing with 1 (002 App. C), as in
 * {@link CriticalConstants}. Network, data and training come from the cell ({@link EarlyNetwork}: e.g.
 * {@code data=mnist, n=2048, width, depth, batch=512, steps=10}). A public class with a no-argument constructor,
 * so a sweep of it runs on a cluster.
 *
 * <p>Outcome: {@code lambda0} (λ₀^H), {@code loss0} (L₀), {@code c_loss}, {@code c_sharp}, {@code c_max},
 * {@code loss_seen}, {@code sharp_seen} (whether the loss / sharpness rose below c_max; if not the constant is
 * c_max), {@code max_censored} (no grid value diverged), {@code loss_runs} (loss-only runs), {@code sharp_runs}
 * (runs with λ^H at every step), {@code cpu_seconds} (the CPU time of the cell's thread: its cost).
 */
public final class CriticalSearch implements Experiment {

    public CriticalSearch() {
    }

    @Override
    public Outcome run(Cell cell) {
        EarlyNetwork setup = EarlyNetwork.from(cell);
        CGrid grid = CGrid.from(cell);
        int decimals = cell.has("decimals") ? cell.i("decimals") : CriticalConstants.PAPER_DECIMALS;
        String search = cell.has("sharp_search") ? cell.s("sharp_search") : "gallop";
        if (!search.equals("gallop") && !search.equals("down") && !search.equals("scan")) {
            throw new IllegalArgumentException("sharp_search must be 'gallop', 'down' or 'scan', was '" + search
                    + "'");
        }
        long seed = cell.seed();
        long cpu0 = cpuNanos();
        TrainingRun r0 = setup.training(1).steps(0).run(seed);
        double lambda0 = r0.lambda0();
        double loss0 = r0.lossValues()[0];

        // c_loss and c_max: loss-only runs up the grid to the first divergence (002 Def. 1, App. A)
        double[] values = grid.values();
        java.util.Map<Integer, EarlyObservation> runs = new java.util.HashMap<>();
        java.util.function.IntFunction<EarlyObservation> at = i -> runs.computeIfAbsent(i,
                j -> lossOnly(setup, values[j], lambda0, seed));
        int walk = cell.has("walk") ? cell.i("walk") : 1;
        if (walk < 1) {
            throw new IllegalArgumentException("walk must be >= 1, was " + walk);
        }
        int coarseDiverged = -1;
        int coarseLoss = -1;
        for (int i = 0; i < values.length; i = i + walk >= values.length && i < values.length - 1
                ? values.length - 1 : i + walk) {
            Cancellation.checkpoint();
            EarlyObservation o = at.apply(i);
            if (coarseLoss < 0 && lossEvent(o, decimals)) {
                coarseLoss = i;
            }
            if (o.diverged()) {
                coarseDiverged = i;
                break;
            }
        }
        // first diverged index d (bisection inside the last coarse step; every index when walk = 1)
        int d = coarseDiverged < 0 ? values.length : firstTrue(Math.max(-1, coarseDiverged - walk), coarseDiverged,
                i -> at.apply(i).diverged());
        int lossIndex = coarseLoss < 0 ? values.length : firstTrue(Math.max(-1, coarseLoss - walk), coarseLoss,
                i -> lossEvent(at.apply(i), decimals));
        double cMax = d == 0 ? Double.NaN : values[d - 1];
        boolean lossSeen = lossIndex < d;
        double cLoss = lossSeen ? values[lossIndex] : cMax;
        int lossRuns = runs.size();

        // c_sharp: runs with the sharpness at every step, only where the search needs them
        int top = d - 1;
        int[] sharpRuns = {0};
        java.util.function.IntPredicate rose = i -> {
            sharpRuns[0]++;
            return CriticalConstants.risen(withSharpness(setup, values[i], lambda0, seed), decimals);
        };
        double cSharp = cMax;
        boolean sharpSeen = false;
        if (top >= 0) {
            int first = switch (search) {
                case "scan" -> {
                    int f = top + 1;
                    for (int i = 0; i <= top; i++) {
                        if (rose.test(i)) {
                            f = i;
                            break;
                        }
                    }
                    yield f;
                }
                case "down" -> {
                    int f = top + 1;
                    for (int i = top; i >= 0 && rose.test(i); i--) {
                        f = i;
                    }
                    yield f;
                }
                default -> { // gallop down from c_max, then bisect the last step
                    if (!rose.test(top)) {
                        yield top + 1;
                    }
                    int j = top;
                    int step = 1;
                    while (true) {
                        int next = Math.max(0, j - step);
                        if (next == j) {
                            yield j;
                        }
                        if (rose.test(next)) {
                            j = next;
                            step *= 2;
                        } else {
                            yield firstTrue(next, j, rose::test);
                        }
                    }
                }
            };
            if (first <= top) {
                cSharp = values[first];
                sharpSeen = true;
            }
        }
        CriticalConstants lc = new CriticalConstants(cLoss, cSharp, Double.NaN, Double.NaN, cMax, Double.NaN,
                lossSeen, sharpSeen, false, d == values.length, lossRuns + sharpRuns[0]);
        return Outcome.of("lambda0", lambda0, "loss0", loss0, "c_loss", lc.cLoss(), "c_sharp", lc.cSharp(),
                "c_max", lc.cMax(), "loss_seen", lc.lossSeen(), "sharp_seen", lc.sharpSeen(), "max_censored",
                lc.maxCensored(), "loss_runs", lossRuns, "sharp_runs", sharpRuns[0], "cpu_seconds", (cpuNanos() - cpu0) / 1e9);
    }

    /** This thread's CPU time (ns), or 0 where the JVM cannot tell. */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : 0;
    }

    private static boolean lossEvent(EarlyObservation o, int decimals) {
        return o.diverged() || CriticalConstants.risen(o.maxLossRatio(), decimals);
    }

    /** The smallest i in (lo, hi] with the event, by bisection (the event false at lo, true at hi; monotone between). */
    static int firstTrue(int lo, int hi, java.util.function.IntPredicate event) {
        while (hi - lo > 1) {
            int m = (lo + hi) >>> 1;
            if (event.test(m)) {
                hi = m;
            } else {
                lo = m;
            }
        }
        return hi;
    }

    /** One run at η = c/λ₀ without any Hessian product: max_{t∈[1,T₁]} L_t/L₀ and the divergence flag. */
    static EarlyObservation lossOnly(EarlyNetwork setup, double c, double lambda0, long seed) {
        TrainingRun r = setup.training(c).eta(c / lambda0).sharpnessEvery(0).run(seed);
        double[] loss = r.lossValues();
        double ml = Double.NEGATIVE_INFINITY;
        int end = r.diverged() ? r.divergedAt() : r.rows();
        for (int t = 1; t < end; t++) {
            ml = Math.max(ml, loss[t] / loss[0]);
        }
        return new EarlyObservation(c, r.diverged() ? Double.POSITIVE_INFINITY : ml, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, r.diverged());
    }

    /** max_{t∈[1,T₁]} λ^H_t/λ^H₀ of one run at η = c/λ₀ with the sharpness at every step (+∞ if it diverged). */
    static double withSharpness(EarlyNetwork setup, double c, double lambda0, long seed) {
        TrainingRun r = setup.training(c).eta(c / lambda0).sharpnessEvery(1).run(seed);
        if (r.diverged()) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sh = r.sharpness();
        double ms = Double.NEGATIVE_INFINITY;
        for (int t = 1; t < r.rows(); t++) {
            ms = Math.max(ms, sh[t] / sh[0]);
        }
        return ms;
    }
}
