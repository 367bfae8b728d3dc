package org.sharpnesslab.uv;

import java.util.Random;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The first gradient-descent step of the uv model on (x, y) = (1, 0) (002 §5, App. B.3, B.4, B.8):
 * f = vᵀu/√w, u_i, v_i ~ N(0, 1), L = f²/2, tr H = (‖u‖² + ‖v‖²)/w (Eq. 6), η = k/tr H₀.
 * Closed forms of the initialisation averages (Eqs. 14, 15, 22), of the averaged first-step loss ratio
 * ⟨L₁/L₀⟩(k, w) (Eq. 16) and of its threshold k'_loss(w) (the smallest k with ⟨L₁/L₀⟩ &gt; 1), of I(k, w) in
 * Eq. 23, and Monte-Carlo checks of each on the real model ({@link UVModel}).
 *
 * <pre>{@code
 * double k = FirstStep.kLossPrime(2);    // 2.36…: the loss catapults later at small width
 * FirstStep.compare(4, 1.5, 100_000, 7)   // Table: quantity, analytic, monte_carlo, std_error, z
 * }</pre>
 */
public final class FirstStep {

    private FirstStep() {
    }

    /** The uv model of 002 §5 at width w: n = w, NTP, σ_w² = 1, x = 1, y = 0 (η is set per run). */
    public static UVConfig config(int w) {
        return UVConfig.builder().n(w).ntp().sigmaW2(1).xNorm(1).y(0).eta(1).build();
    }

    /** ⟨f₀²/tr(H₀)²⟩ = w/(4(w+1)) (002 Eq. 14). */
    public static double meanF2OverTrace2(int w) {
        checkWidth(w);
        return w / (4.0 * (w + 1));
    }

    /** ⟨f₀⁴/tr(H₀)⁴⟩ = 3(w+2)w³ Γ(w)/(16 Γ(w+4)) = 3w²/(16(w+1)(w+3)) (002 Eq. 15). */
    public static double meanF4OverTrace4(int w) {
        checkWidth(w);
        return 3.0 * w * w / (16.0 * (w + 1) * (w + 3));
    }

    /** ⟨f₀⁴/tr(H₀)²⟩ = 3w/(4(w+3)) (002 Eq. 22). */
    public static double meanF4OverTrace2(int w) {
        checkWidth(w);
        return 3.0 * w / (4.0 * (w + 3));
    }

    /**
     * ⟨L₁/L₀⟩ = (1−k)² + k²(1−k)/(2(w+1)) + 3k⁴/(16(w+3)(w+1)) (002 Eq. 16, from Eqs. 13–15).
     */
    public static double meanLossRatio(double k, int w) {
        checkWidth(w);
        return (1 - k) * (1 - k) + k * k * (1 - k) / (2.0 * (w + 1)) + 3 * Math.pow(k, 4) / (16.0 * (w + 3) * (w + 1));
    }

    /**
     * k'_loss(w): the smallest k &gt; 0 with ⟨L₁/L₀⟩ &gt; 1 (002 App. B.3). ⟨L₁/L₀⟩ − 1 = k·g(k) with
     * g(k) = k − 2 + k(1−k)/(2(w+1)) + 3k³/(16(w+1)(w+3)); g(0) = −2 &lt; 0, so k' is the first sign change of g,
     * found by a scan in steps of 10⁻³ and bisection to machine precision. Tends to 2 as w → ∞.
     */
    public static double kLossPrime(int w) {
        checkWidth(w);
        double a = 0;
        double step = 1e-3;
        double b = step;
        while (g(b, w) <= 0) {
            a = b;
            b += step;
            if (b > 100) {
                throw new IllegalStateException("no threshold below k = 100 at w = " + w);
            }
        }
        for (int i = 0; i < 200 && b - a > 1e-15 * b; i++) {
            double m = 0.5 * (a + b);
            if (g(m, w) <= 0) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    private static double g(double k, int w) {
        return k - 2 + k * (1 - k) / (2.0 * (w + 1)) + 3 * k * k * k / (16.0 * (w + 1) * (w + 3));
    }

    /**
     * I(k, w) = k(k−4)/w · [3k(k−4)/(4(w+3)) + 2], the width correction of ⟨Δ‖H₁‖_F²⟩ in 002 Eq. (23):
     * ⟨Δ‖H‖_F²⟩ = I(k, w) + 4(1 + 2/w)⟨L₁ − L₀⟩. Negative for 0 &lt; k &lt; 4.
     */
    public static double frobeniusCorrection(double k, int w) {
        checkWidth(w);
        return k * (k - 4) / w * (3 * k * (k - 4) / (4.0 * (w + 3)) + 2);
    }

    /**
     * ‖H‖_F² = tr(H)² + 4L(1 + 2/w) (002 Eq. 7; x = 1, y = 0).
     */
    public static double frobenius2(double trace, double loss, int w) {
        return trace * trace + 4 * loss * (1 + 2.0 / w);
    }

    /**
     * The closed forms as functions of the width.
     *
     * @return columns width, eq14 (⟨f₀²/trH₀²⟩), eq15 (⟨f₀⁴/trH₀⁴⟩), eq22 (⟨f₀⁴/trH₀²⟩), k_loss_prime (Eq. 16 = 1)
     */
    public static Table closedForms(int... widths) {
        Check.notNull("widths", widths);
        Table t = Table.create("002 Eqs. 14, 15, 22, 16", IntColumn.create("width"), DoubleColumn.create("eq14"),
                DoubleColumn.create("eq15"), DoubleColumn.create("eq22"), DoubleColumn.create("k_loss_prime"));
        for (int w : widths) {
            t.intColumn("width").append(w);
            t.doubleColumn("eq14").append(meanF2OverTrace2(w));
            t.doubleColumn("eq15").append(meanF4OverTrace4(w));
            t.doubleColumn("eq22").append(meanF4OverTrace2(w));
            t.doubleColumn("k_loss_prime").append(kLossPrime(w));
        }
        return t;
    }

    /**
     * Monte-Carlo estimates of the closed forms on {@code count} initialisations of the real model (seeds from
     * {@code new Random(seed)}), the first step taken by {@link UVModel#step} at η = k/tr H₀.
     *
     * @return columns quantity (eq14, eq15, eq22, mean_f0_sq, eq16_loss_ratio, eq23_frobenius_change),
     *         analytic, monte_carlo, std_error (s/√N), z = (monte_carlo − analytic)/std_error. The analytic value
     *         of eq23 is I(k, w) + 4(1 + 2/w)·(Monte-Carlo ⟨L₁ − L₀⟩), Eq. (23) with its last average measured.
     */
    public static Table compare(int w, double k, int count, long seed) {
        checkWidth(w);
        if (count < 2) {
            throw new IllegalArgumentException("count must be >= 2, got " + count);
        }
        Check.memory(count, true, "samples");
        Check.memory(6L * count, false, "samples");
        UVConfig cfg = config(w);
        Random r = new Random(seed);
        double[][] s = new double[6][count];
        for (int i = 0; i < count; i++) {
            if ((i & 1023) == 0) {
                Cancellation.checkpoint();
            }
            UVModel m0 = UVModel.init(cfg, r.nextLong());
            double f = m0.f();
            double tr = m0.lambda();
            double l0 = m0.loss();
            UVModel m1 = m0.step(k / tr);
            double l1 = m1.loss();
            s[0][i] = f * f / (tr * tr);
            s[1][i] = s[0][i] * s[0][i];
            s[2][i] = f * f * f * f / (tr * tr);
            s[3][i] = f * f;
            s[4][i] = l1 / l0;
            s[5][i] = frobenius2(m1.lambda(), l1, w) - frobenius2(tr, l0, w);
        }
        double dl = 0;
        for (int i = 0; i < count; i++) {
            dl += 0.5 * (s[4][i] - 1) * s[3][i];
        }
        dl /= count;
        Table t = Table.create("002 first step, w=" + w + ", k=" + k + ", N=" + count, StringColumn.create("quantity"),
                DoubleColumn.create("analytic"), DoubleColumn.create("monte_carlo"), DoubleColumn.create("std_error"),
                DoubleColumn.create("z"));
        add(t, "eq14", meanF2OverTrace2(w), s[0]);
        add(t, "eq15", meanF4OverTrace4(w), s[1]);
        add(t, "eq22", meanF4OverTrace2(w), s[2]);
        add(t, "mean_f0_sq", 1.0, s[3]);
        add(t, "eq16_loss_ratio", meanLossRatio(k, w), s[4]);
        add(t, "eq23_frobenius_change", frobeniusCorrection(k, w) + 4 * (1 + 2.0 / w) * dl, s[5]);
        return t;
    }

    /**
     * ⟨L₁/L₀⟩ against k for each width (002 Fig. 11a, b): Eq. (16) beside its Monte-Carlo estimate over
     * {@code count} initialisations (the same initialisations for every k).
     *
     * @return columns width, k, analytic, monte_carlo, std (the spread over initialisations), std_error
     */
    public static Table lossRatioCurve(int[] widths, double[] ks, int count, long seed) {
        Check.notNull("widths", widths);
        Check.notNull("ks", ks);
        if (count < 1) {
            throw Check.range("count", ">= 1", count);
        }
        Check.memory(count, true, "initialisations");
        Table t = Table.create("002 Fig. 11: <L1/L0> against k", IntColumn.create("width"), DoubleColumn.create("k"),
                DoubleColumn.create("analytic"), DoubleColumn.create("monte_carlo"), DoubleColumn.create("std"),
                DoubleColumn.create("std_error"));
        for (int w : widths) {
            UVConfig cfg = config(w);
            Random r = new Random(seed);
            UVModel[] inits = new UVModel[count];
            for (int i = 0; i < count; i++) {
                inits[i] = UVModel.init(cfg, r.nextLong());
            }
            for (double k : ks) {
                Cancellation.checkpoint();
                double s = 0;
                double s2 = 0;
                for (UVModel m0 : inits) {
                    double ratio = m0.step(k / m0.lambda()).loss() / m0.loss();
                    s += ratio;
                    s2 += ratio * ratio;
                }
                double mean = s / count;
                double sd = Math.sqrt(Math.max(0, (s2 - s * mean) / (count - 1)));
                t.intColumn("width").append(w);
                t.doubleColumn("k").append(k);
                t.doubleColumn("analytic").append(meanLossRatio(k, w));
                t.doubleColumn("monte_carlo").append(mean);
                t.doubleColumn("std").append(sd);
                t.doubleColumn("std_error").append(sd / Math.sqrt(count));
            }
        }
        return t;
    }

    private static void add(Table t, String q, double analytic, double[] a) {
        double m = 0;
        for (double v : a) {
            m += v;
        }
        m /= a.length;
        double s2 = 0;
        for (double v : a) {
            s2 += (v - m) * (v - m);
        }
        double se = Math.sqrt(s2 / (a.length - 1) / a.length);
        t.stringColumn("quantity").append(q);
        t.doubleColumn("analytic").append(analytic);
        t.doubleColumn("monte_carlo").append(m);
        t.doubleColumn("std_error").append(se);
        t.doubleColumn("z").append((m - analytic) / se);
    }

    private static void checkWidth(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("width w must be >= 1, got " + w);
        }
    }
}
