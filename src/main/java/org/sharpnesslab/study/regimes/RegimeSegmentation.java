package org.sharpnesslab.study.regimes;

import java.util.Arrays;

import org.sharpnesslab.training.TrainingRun;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Splits a sharpness trajectory λ^H_t into the four regimes of 000 §3 (Kalra &amp; Barkeshli 2023), which the paper
 * reads by eye: T1 the early transient (sharpness reduction, or a catapult above 2/η), T2 the intermediate
 * saturation, T3 progressive sharpening, T4 the edge of stability (λ ≈ 2/η). Regimes come in this order and any of
 * them may be absent (μP at small η has no T1/T2; SP at large σ_w² has no T3/T4, 000 Fig. 1).
 *
 * <p>The rule ({@link RegimeRule} holds its thresholds), on the log-time axis s = log₁₀(1 + t) of 000 Fig. 1:
 * <ol>
 *   <li>Keep the measured points with λ &gt; 0 (a missing or non-positive value is skipped).</li>
 *   <li>For each point take the centred window of width {@code logWindow} decades (at least its two neighbours):
 *       the least-squares slope σ of log₁₀λ against s, and the mean m of η λ/2.</li>
 *   <li>Label the point: EOS if m ≥ 1 − {@code eosTolerance}; else UP if σ &gt; {@code flatSlope}, DOWN if
 *       σ &lt; −{@code flatSlope}, FLAT otherwise. A point with η λ/2 ≥ 1 that is not EOS is ABOVE (unstable: a
 *       catapult).</li>
 *   <li>Choose the ordered split T1 ≤ T2 ≤ T3 ≤ T4 (each a run of consecutive points, possibly empty) that
 *       minimises Σ w_i [label_i not accepted by its regime] + {@code segmentPenalty} × (number of non-empty
 *       regimes), by dynamic programming (exact). T1 accepts DOWN and ABOVE, T2 FLAT, T3 UP, T4 EOS. The weight
 *       w_i is the point's share of log-time (half the distance in s to its neighbours), so every decade of
 *       training counts the same however densely it was measured.</li>
 * </ol>
 * The mismatch cost makes the split robust to isolated mislabelled points (noise, the dips of EoS oscillations),
 * the penalty stops a regime of a few points from being reported, and the log-time weights stop the long late
 * phase from outvoting the short early ones.
 */
public final class RegimeSegmentation {

    /** Regime names in order (column {@code name}). */
    public static final String[] NAMES = {"early_transient", "intermediate_saturation", "progressive_sharpening",
        "edge_of_stability"};

    /** The point labels of step 3 of the rule. */
    public enum Label { DOWN, ABOVE, FLAT, UP, EOS }

    private RegimeSegmentation() {
    }

    /**
     * The regimes of a trajectory, one row per regime T1 … T4. Columns: {@code regime} ("T1" … "T4"),
     * {@code name} ({@link #NAMES}), {@code present} (whether it holds at least one point), {@code start_step}
     * and {@code end_step} (the half-open step range [start, end) it covers; for an absent regime both equal the
     * step where it would have been; the last present regime ends one past the last step), {@code points}
     * (measured points in it), {@code decades} (its length in log₁₀(1+t)), {@code agreement} (the log-time
     * weighted fraction of its points whose label it accepts; missing when absent).
     *
     * @param steps     the steps t ≥ 0, increasing (not modified)
     * @param sharpness λ^H_t (NaN where not measured; not modified)
     * @param eta       the learning rate η &gt; 0 (for 2/η)
     * @param rule      the thresholds
     */
    public static Table segment(double[] steps, double[] sharpness, double eta, RegimeRule rule) {
        return fit(steps, sharpness, eta, rule).table();
    }

    /** {@link #segment(double[], double[], double, RegimeRule)} with {@link RegimeRule#DEFAULTS}. */
    public static Table segment(double[] steps, double[] sharpness, double eta) {
        return segment(steps, sharpness, eta, RegimeRule.DEFAULTS);
    }

    /** The regimes of a training run's measured sharpness (its η), with the default rule. */
    public static Table segment(TrainingRun run) {
        return segment(run, RegimeRule.DEFAULTS);
    }

    /** The regimes of a training run's measured sharpness (its η). */
    public static Table segment(TrainingRun run, RegimeRule rule) {
        double[] steps = new double[run.rows()];
        for (int t = 0; t < steps.length; t++) {
            steps[t] = t;
        }
        return segment(steps, run.sharpness(), run.eta(), rule);
    }

    /** The regimes of a table with columns {@code step} and {@code sharpness} (e.g. {@link TrainingRun#table()}). */
    public static Table segment(Table trajectory, double eta, RegimeRule rule) {
        return segment(column(trajectory, "step"), column(trajectory, "sharpness"), eta, rule);
    }

    /**
     * The per-point working of the rule: columns {@code step}, {@code sharpness}, {@code half_eta_sharpness}
     * (η λ/2), {@code log_slope} (σ), {@code window_mean} (m), {@code weight} (w, decades), {@code label}
     * ({@link Label}) and {@code regime} ("T1" … "T4").
     */
    public static Table labels(double[] steps, double[] sharpness, double eta, RegimeRule rule) {
        return fit(steps, sharpness, eta, rule).pointTable();
    }

    /** The boundaries T1 … T4 as start steps (index 0 … 3) and the end of the last regime (index 4). */
    public static double[] boundaries(double[] steps, double[] sharpness, double eta, RegimeRule rule) {
        Fit f = fit(steps, sharpness, eta, rule);
        double[] b = new double[5];
        for (int k = 0; k < 4; k++) {
            b[k] = f.startStep(k);
        }
        b[4] = f.endStep(3);
        return b;
    }

    static double[] column(Table t, String name) {
        if (!t.containsColumn(name) || !(t.column(name) instanceof NumericColumn<?> c)) {
            throw new IllegalArgumentException("Column " + name + " is missing or not numeric in table " + t.name()
                    + "; columns are " + t.columnNames());
        }
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    static Fit fit(double[] steps, double[] sharpness, double eta, RegimeRule rule) {
        if (steps == null || sharpness == null || steps.length != sharpness.length) {
            throw new IllegalArgumentException("steps and sharpness must be non-null arrays of equal length");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (rule == null) {
            throw new IllegalArgumentException("rule must not be null");
        }
        int m = 0;
        double[] t = new double[steps.length];
        double[] lam = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            if (!Double.isFinite(steps[i]) || steps[i] < 0) {
                throw new IllegalArgumentException("steps must be finite and >= 0, got step[" + i + "] = " + steps[i]);
            }
            if (i > 0 && !(steps[i] > steps[i - 1])) {
                throw new IllegalArgumentException("steps must increase, step[" + i + "] = " + steps[i]
                        + " after " + steps[i - 1]);
            }
            if (Double.isFinite(sharpness[i]) && sharpness[i] > 0) {
                t[m] = steps[i];
                lam[m++] = sharpness[i];
            }
        }
        t = Arrays.copyOf(t, m);
        lam = Arrays.copyOf(lam, m);
        return new Fit(t, lam, eta, rule);
    }

    /** The labels, weights and the optimal split of one trajectory. */
    static final class Fit {
        final double[] t;
        final double[] lam;
        final double[] s;
        final double[] ratio;
        final double[] slope;
        final double[] mean;
        final double[] w;
        final Label[] label;
        final int[] bound = new int[5];   // regime k holds points [bound[k], bound[k+1])

        Fit(double[] t, double[] lam, double eta, RegimeRule rule) {
            this.t = t;
            this.lam = lam;
            int n = t.length;
            s = new double[n];
            ratio = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.log10(1 + t[i]);
                y[i] = Math.log10(lam[i]);
                ratio[i] = eta * lam[i] / 2;
            }
            slope = new double[n];
            mean = new double[n];
            w = new double[n];
            label = new Label[n];
            window(y, rule);
            for (int i = 0; i < n; i++) {
                double left = i > 0 ? s[i] - s[i - 1] : 0;
                double right = i < n - 1 ? s[i + 1] - s[i] : 0;
                w[i] = n == 1 ? 1 : (left + right) / 2;
                if (mean[i] >= 1 - rule.eosTolerance()) {
                    label[i] = Label.EOS;
                } else if (ratio[i] >= 1) {
                    label[i] = Label.ABOVE;
                } else if (slope[i] > rule.flatSlope()) {
                    label[i] = Label.UP;
                } else if (slope[i] < -rule.flatSlope()) {
                    label[i] = Label.DOWN;
                } else {
                    label[i] = Label.FLAT;
                }
            }
            split(rule.segmentPenalty());
        }

        /** Windowed slope and mean by prefix sums over a two-pointer window (O(n)). */
        private void window(double[] y, RegimeRule rule) {
            int n = s.length;
            double[] ps = new double[n + 1];
            double[] py = new double[n + 1];
            double[] pss = new double[n + 1];
            double[] psy = new double[n + 1];
            double[] pr = new double[n + 1];
            for (int i = 0; i < n; i++) {
                ps[i + 1] = ps[i] + s[i];
                py[i + 1] = py[i] + y[i];
                pss[i + 1] = pss[i] + s[i] * s[i];
                psy[i + 1] = psy[i] + s[i] * y[i];
                pr[i + 1] = pr[i] + ratio[i];
            }
            double half = rule.logWindow() / 2;
            int lo = 0;
            int hi = 0;   // window [lo, hi)
            for (int i = 0; i < n; i++) {
                while (s[lo] < s[i] - half) {
                    lo++;
                }
                if (hi < i + 1) {
                    hi = i + 1;
                }
                while (hi < n && s[hi] <= s[i] + half) {
                    hi++;
                }
                int a = Math.min(lo, Math.max(i - 1, 0));
                int b = Math.max(hi, Math.min(i + 2, n));
                int k = b - a;
                mean[i] = (pr[b] - pr[a]) / k;
                if (k < 2) {
                    slope[i] = 0;
                    continue;
                }
                // centred sums for stability: Σ(s−s̄)(y−ȳ) / Σ(s−s̄)²
                double ms = (ps[b] - ps[a]) / k;
                double my = (py[b] - py[a]) / k;
                double sxx = (pss[b] - pss[a]) - k * ms * ms;
                double sxy = (psy[b] - psy[a]) - k * ms * my;
                slope[i] = sxx > 0 ? sxy / sxx : 0;
            }
        }

        /** Exact ordered 4-segment split by dynamic programming over (point, regime). */
        private void split(double penalty) {
            int n = s.length;
            if (n == 0) {
                return;
            }
            double[][] f = new double[4][n];
            int[][] from = new int[4][n];
            for (int k = 0; k < 4; k++) {
                f[k][0] = penalty + miss(0, k);
                from[k][0] = -1;
            }
            for (int i = 1; i < n; i++) {
                for (int k = 0; k < 4; k++) {
                    double best = f[k][i - 1];
                    int arg = k;
                    for (int j = 0; j < k; j++) {
                        if (f[j][i - 1] + penalty < best) {
                            best = f[j][i - 1] + penalty;
                            arg = j;
                        }
                    }
                    f[k][i] = best + miss(i, k);
                    from[k][i] = arg;
                }
            }
            int k = 0;
            for (int j = 1; j < 4; j++) {
                if (f[j][n - 1] < f[k][n - 1]) {
                    k = j;
                }
            }
            int[] regimeOf = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                regimeOf[i] = k;
                if (i > 0) {
                    k = from[k][i];
                }
            }
            // bound[k] = first point of regime k (or where it would be)
            for (int r = 0; r < 4; r++) {
                int first = 0;
                while (first < n && regimeOf[first] < r) {
                    first++;
                }
                bound[r] = first;
            }
            bound[4] = n;
        }

        private double miss(int i, int k) {
            Label l = label[i];
            boolean ok = switch (k) {
                case 0 -> l == Label.DOWN || l == Label.ABOVE;
                case 1 -> l == Label.FLAT;
                case 2 -> l == Label.UP;
                default -> l == Label.EOS;
            };
            return ok ? 0 : w[i];
        }

        boolean present(int k) {
            return bound[k + 1] > bound[k];
        }

        double startStep(int k) {
            return bound[k] < t.length ? t[bound[k]] : t.length == 0 ? 0 : t[t.length - 1] + 1;
        }

        double endStep(int k) {
            return bound[k + 1] < t.length ? t[bound[k + 1]] : t.length == 0 ? 0 : t[t.length - 1] + 1;
        }

        Table table() {
            StringColumn regime = StringColumn.create("regime");
            StringColumn name = StringColumn.create("name");
            BooleanColumn present = BooleanColumn.create("present");
            DoubleColumn start = DoubleColumn.create("start_step");
            DoubleColumn end = DoubleColumn.create("end_step");
            IntColumn points = IntColumn.create("points");
            DoubleColumn decades = DoubleColumn.create("decades");
            DoubleColumn agreement = DoubleColumn.create("agreement");
            for (int k = 0; k < 4; k++) {
                regime.append("T" + (k + 1));
                name.append(NAMES[k]);
                present.append(present(k));
                start.append(startStep(k));
                end.append(endStep(k));
                points.append(bound[k + 1] - bound[k]);
                double span = 0;
                double ok = 0;
                for (int i = bound[k]; i < bound[k + 1]; i++) {
                    span += w[i];
                    ok += miss(i, k) == 0 ? w[i] : 0;
                }
                decades.append(Math.log10(1 + endStep(k)) - Math.log10(1 + startStep(k)));
                agreement.append(present(k) && span > 0 ? ok / span : Double.NaN);
            }
            return Table.create("regimes", regime, name, present, start, end, points, decades, agreement);
        }

        Table pointTable() {
            StringColumn lab = StringColumn.create("label");
            StringColumn reg = StringColumn.create("regime");
            for (int i = 0; i < t.length; i++) {
                lab.append(label[i].name());
                int k = 0;
                while (i >= bound[k + 1]) {
                    k++;
                }
                reg.append("T" + (k + 1));
            }
            return Table.create("regime labels", DoubleColumn.create("step", t.clone()),
                    DoubleColumn.create("sharpness", lam.clone()), DoubleColumn.create("half_eta_sharpness", ratio.clone()),
                    DoubleColumn.create("log_slope", slope.clone()), DoubleColumn.create("window_mean", mean.clone()),
                    DoubleColumn.create("weight", w.clone()), lab, reg);
        }
    }
}
