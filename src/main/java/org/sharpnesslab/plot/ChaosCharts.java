package org.sharpnesslab.plot;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import tech.tablesaw.api.Table;

/**
 * The three panels of a row of 000 Fig. 5 (§6.4, App. G): the bifurcation diagram of the late-time sharpness
 * against η with the 2/η curve, the late-time trajectories, and their power spectra (App. B.5).
 */
public final class ChaosCharts {

    private ChaosCharts() {
    }

    /** The bifurcation diagram (late λ^H against η) with the dashed curve 2/η. */
    public static Figure bifurcation(BifurcationDiagram d, String title) {
        Figure f = BifurcationChart.of(d, "learning rate η", "late-time sharpness λ^H");
        f.getStyler().setMarkerSize(5); // a dozen learning rates, not thousands: dots must be seen
        f.getSeriesMap().get("orbit").setMarkerColor(new java.awt.Color(0, 0, 0, 150));
        double[] p = Arrays.stream(d.parameters()).filter(Double::isFinite).toArray();
        double[] two = Arrays.stream(p).map(e -> 2 / e).toArray();
        f.addLine("2/η", p, two);
        f.getSeriesMap().get("2/η").setLineStyle(Figure.DASHED);
        f.getSeriesMap().get("2/η").setLineColor(ChartStyle.PALETTE[1]);
        f.getStyler().setLegendVisible(true);
        f.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        f.getSeriesMap().get("orbit").setShowInLegend(false);
        return f.title(title);
    }

    /**
     * The late-time sharpness trajectories of a long table (columns {@code eta}, {@code step}, {@code sharpness},
     * as {@code RouteToChaos.Diagram.trajectories}), one line per η.
     */
    public static Figure trajectories(Table t, String title) {
        Figure f = Plots.figure().axes("step", "sharpness λ^H").title(title);
        double[] x = null;
        for (Map.Entry<Double, int[]> e : groups(t).entrySet()) {
            int[] rows = e.getValue();
            x = pick(t, "step", rows);
            double[] y = pick(t, "sharpness", rows);
            f.addLine(String.format("η = %.4g", e.getKey()), x, y);
            if (x.length > 1) {
                Ticks.niceX(f, x[0], x[1], y[0]);
            }
        }
        f.getStyler().setXAxisDecimalPattern("0");
        return f;
    }

    /**
     * The power spectra of a long table (columns {@code eta}, {@code frequency}, {@code power}, as
     * {@code RouteToChaos.Diagram.spectra}), one line per η, log power; frequency ω/T in cycles per step.
     */
    public static Figure spectra(Table t, String title) {
        Figure f = Plots.figure().axes("frequency ω/T", "power P(ω)").title(title);
        double floor = 1e-8;
        for (Map.Entry<Double, int[]> e : groups(t).entrySet()) {
            int[] rows = e.getValue();
            double[] fr = pick(t, "frequency", rows);
            double[] p = pick(t, "power", rows);
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.max(p[i], floor);
            }
            // ω = 0 carries no power after standardisation: start at ω = 1
            f.addLine(String.format("η = %.4g", e.getKey()), Arrays.copyOfRange(fr, 1, fr.length),
                    Arrays.copyOfRange(p, 1, p.length));
            if (fr.length > 2) {
                Ticks.niceX(f, fr[1], fr[2], p[1]);
            }
        }
        f.getStyler().setXAxisDecimalPattern("0.0#");
        return f.logY();
    }

    /** The three panels side by side, as one image (a row of 000 Fig. 5). */
    public static BufferedImage row(BifurcationDiagram d, Table trajectories, Table spectra, String title) {
        Figure a = bifurcation(d, title);
        Figure b = trajectories(trajectories, "late-time λ^H");
        Figure c = spectra(spectra, "power spectrum");
        for (Figure f : new Figure[] {a, b, c}) {
            f.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        }
        return Figures.row(small(a), small(b), small(c));
    }

    private static Figure small(Figure f) {
        return f.size(500, 360);
    }

    private static Map<Double, int[]> groups(Table t) {
        double[] eta = Plots.column(t, "eta");
        Map<Double, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < eta.length; i++) {
            int[] a = m.getOrDefault(eta[i], new int[0]);
            a = Arrays.copyOf(a, a.length + 1);
            a[a.length - 1] = i;
            m.put(eta[i], a);
        }
        return m;
    }

    private static double[] pick(Table t, String col, int[] rows) {
        double[] all = Plots.column(t, col);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }
}
