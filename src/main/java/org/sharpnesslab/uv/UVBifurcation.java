package org.sharpnesslab.uv;

import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Lyapunov;
import org.sharpnesslab.dynamics.FlipCascade;
import org.sharpnesslab.dynamics.Periods;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The bifurcation diagrams of 000 Fig. 3: late-time λ against η, (a) from the EoS map (Eq. 3) and (b) from
 * gradient descent on the full UV model, each with the Lyapunov exponent per η.
 */
public final class UVBifurcation {

    private UVBifurcation() {
    }

    /**
     * Fig. 3a: the EoS map's diagram over {@code etas} (dyn's {@link Bifurcation#diagram} on the Map1D form of
     * Eq. 3, every η started afresh from Δf = 0.05 y, so that no η inherits an orbit already collapsed onto Δf = 0), with Lyapunov exponents. Values are Δf; λ = 2x̃(Δf + y) on the
     * manifold ({@link EoSMap#lambdaOf}).
     */
    public static BifurcationDiagram eosMap(EoSMap base, double[] etas, int transientSteps, int keep) {
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(transientSteps).withKeep(keep)
                .withLyapunov(true).withReseed(true);
        return Bifurcation.diagram(eta -> base.withEta(eta).asMap1D(), etas, new double[] {0.05 * base.y()}, 0, o);
    }

    /**
     * Fig. 3b: for each η, the model {@code UVModel.init(config, seed)} (the same initial parameters for every η)
     * trained by GD for {@code transientSteps}, then λ = Tr H recorded over {@code keep} steps. Runs the η values
     * in parallel. Per η also the period of the kept λ (dyn's {@link Periods#ofSeries}, tolerance 1e-6) and the
     * largest Lyapunov exponent of the function-space map (Eqs. 1–2) from the same (Δf₀, λ₀) (dyn's QR spectrum,
     * over the same steps); −1 period / NaN exponent where the run diverged.
     *
     * @return dyn's diagram record (values are λ; the {@code options} field records transient and keep)
     */
    public static BifurcationDiagram fullModel(UVConfig config, double[] etas, int transientSteps, int keep,
            long seed) {
        org.sharpnesslab.task.Check.notNull("config", config);
        org.sharpnesslab.task.Check.finite(etas, "etas");
        if (keep < 0) {
            throw org.sharpnesslab.task.Check.range("keep", ">= 0", keep);
        }
        org.sharpnesslab.task.Check.memory(keep, true, "kept lambdas");
        org.sharpnesslab.task.Check.memory(org.sharpnesslab.task.Check.product(etas.length, keep), false,
                "kept lambdas of " + etas.length + " learning rates");
        UVModel m0 = UVModel.init(config, seed);
        double df0 = m0.df();
        double l0 = m0.lambda();
        int n = etas.length;
        double[][] kept = new double[n][];
        int[] period = new int[n];
        double[] lyap = new double[n];
        // seconds for a wide model and a fine η grid: a bar over the η values
        try (org.sharpnesslab.task.ProgressBar bar = org.sharpnesslab.task.Progress.start("bifurcation diagram", n)) {
            org.sharpnesslab.task.Parallel.forEach(n, i -> {
                kept[i] = m0.lateLambdas(etas[i], transientSteps, keep);
                if (kept[i] == null) {
                    period[i] = Periods.DIVERGED;
                    lyap[i] = Double.NaN;
                } else {
                    period[i] = Periods.ofSeries(kept[i], 0, keep, Math.min(64, keep / 2), 1e-6);
                    var spec = Lyapunov.spectrum(UVMap.of(config, etas[i]), new double[] {df0, l0}, transientSteps,
                            keep);
                    lyap[i] = spec.diverged() ? Double.NaN : spec.max();
                }
                bar.step();
            });
        }
        int count = 0;
        for (double[] k : kept) {
            if (k != null) {
                count += keep;
            }
        }
        double[] param = new double[count];
        double[] value = new double[count];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i] != null) {
                for (double v : kept[i]) {
                    param[c] = etas[i];
                    value[c++] = v;
                }
            }
        }
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(transientSteps).withKeep(keep)
                .withLyapunov(true).withReseed(true);
        return new BifurcationDiagram(etas.clone(), param, value, period, lyap, 1, o);
    }

    /**
     * The period-doubling cascade of the EoS map (000 §5.2, Fig. 3a): dyn's {@link FlipCascade#find} on
     * η ↦ Eq. 3, from η = η_c/2 (Δf = 0 attracting) up to η_upper = 2η_c, started at Δf = 0.05y.
     *
     * @return columns k (0 = the fixed point Δf = 0 flips), period (2^k, the cycle that loses stability),
     *         eta (the flip), eta_over_eta_c, gap (η_k − η_{k−1}), delta (gap_{k−1}/gap_k → Feigenbaum's 4.6692…)
     */
    public static Table cascade(EoSMap base, int count) {
        double etaC = base.etaC();
        FlipCascade c = FlipCascade.find(eta -> base.withEta(eta).asMap1D(),
                new double[] {0.05 * base.y()}, 0.5 * etaC, 2 * etaC, count);
        Table t = c.table();
        t.setName("period-doubling cascade of the EoS map (000 Eq. 3), eta_c=" + etaC + " (" + c.stop() + ")");
        t.column("r").setName("eta");
        double[] ratio = new double[c.points().length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = c.points()[i] / etaC;
        }
        t.insertColumn(3, DoubleColumn.create("eta_over_eta_c", ratio));
        return t;
    }
}
