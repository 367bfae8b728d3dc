package org.sharpnesslab.plot;

import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The charts of 004 (Figures 1–4, Table 2's power law, GD against the exponential Euler solver) from the tables of
 * {@code nn.AlignmentTrajectory}, {@code nn.EulerRun}, {@code nn.TrainingRun} and {@code experiment.AlignmentScaling}.
 * A trajectory table may hold one run or many stacked (columns {@code n} and {@code cell_id}, as the dataset-size
 * sweep gives them): one line per run, coloured by the dataset size n as in 004's figures.
 */
public final class AlignmentCharts {

    private static final int W = 420;
    private static final int H = 320;

    private AlignmentCharts() {
    }

    /**
     * One panel: column {@code y} against {@code x}, a line per run ({@code cell_id}) coloured by {@code n} when
     * the table has those columns.
     */
    public static Figure panel(Table traj, String x, String y, String title) {
        return panel(traj, x, y, title, false);
    }

    private static Figure panel(Table traj, String x, String y, String title, boolean relative) {
        if (!traj.containsColumn(x) || !traj.containsColumn(y)) {
            throw new IllegalArgumentException("table " + traj.name() + " lacks column " + x + " or " + y
                    + "; columns are " + traj.columnNames());
        }
        Figure f = new Figure(W, H);
        f.title(title).axes(Labels.of(x), relative ? Labels.of(y) + " / start" : Labels.of(y));
        Map<String, List<Integer>> runs = new LinkedHashMap<>();
        boolean grouped = traj.containsColumn("cell_id") && traj.containsColumn("n");
        for (int r = 0; r < traj.rowCount(); r++) {
            String id = grouped ? traj.stringColumn("cell_id").get(r) : "run";
            runs.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        TreeMap<Integer, Color> colours = new TreeMap<>();
        if (grouped) {
            for (int r = 0; r < traj.rowCount(); r++) colours.put(traj.intColumn("n").get(r), null);
            int i = 0;
            for (Integer n : colours.keySet()) colours.put(n, ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length]);
        }
        NumericColumn<?> cx = traj.numberColumn(x);
        NumericColumn<?> cy = traj.numberColumn(y);
        java.util.Set<Integer> legend = new java.util.HashSet<>();
        for (Map.Entry<String, List<Integer>> e : runs.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            double base = Double.NaN;
            for (int j = 0; j < rows.size(); j++) {
                xs[j] = cx.isMissing(rows.get(j)) ? Double.NaN : cx.getDouble(rows.get(j));
                ys[j] = cy.isMissing(rows.get(j)) ? Double.NaN : cy.getDouble(rows.get(j));
                if (relative && Double.isNaN(base) && Double.isFinite(ys[j]) && xs[j] >= 10) base = ys[j];
            }
            if (relative) {
                for (int j = 0; j < ys.length; j++) ys[j] = xs[j] >= 10 ? ys[j] / base : Double.NaN;
            }
            int n = grouped ? traj.intColumn("n").get(rows.get(0)) : 0;
            boolean first = grouped && legend.add(n);
            String name = !grouped ? Labels.of(y) : first ? "n = " + n : "n = " + n + " (" + e.getKey() + ")";
            f.addLine(name, xs, ys);
            if (grouped) {
                XYSeries s = f.getSeriesMap().get(name);
                s.setLineColor(colours.get(n));
                s.setShowInLegend(first);
            }
        }
        if (!grouped) f.noLegend();
        return f;
    }

    /** 004 Figure 1: λ₁ of ∇²L (left), of the functional part H (middle) and of G (right) against the step. */
    public static BufferedImage figure1(Table traj) {
        return Figures.row(panel(traj, "step", "lambda_hessian", "sharpness of the Hessian"),
                panel(traj, "step", "lambda_h", "sharpness of H"), panel(traj, "step", "lambda_g", "sharpness of G"));
    }

    /** 004 Figure 2: ρ(K) (left) and E‖K‖²_max (right). */
    public static BufferedImage figure2(Table traj) {
        return Figures.row(panel(traj, "step", "rho_k", "overlap ratio ρ(K)"),
                panel(traj, "step", "e_k2", "E‖K‖²_max"));
    }

    /** 004 Figure 3 (and 14–18): E‖Kⁱ‖²_max for the given layers (004 Fig. 3: 1, 3, 5). */
    public static BufferedImage figure3(Table traj, int... layers) {
        Figure[] fs = new Figure[layers.length];
        for (int j = 0; j < layers.length; j++) {
            fs[j] = panel(traj, "step", "e_k2_" + layers[j], "E‖K" + superscript(layers[j]) + "‖²_max");
        }
        return Figures.row(fs);
    }

    /**
     * 004 Figure 4: the change of the five factors of E‖Δ¹‖² (Eq. 7) relative to their value after the transient
     * (the first snapshot at step ≥ 10): Π_χ¹, P_{χ,Δ/χ}¹, Π_J¹ (top), P_{Δ,J}¹, E‖Δᴸ‖² (bottom).
     */
    public static BufferedImage figure4(Table traj) {
        BufferedImage top = Figures.row(panel(traj, "step", "pi_chi_1", "Π_χ¹", true),
                panel(traj, "step", "p_chi_1", "P_{χ,Δ/χ}¹", true),
                panel(traj, "step", "pi_j_1", "Π_J¹", true));
        BufferedImage bottom = Figures.row(panel(traj, "step", "p_delta_j_1", "P_{Δ,J}¹", true),
                panel(traj, "step", "e_delta_l2", "E‖Δᴸ‖²", true));
        BufferedImage img = new BufferedImage(top.getWidth(), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        return img;
    }

    /**
     * 004 Eq. (9) / Table 2: peak alignment against the dataset size on log-log axes, with the fitted c₁ D^{c₂}.
     *
     * @param results the sweep's table (columns {@code n}, {@code peak_p_delta_j_1})
     * @param c1      fitted c₁
     * @param c2      fitted c₂
     */
    public static Figure powerLaw(Table results, double c1, double c2) {
        Figure f = Plots.figure();
        double[] n = Plots.column(results, "n");
        double[] p = Plots.column(results, "peak_p_delta_j_1");
        f.addPoints("runs", n, p);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : n) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] xs = new double[50];
        double[] ys = new double[50];
        for (int i = 0; i < 50; i++) {
            xs[i] = lo * Math.pow(hi / lo, i / 49.0);
            ys[i] = c1 * Math.pow(xs[i], c2);
        }
        f.addLine(String.format("%.3g·D^%.3g", c1, c2), xs, ys);
        return f.logX().logY().axes("dataset size D", "peak P_{Δ,J}¹").title("power law of peak alignment");
    }

    /**
     * Sharpness against flow time t: gradient descent (t = η·step) and the exponential Euler solver, with the 2/η
     * line: GD stops at it (the edge of stability), the solver does not.
     *
     * @param gd    a GD run's table (columns {@code step}, {@code sharpness})
     * @param euler the solver's per-step table (columns {@code time}, {@code sharpness})
     * @param eta   η of both
     */
    public static Figure gdVersusEuler(Table gd, Table euler, double eta) {
        Figure f = Plots.figure();
        double[] steps = Plots.column(gd, "step");
        double[] t = new double[steps.length];
        for (int i = 0; i < t.length; i++) t[i] = eta * steps[i];
        f.addLine("gradient descent", t, Plots.column(gd, "sharpness"));
        f.addLine("exponential Euler", Plots.column(euler, "time"), Plots.column(euler, "sharpness"));
        return f.yLine(2 / eta, "2/η").axes("flow time t", "sharpness λ^H").title("GD against exponential Euler");
    }

    /** {@code n} in superscript digits (layer indices in labels: E‖K³‖²). */
    static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char ch : Integer.toString(n).toCharArray()) {
            sb.append(ch == '-' ? '⁻' : digits.charAt(ch - '0'));
        }
        return sb.toString();
    }
}
