package org.sharpnesslab.uv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.sharpnesslab.dynamics.DiscreteMap;
import org.sharpnesslab.dynamics.PeriodicOrbit;
import org.sharpnesslab.dynamics.PeriodicOrbits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The period-doubling cascade of the EoS map (000 §5.2, Fig. 3a): the learning rates η_k at which the attracting
 * 2^{k−1}-cycle loses stability (its multiplier crosses −1) and the 2^k-cycle is born, and the Feigenbaum ratios
 * δ_k = (η_k − η_{k−1})/(η_{k+1} − η_k) → 4.669….
 *
 * <p>Method: at each level the 2^{k−1}-cycle is followed in η by Newton's method on M^(P) (dyn's
 * {@link PeriodicOrbits#find}, continuation from the previous point), its multiplier μ(η) = Π M′(x_i) evaluated,
 * and μ(η) = −1 located by bisection to |Δη| ≤ 1e-14 η.
 */
public final class PeriodDoubling {

    private final DoubleFunction<EoSMap> family;
    private final double etaC;

    private PeriodDoubling(EoSMap base) {
        this.family = base::withEta;
        this.etaC = base.etaC();
    }

    /** The cascade of the EoS map with the (‖x‖, y, n_eff) of {@code base} (its η is ignored). */
    public static PeriodDoubling of(EoSMap base) {
        return new PeriodDoubling(base);
    }

    /**
     * The multiplier of the period-P cycle of M_η through (or near) {@code guess}: NaN if Newton fails or lands on
     * a shorter cycle.
     *
     * @return {multiplier, a point of the cycle}
     */
    public double[] multiplier(double eta, int period, double guess) {
        DiscreteMap m = family.apply(eta);
        PeriodicOrbit o = PeriodicOrbits.find(m, period, new double[] {guess});
        if (!o.converged() || o.minimalPeriod() != period) {
            return new double[] {Double.NaN, guess};
        }
        return new double[] {o.multipliersRe()[0], o.points()[0][0]};
    }

    /**
     * The first {@code levels} bifurcation points.
     *
     * @return columns k (level), period (of the cycle that loses stability, 2^{k−1}), eta_k, eta_over_eta_c,
     *         gap (η_k − η_{k−1}), delta (gap_{k−1}/gap_k, the Feigenbaum ratio estimate; missing for k ≤ 2)
     */
    public Table cascade(int levels) {
        if (levels < 1 || levels > 12) {
            throw new IllegalArgumentException("levels must be in [1, 12], got " + levels);
        }
        List<Double> etas = new ArrayList<>();
        // level 1: the fixed point Δf = 0 (bottom of the zero-loss line); stable below η_c
        double lo = 0.5 * etaC;
        double point = 0.0;
        double gap = 0.25 * etaC;
        int period = 1;
        for (int k = 1; k <= levels; k++) {
            double[] at = multiplier(lo, period, point);
            if (!(at[0] > -1)) {
                throw new IllegalStateException("the period-" + period + " cycle is not stable at eta=" + lo + ": " + at[0]);
            }
            point = at[1];
            double h = gap / 8;
            double hi = lo;
            double[] m = at;
            while (true) {
                hi = lo + h;
                m = multiplier(hi, period, point);
                if (Double.isNaN(m[0])) {
                    h /= 2;
                    if (h < 1e-15 * etaC) {
                        throw new IllegalStateException("lost the period-" + period + " cycle near eta=" + lo);
                    }
                    continue;
                }
                if (m[0] < -1) {
                    break;
                }
                lo = hi;
                point = m[1];
            }
            for (int it = 0; it < 200 && hi - lo > 1e-14 * hi; it++) {
                double mid = 0.5 * (lo + hi);
                double[] mm = multiplier(mid, period, point);
                if (Double.isNaN(mm[0]) || mm[0] < -1) {
                    hi = mid;
                } else {
                    lo = mid;
                    point = mm[1];
                }
            }
            double etaK = 0.5 * (lo + hi);
            etas.add(etaK);
            // start the next level just past η_k on the 2P-cycle: iterate onto the attractor
            gap = etas.size() >= 2 ? (etaK - etas.get(etas.size() - 2)) / 4.669 : 0.4 * etaC;
            lo = etaK + 0.3 * gap;
            EoSMap map = family.apply(lo);
            double x = point + 1e-3 * etaC;
            for (int t = 0; t < 200000; t++) {
                x = map.apply(x);
            }
            point = x;
            period *= 2;
        }
        int n = etas.size();
        Table t = Table.create("period-doubling cascade of the EoS map (000 Eq. 3), eta_c=" + etaC,
                IntColumn.create("k"), IntColumn.create("period"), DoubleColumn.create("eta_k"),
                DoubleColumn.create("eta_over_eta_c"), DoubleColumn.create("gap"), DoubleColumn.create("delta"));
        for (int i = 0; i < n; i++) {
            t.intColumn("k").append(i + 1);
            t.intColumn("period").append(1 << i);
            t.doubleColumn("eta_k").append(etas.get(i));
            t.doubleColumn("eta_over_eta_c").append(etas.get(i) / etaC);
            if (i >= 1) {
                t.doubleColumn("gap").append(etas.get(i) - etas.get(i - 1));
            } else {
                t.doubleColumn("gap").appendMissing();
            }
            if (i >= 2) {
                t.doubleColumn("delta").append((etas.get(i - 1) - etas.get(i - 2)) / (etas.get(i) - etas.get(i - 1)));
            } else {
                t.doubleColumn("delta").appendMissing();
            }
        }
        return t;
    }
}
