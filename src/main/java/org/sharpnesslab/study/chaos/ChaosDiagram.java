package org.sharpnesslab.study.chaos;

import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Periods;
import org.sharpnesslab.signal.PowerSpectrum;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The late-time results of {@link RouteToChaos#diagram} over a range of η (000 Fig. 5): the sweep's table, the
 * late windows per η, and the views the figure needs (bifurcation diagram, trajectories, power spectra).
 *
 * @param table the sweep's table (the result columns of {@link RouteToChaos}, plus {@code eta}, {@code seed}, {@code cell_id},
 *              {@code status}, {@code error})
 * @param lates per η, in the order given (a cell that failed has null)
 * @param setup the schedule used
 */
public record ChaosDiagram(Table table, List<RouteToChaos.Late> lates, RouteToChaos.Setup setup) {

    /**
     * The diagram as a {@link BifurcationDiagram} (for {@code plot.BifurcationChart}): the last {@code keep}
     * sharpness values per η, periods as detected, diverged η with none.
     */
    public BifurcationDiagram bifurcation() {
        int keep = setup.keep();
        double[] params = new double[lates.size()];
        int[] period = new int[lates.size()];
        List<Double> px = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        for (int i = 0; i < lates.size(); i++) {
            RouteToChaos.Late r = lates.get(i);
            params[i] = r == null ? Double.NaN : r.eta();
            period[i] = r == null || r.diverged() ? Periods.DIVERGED : r.period();
            if (r != null && !r.diverged()) {
                for (double v : r.last(keep)) {
                    px.add(r.eta());
                    vy.add(v);
                }
            }
        }
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(setup.transientSteps()).withKeep(keep)
                .withMaxPeriod(setup.maxPeriod()).withPeriodTol(setup.periodTol());
        return new BifurcationDiagram(params, px.stream().mapToDouble(Double::doubleValue).toArray(),
                vy.stream().mapToDouble(Double::doubleValue).toArray(), period, null, -1, o);
    }

    /**
     * The late-time trajectories of the given learning rates (nearest computed η each), the last {@code steps}
     * steps: columns {@code eta}, {@code step}, {@code sharpness}, {@code two_over_eta}.
     */
    public Table trajectories(int steps, double... etas) {
        DoubleColumn e = DoubleColumn.create("eta");
        IntColumn st = IntColumn.create("step");
        DoubleColumn s = DoubleColumn.create("sharpness");
        DoubleColumn g = DoubleColumn.create("two_over_eta");
        for (double want : etas) {
            RouteToChaos.Late r = nearest(want);
            if (r == null) {
                continue;
            }
            double[] v = r.last(steps);
            for (int t = 0; t < v.length; t++) {
                e.append(r.eta());
                st.append(setup.transientSteps() + setup.window() - v.length + 1 + t);
                s.append(v[t]);
                g.append(2 / r.eta());
            }
        }
        return Table.create("late-time sharpness", e, st, s, g);
    }

    /**
     * The power spectra (000 App. B.5, half spectrum ω = 0…T/2) of the last {@code spectrum} steps for the
     * given learning rates: columns {@code eta}, {@code omega}, {@code frequency}, {@code power}.
     */
    public Table spectra(double... etas) {
        Table out = null;
        for (double want : etas) {
            RouteToChaos.Late r = nearest(want);
            if (r == null) {
                continue;
            }
            Table h = PowerSpectrum.ofLast(r.sharpness(), setup.spectrum()).halfTable();
            double[] ev = new double[h.rowCount()];
            Arrays.fill(ev, r.eta());
            h.insertColumn(0, DoubleColumn.create("eta", ev));
            out = out == null ? h : out.append(h);
        }
        return out == null ? Table.create("power spectra") : out.setName("power spectra");
    }

    /** The computed η nearest to {@code eta} that did not diverge (null if none). */
    public RouteToChaos.Late nearest(double eta) {
        RouteToChaos.Late best = null;
        for (RouteToChaos.Late r : lates) {
            if (r != null && !r.diverged() && (best == null
                    || Math.abs(r.eta() - eta) < Math.abs(best.eta() - eta))) {
                best = r;
            }
        }
        return best;
    }
}
