package org.sharpnesslab.uv;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.task.Parallel;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Early training of the uv model on (x, y) = (1, 0) (002 §5, App. B): what one initialisation does in its first
 * T₁ steps at one learning rate, measured with the three sharpness measures of Fig. 7 — the top Hessian eigenvalue
 * λ^H (closed form, {@link UVModel#sharpness}), the trace tr H (Eq. 6) and ‖H‖_F² (Eq. 7) — plus the interpolated
 * loss barrier U of Def. 2 (exact: along θ₀ → θ_T the output is a quadratic in s, so the maximum of L = f²/2 on
 * [0, 1] is at an end point or at the vertex).
 *
 * <pre>{@code
 * UVModel m = UVModel.init(FirstStep.config(16), seed);
 * EarlyTraining.Run r = EarlyTraining.run(m, EarlyTraining.Scale.C, 2.5, 10, Divergence.DEFAULT);
 * r.maxLossRatio()      // max_{t∈[1,T₁]} L_t/L₀
 * }</pre>
 */
public final class EarlyTraining {

    /** How the learning-rate constant is read (002 §5): η = c/λ₀^H or η = k/tr H₀. */
    public enum Scale {
        /** η = c/λ₀^H (Fig. 7a). */
        C,
        /** η = k/tr H₀ (Fig. 7b, c). */
        K
    }

    private EarlyTraining() {
    }

    /**
     * What one run did in its first T₁ steps.
     *
     * @param lr                 the constant c or k
     * @param eta                the learning rate η
     * @param maxLossRatio       max_{t∈[1,T₁]} L_t/L₀ (over the steps reached if it diverged)
     * @param maxSharpnessRatio  max_{t∈[1,T₁]} λ^H_t/λ^H₀
     * @param maxTraceRatio      max_{t∈[1,T₁]} tr H_t/tr H₀
     * @param maxFrobeniusRatio  max_{t∈[1,T₁]} ‖H_t‖_F²/‖H₀‖_F²
     * @param barrierRatio       max_{s∈[0,1]} L_int(s)/L₀ (Def. 2; U = (ratio − 1)L₀), NaN if it diverged
     * @param diverged           whether the loss diverged ({@link Divergence}) within T₁ steps
     * @param divergedAt         the step it diverged at, or −1
     */
    public record Run(double lr, double eta, double maxLossRatio, double maxSharpnessRatio, double maxTraceRatio,
                      double maxFrobeniusRatio, double barrierRatio, boolean diverged, int divergedAt) {
    }

    /** The learning rate η = c/λ₀^H or k/tr H₀ of model {@code m0}. */
    public static double eta(UVModel m0, Scale scale, double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning-rate constant must be finite and > 0, got " + lr);
        }
        return scale == Scale.C ? lr / m0.lambdaH() : lr / m0.lambda();
    }

    /**
     * Trains {@code m0} for {@code steps} = T₁ steps at η = lr/λ₀^H (or lr/tr H₀) and records the ratios of Def. 1
     * and the barrier of Def. 2.
     */
    public static Run run(UVModel m0, Scale scale, double lr, int steps, Divergence rule) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps T1 must be >= 1, got " + steps);
        }
        double eta = eta(m0, scale, lr);
        UVRun r = m0.train(eta, steps, rule);
        int w = m0.config().n();
        double l0 = r.loss()[0];
        double s0 = r.lambdaH()[0];
        double tr0 = r.lambda()[0];
        double fr0 = FirstStep.frobenius2(tr0, l0, w);
        double ml = Double.NEGATIVE_INFINITY;
        double ms = Double.NEGATIVE_INFINITY;
        double mt = Double.NEGATIVE_INFINITY;
        double mf = Double.NEGATIVE_INFINITY;
        for (int t = 1; t < r.loss().length; t++) {
            ml = Math.max(ml, r.loss()[t] / l0);
            ms = Math.max(ms, r.lambdaH()[t] / s0);
            mt = Math.max(mt, r.lambda()[t] / tr0);
            mf = Math.max(mf, FirstStep.frobenius2(r.lambda()[t], r.loss()[t], w) / fr0);
        }
        if (r.diverged()) { // the diverged step itself: loss above K, so every measure counts as risen
            ml = Double.POSITIVE_INFINITY;
            ms = Double.POSITIVE_INFINITY;
            mf = Double.POSITIVE_INFINITY;
        }
        double barrier = r.diverged() ? Double.NaN : barrierRatio(m0, r.last());
        return new Run(lr, eta, ml, ms, mt, mf, barrier, r.diverged(), r.divergedAt());
    }

    /**
     * max_{s∈[0,1]} L((1−s)θ₀ + sθ₁)/L(θ₀) for two uv models of one configuration with y = 0 and d = 1 (002 Def. 2):
     * f(s) = (a + bs + cs²)/√w, so the maximum of f² is at s = 0, s = 1 or the vertex s = −b/(2c).
     */
    public static double barrierRatio(UVModel m0, UVModel m1) {
        double[] u0 = m0.u();
        double[] v0 = m0.v();
        double[] u1 = m1.u();
        double[] v1 = m1.v();
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < u0.length; i++) {
            double du = u1[i] - u0[i];
            double dv = v1[i] - v0[i];
            a += u0[i] * v0[i];
            b += u0[i] * dv + du * v0[i];
            c += du * dv;
        }
        double max = Math.max(a * a, (a + b + c) * (a + b + c));
        if (c != 0) {
            double s = -b / (2 * c);
            if (s > 0 && s < 1) {
                double fs = a + b * s + c * s * s;
                max = Math.max(max, fs * fs);
            }
        }
        return max / (a * a);
    }

    /**
     * λ^H_τ/λ^H₀ after τ steps at η = c/λ₀^H (002 App. B.2, Fig. 10), NaN if the run diverged.
     */
    public static double sharpnessRatio(UVModel m0, double c, int tau, Divergence rule) {
        UVRun r = m0.train(eta(m0, Scale.C, c), tau, rule);
        return r.diverged() ? Double.NaN : r.lambdaH()[tau] / r.lambdaH()[0];
    }

    /**
     * λ^H_τ/λ^H₀ of {@code inits} initialisations of width w (seeds 0 … inits−1) at every c (002 Fig. 10), in
     * parallel over initialisations ({@link Parallel}); NaN where a run diverged.
     *
     * @return ratios[i][j] for c[i] and initialisation j
     */
    public static double[][] sharpnessRatios(int w, double[] c, int inits, int tau, Divergence rule) {
        if (inits < 1 || tau < 1) {
            throw new IllegalArgumentException("inits and tau must be >= 1, got " + inits + ", " + tau);
        }
        double[][] out = new double[c.length][inits];
        UVConfig cfg = FirstStep.config(w);
        Parallel.forEach(inits, Parallel.defaultThreads(), j -> {
            UVModel m0 = UVModel.init(cfg, j);
            for (int i = 0; i < c.length; i++) {
                Cancellation.checkpoint();
                out[i][j] = sharpnessRatio(m0, c[i], tau, rule);
            }
        });
        return out;
    }

    /**
     * The trajectory of Figs. 8 and 9: step, loss, trace (tr H), lambda_h, frobenius2 (‖H‖_F²), correlation
     * (⟨u, v⟩/‖u‖‖v‖), diverged (true on no row unless the run stopped early; the table then ends before the
     * diverged step).
     */
    public static Table trajectory(UVModel m0, Scale scale, double lr, int steps) {
        double eta = eta(m0, scale, lr);
        int w = m0.config().n();
        Table t = Table.create("uv trajectory, w=" + w + ", " + scale.name().toLowerCase() + "=" + lr,
                IntColumn.create("step"), DoubleColumn.create("loss"), DoubleColumn.create("trace"),
                DoubleColumn.create("lambda_h"), DoubleColumn.create("frobenius2"), DoubleColumn.create("correlation"),
                BooleanColumn.create("diverged"));
        UVModel m = m0;
        for (int s = 0; s <= steps; s++) {
            double loss = m.loss();
            boolean div = UVModel.DIVERGENCE.diverged(loss);
            if (div) {
                break;
            }
            t.intColumn("step").append(s);
            t.doubleColumn("loss").append(loss);
            t.doubleColumn("trace").append(m.lambda());
            t.doubleColumn("lambda_h").append(m.lambdaH());
            t.doubleColumn("frobenius2").append(FirstStep.frobenius2(m.lambda(), loss, w));
            t.doubleColumn("correlation").append(correlation(m));
            t.booleanColumn("diverged").append(false);
            m = m.step(eta);
        }
        return t;
    }

    /** The weight correlation ⟨u, v⟩/(‖u‖‖v‖) (002 Fig. 8) of a d = 1 model. */
    public static double correlation(UVModel m) {
        double[] u = m.u();
        double[] v = m.v();
        double uv = 0;
        for (int i = 0; i < u.length; i++) {
            uv += u[i] * v[i];
        }
        return uv / (m.normU() * m.normV());
    }

    /**
     * The loss on the (tr H, correlation) plane of Fig. 8 with ‖u‖ = ‖v‖ (which gradient flow conserves,
     * ‖u‖² − ‖v‖² being its invariant): ‖u‖‖v‖ = w·tr H/2, f = √w·tr H·ρ/2, L = w·tr H²·ρ²/8.
     */
    public static double landscapeLoss(double trace, double correlation, int w) {
        return w * trace * trace * correlation * correlation / 8;
    }
}
