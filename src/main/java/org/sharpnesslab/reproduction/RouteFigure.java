package org.sharpnesslab.reproduction;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sharpnesslab.dynamics.Periods;
import org.sharpnesslab.plot.ChaosCharts;
import org.sharpnesslab.study.chaos.ChaosDiagram;
import org.sharpnesslab.study.chaos.RouteToChaos;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.sweep.SweepResults;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * 000 Figs. 23–24 from a sweep of {@link ChaosRun} cells: the per-learning-rate table ({@code NAME.csv}: c, eta,
 * lambda0, period, lambda_mean, lambda_min, lambda_max, eta_lambda_half, late_loss, peak_frequency,
 * low_frequency_power, high_frequency_power, diverged), the late-time sharpness of every c ({@code NAME-late.csv}:
 * c, eta, step, sharpness), the figure's row of panels (bifurcation diagram, late trajectories and power spectra
 * at the smallest and largest trainable c; {@code NAME.png}) and the claims of 000 §6.4 and App. G.1
 * ({@code NAME-claims.csv}).
 */
public final class RouteFigure {

    /** The columns of the stored table. */
    public static final List<String> COLUMNS = List.of("c", "eta", "lambda0", "period", "lambda_mean", "lambda_min",
            "lambda_max", "eta_lambda_half", "late_loss", "peak_frequency", "low_frequency_power",
            "high_frequency_power", "diverged", "cpu_seconds");

    private RouteFigure() {
    }

    /** The stored table: {@link #COLUMNS}, sorted by c. */
    public static Table table(Table sweep, String name) {
        Table ok = sweep.where(sweep.stringColumn("status").isEqualTo("ok"));
        if (ok.rowCount() < sweep.rowCount()) {
            throw new IllegalStateException((sweep.rowCount() - ok.rowCount()) + " cells failed; first error: "
                    + sweep.where(sweep.stringColumn("status").isNotEqualTo("ok")).stringColumn("error").get(0));
        }
        Table t = ok.selectColumns(COLUMNS.toArray(String[]::new)).sortAscendingOn("c");
        t.setName(name);
        return t;
    }

    /** The late windows of every cell, sorted by c: c, eta, step, sharpness. */
    public static Table late(Table sweep, SweepResults results) {
        Table s = sweep.sortAscendingOn("c");
        DoubleColumn c = DoubleColumn.create("c");
        DoubleColumn eta = DoubleColumn.create("eta");
        IntColumn step = IntColumn.create("step");
        DoubleColumn sh = DoubleColumn.create("sharpness");
        for (int r = 0; r < s.rowCount(); r++) {
            if (s.booleanColumn("diverged").get(r)) {
                continue;
            }
            Table tr = results.trajectory(s.stringColumn("cell_id").get(r));
            for (int i = 0; i < tr.rowCount(); i++) {
                c.append(s.doubleColumn("c").get(r));
                eta.append(s.doubleColumn("eta").get(r));
                step.append(((Number) tr.column("step").get(i)).intValue());
                sh.append(((Number) tr.column("sharpness").get(i)).doubleValue());
            }
        }
        return Table.create("late-time sharpness", c, eta, step, sh);
    }

    static Reproduction.Outputs write(Reproduction.Options o, Table sweep, SweepResults results) {
        String name = o.figure();
        Table t = table(sweep, name);
        Table late = late(sweep, results);
        Path dir = o.out();
        List<Path> files = new ArrayList<>();
        Path csv = dir.resolve(name + ".csv");
        Reproduction.writeCsv(t, csv);
        files.add(csv);
        Path lc = dir.resolve(name + "-late.csv");
        Reproduction.writeCsv(late, lc);
        files.add(lc);
        Path png = dir.resolve(name + ".png");
        PhaseDiagramFigure.writePng(chart(t, late, o.transientSteps(), o.window(), name), png);
        files.add(png);
        Table claims = claims(t);
        Path cc = dir.resolve(name + "-claims.csv");
        Reproduction.writeCsv(claims, cc);
        files.add(cc);
        return new Reproduction.Outputs(files, t.print() + "\n" + claims.print() + "\nwrote " + files);
    }

    /** The late windows as a {@link ChaosDiagram} (for its bifurcation, trajectory and spectrum views). */
    public static ChaosDiagram diagram(Table t, Table late, int transientSteps, int window) {
        List<RouteToChaos.Late> lates = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double c = t.doubleColumn("c").get(r);
            double eta = t.doubleColumn("eta").get(r);
            if (t.booleanColumn("diverged").get(r)) {
                lates.add(new RouteToChaos.Late(eta, Double.NaN, new double[0], new double[0], Periods.DIVERGED, true,
                        -1));
                continue;
            }
            double[] s = late.where(late.doubleColumn("c").isEqualTo(c)).doubleColumn("sharpness").asDoubleArray();
            lates.add(new RouteToChaos.Late(eta, t.doubleColumn("lambda0").get(r), s, new double[s.length],
                    ((Number) t.column("period").get(r)).intValue(), false, -1));
        }
        int keep = Math.max(2, Math.min(200, window / 2));
        RouteToChaos.Setup setup = new RouteToChaos.Setup(transientSteps, window, keep, window, 32, 1e-3,
                PowerOptions.defaults());
        return new ChaosDiagram(t, lates, setup);
    }

    /** The figure's row: bifurcation diagram over η, late trajectories and spectra at the first and last trainable c. */
    public static BufferedImage chart(Table t, Table late, int transientSteps, int window, String name) {
        ChaosDiagram d = diagram(t, late, transientSteps, window);
        Table ok = t.where(t.booleanColumn("diverged").isFalse());
        double lo = ok.doubleColumn("eta").min();
        double hi = ok.doubleColumn("eta").max();
        return ChaosCharts.row(d.bifurcation(), d.trajectories(Math.min(60, window), lo, hi), d.spectra(lo, hi),
                name + ": 4-layer FCN, " + (name.equals("000-fig23") ? "MNIST" : "Fashion-MNIST"));
    }

    /** The claims of 000 §6.4 / App. G.1 about the figure, computed from the table. */
    public static Table claims(Table t) {
        ClaimTable c = new ClaimTable(t.name() + " claims");
        Table ok = t.where(t.booleanColumn("diverged").isFalse());
        int n = ok.rowCount();
        if (n == 0) {
            return c.untested("all", "000 §6.4", "-", "every learning rate diverged").table();
        }
        int eos = 0;
        StringBuilder m = new StringBuilder();
        for (int r = 0; r < n; r++) {
            double v = ok.doubleColumn("eta_lambda_half").get(r);
            eos += Math.abs(v - 1) <= 0.1 ? 1 : 0;
            m.append(r == 0 ? "" : ", ").append("c = ").append(ClaimTable.num(ok.doubleColumn("c").get(r)))
                    .append(": ").append(ClaimTable.num(v));
        }
        double lossLo = ok.doubleColumn("late_loss").min();
        double lossHi = ok.doubleColumn("late_loss").max();
        c.add("After progressive sharpening, for MSE loss, sharpness oscillates around 2/η", "000 §3 (T4), App. G.1",
                "late mean η λ̄^H / 2 within 10 % of 1 at every trainable c", "η λ̄/2 = " + m + " (" + eos + " of " + n
                        + "); late loss " + ClaimTable.num(lossLo) + " … " + ClaimTable.num(lossHi), eos == n);
        // the figures' panels are at learning rates exhibiting EoS: "we choose the smallest and largest learning
        // rate exhibiting EoS for plotting the trajectories and power spectrum" (000 App. G.1)
        Table at = ok.where(ok.doubleColumn("eta_lambda_half").isGreaterThanOrEqualTo(0.9)
                .and(ok.doubleColumn("eta_lambda_half").isLessThanOrEqualTo(1.1)));
        int k = at.rowCount();
        String none = "no trainable c reached EoS (η λ̄/2 within 10 % of 1; late loss " + ClaimTable.num(lossLo)
                + " … " + ClaimTable.num(lossHi) + "): the paper reads the spectra at learning rates exhibiting EoS";
        String cs = "at the smallest c exhibiting EoS";
        if (k == 0) {
            c.untested("real datasets exhibit low-frequency modes at small learning rates", "000 §6.4",
                    "at the smallest c exhibiting EoS the spectrum's power below 0.05 cycles/step exceeds that at or "
                            + "above 0.25", none);
        } else {
            double lowFirst = at.doubleColumn("low_frequency_power").get(0);
            double highFirst = at.doubleColumn("high_frequency_power").get(0);
            c.add("real datasets exhibit low-frequency modes at small learning rates", "000 §6.4",
                    cs + " the spectrum's power below 0.05 cycles/step exceeds that at or above 0.25",
                    "c = " + ClaimTable.num(at.doubleColumn("c").get(0)) + ": low " + ClaimTable.num(lowFirst)
                            + ", high " + ClaimTable.num(highFirst), lowFirst > highFirst);
        }
        String quote = "As the learning rate is increased, high-frequency modes, reminiscent of the period-doubling "
                + "route to chaos, start emerging";
        String test = "high-frequency power (≥ 0.25 cycles/step) larger at the largest c exhibiting EoS than at the "
                + "smallest";
        if (k < 2) {
            c.untested(quote, "000 §6.4, App. G.1", test, k == 0 ? none : "one c exhibits EoS: no trend to test");
        } else {
            double highFirst = at.doubleColumn("high_frequency_power").get(0);
            double highLast = at.doubleColumn("high_frequency_power").get(k - 1);
            c.add(quote, "000 §6.4, App. G.1", test,
                    "c = " + ClaimTable.num(at.doubleColumn("c").get(0)) + ": " + ClaimTable.num(highFirst) + "; c = "
                            + ClaimTable.num(at.doubleColumn("c").get(k - 1)) + ": " + ClaimTable.num(highLast),
                    highLast > highFirst);
        }
        String bands = "FCNs trained on CIFAR-10 only show dense bands in the sharpness rather than exhibiting a "
                + "clear period-doubling route to chaos (the same for MNIST and Fashion-MNIST, App. G.1)";
        String bandsTest = "no period ≤ 32 (relative tolerance 1e-3) in the late sharpness at any c exhibiting EoS";
        if (k == 0) {
            c.untested(bands, "000 §6.4, App. G.1", bandsTest, none);
        } else {
            int aperiodic = 0;
            StringBuilder p = new StringBuilder();
            for (int r = 0; r < k; r++) {
                int per = ((Number) at.column("period").get(r)).intValue();
                aperiodic += per == Periods.NONE ? 1 : 0;
                p.append(r == 0 ? "" : ", ").append("c = ").append(ClaimTable.num(at.doubleColumn("c").get(r)))
                        .append(": ").append(per == Periods.NONE ? "none" : String.valueOf(per));
            }
            c.add(bands, "000 §6.4, App. G.1", bandsTest, "periods " + p + " (" + aperiodic + " of " + k
                    + " aperiodic)", aperiodic == k);
        }
        return c.table();
    }
}
