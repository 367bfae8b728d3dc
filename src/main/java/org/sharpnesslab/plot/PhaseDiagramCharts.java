package org.sharpnesslab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.study.early.SaturationCurve;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of 002's early-training phase diagrams: averaged critical constants against 1/width or depth with their
 * 25–75 % quantile bars and the quadratic fits of Figs. 1, 3, 6, 7, 13; the per-run scatter of Figs. 4 and 12; the
 * intermediate-saturation curves of Figs. 5 and 10; the uv trajectories of Fig. 8 and the first-step averages of
 * Fig. 11.
 */
public final class PhaseDiagramCharts {

    private static final java.awt.BasicStroke SOLID = new java.awt.BasicStroke(1.5f);

    private PhaseDiagramCharts() {
    }

    /**
     * The phase diagram of Fig. 3: for each constant X, the mean X_mean (marker) at y = 1/width (or the group value),
     * a horizontal bar from X_q25 to X_q75, and a fitted curve X = a + b·y + c·y² (002 App. A.3) when there are at
     * least three groups. x axis c (linear: the constants span less than a decade), a dashed guide at c = 2.
     *
     * @param summary   a table of {@code CriticalConstants.summary}
     * @param group     the group column ("width", "depth", …)
     * @param inverse   plot 1/group (as for width) instead of the group value (depth)
     * @param constants the constants to draw, e.g. "c_loss", "c_sharp", "c_max"
     */
    public static Figure phaseDiagram(Table summary, String group, boolean inverse, String... constants) {
        double[] y = groupValues(summary, group, inverse);
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        String prefix = constants.length > 0 && constants[0].startsWith("k_") ? "k" : "c";
        f.title("phase diagram of early training").axes(prefix, inverse ? "1/" + group : group);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < constants.length; i++) {
            String k = constants[i];
            Color col = ChartStyle.PALETTE[i % ChartStyle.PALETTE.length];
            double[] mean = Plots.column(summary, k + "_mean");
            double[] q25 = Plots.column(summary, k + "_q25");
            double[] q75 = Plots.column(summary, k + "_q75");
            f.addPoints("⟨" + k + "⟩", mean, y);
            f.getSeriesMap().get("⟨" + k + "⟩").setMarkerColor(col);
            for (int r = 0; r < y.length; r++) {
                XYSeries bar = f.addSeries(k + " bar " + r, new double[] {q25[r], q75[r]}, new double[] {y[r], y[r]});
                bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(col);
                bar.setLineStyle(SOLID);
                bar.setShowInLegend(false);
                lo = Math.min(lo, Math.min(q25[r], mean[r]));
                hi = Math.max(hi, Math.max(q75[r], mean[r]));
            }
            double[][] fit = quadraticFit(y, mean);
            if (fit != null) {
                f.addLine(k + " fit", fit[1], fit[0]);
                XYSeries s = f.getSeriesMap().get(k + " fit");
                s.setLineColor(col);
                s.setLineStyle(SOLID);
                s.setShowInLegend(false);
            }
        }
        double ymin = java.util.Arrays.stream(y).min().orElse(0);
        double ymax = java.util.Arrays.stream(y).max().orElse(1);
        XYSeries two = f.addSeries(prefix + " = 2", new double[] {2, 2}, new double[] {ymin, ymax});
        two.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        two.setMarker(SeriesMarkers.NONE);
        two.setLineStyle(Figure.DASHED);
        two.setLineColor(Color.GRAY);
        f.xRange(Math.min(lo, 2) / 1.1, Math.max(hi, 2) * 1.1);
        return f;
    }

    /** Quadratic least-squares fit x = a + b·y + c·y² sampled at 50 y values, or null with fewer than 3 groups. */
    static double[][] quadraticFit(double[] y, double[] x) {
        WeightedObservedPoints pts = new WeightedObservedPoints();
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pts.add(y[i], x[i]);
                distinct.add(y[i]);
            }
        }
        if (distinct.size() < 3) {
            return null;
        }
        double[] c = PolynomialCurveFitter.create(2).fit(pts.toList());
        double lo = distinct.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = distinct.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double[] ys = new double[50];
        double[] xs = new double[50];
        for (int i = 0; i < 50; i++) {
            ys[i] = lo + (hi - lo) * i / 49;
            xs[i] = c[0] + c[1] * ys[i] + c[2] * ys[i] * ys[i];
        }
        return new double[][] {ys, xs};
    }

    private static double[] groupValues(Table t, String group, boolean inverse) {
        Column<?> col = t.column(group);
        double[] y = new double[t.rowCount()];
        for (int r = 0; r < y.length; r++) {
            double v = ((Number) col.get(r)).doubleValue();
            y[r] = inverse ? 1 / v : v;
        }
        return y;
    }

    /**
     * The per-run relationship of Figs. 4 and 12: c_sharp against c_loss and c_max against c_sharp, one marker per
     * initialisation, with the line y = x; points above the line satisfy the inequality.
     */
    public static Figure criticalScatter(Table perInit) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title("per-run critical constants (c_loss ≤ c_sharp ≤ c_max)").axes("c_loss, c_sharp", "c_sharp, c_max");
        double[] l = Plots.column(perInit, "c_loss");
        double[] s = Plots.column(perInit, "c_sharp");
        double[] m = Plots.column(perInit, "c_max");
        f.addPoints("(c_loss, c_sharp)", l, s);
        f.addPoints("(c_sharp, c_max)", s, m);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : new double[][] {l, s, m}) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        f.addLine("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        XYSeries d = f.getSeriesMap().get("y = x");
        d.setLineStyle(Figure.DASHED);
        d.setLineColor(Color.GRAY);
        return f.logX().logY();
    }

    /**
     * Fig. 5a / 10a: ⟨λ_τ/λ₀⟩ against c for each curve, with dotted lines at ± one standard deviation.
     */
    public static Figure normalisedSharpness(Map<String, SaturationCurve> curves) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title("normalised sharpness in the intermediate saturation regime").axes("c", "⟨λ_τ/λ_0⟩");
        int i = 0;
        for (var e : curves.entrySet()) {
            SaturationCurve s = e.getValue();
            Color col = ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length];
            f.addLine(e.getKey(), s.c(), s.mean());
            f.getSeriesMap().get(e.getKey()).setLineColor(col);
            f.getSeriesMap().get(e.getKey()).setLineStyle(SOLID);
            double[] up = new double[s.c().length];
            double[] dn = new double[s.c().length];
            for (int j = 0; j < up.length; j++) {
                up[j] = s.mean()[j] + s.std()[j];
                dn[j] = s.mean()[j] - s.std()[j];
            }
            for (var band : List.of(Map.entry(" +σ", up), Map.entry(" −σ", dn))) {
                f.addLine(e.getKey() + band.getKey(), s.c(), band.getValue());
                XYSeries b = f.getSeriesMap().get(e.getKey() + band.getKey());
                b.setLineColor(col);
                b.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                b.setShowInLegend(false);
            }
        }
        return logIfWide(f, curves);
    }

    /** A log c axis when the curves span more than a decade (XChart labels only decades on a log axis). */
    private static Figure logIfWide(Figure f, Map<String, SaturationCurve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (SaturationCurve s : curves.values()) {
            lo = Math.min(lo, s.c()[0]);
            hi = Math.max(hi, s.c()[s.c().length - 1]);
        }
        return hi > 10 * lo ? f.logX() : f;
    }

    /** Fig. 5b / 10b: χ_τ = −∂⟨λ_τ/λ₀⟩/∂c, with c_crit marked. */
    public static Figure chi(Map<String, SaturationCurve> curves) {
        return derivative(curves, false);
    }

    /** Fig. 5c / 10c: χ'_τ = −∂²⟨λ_τ/λ₀⟩/∂c², with c_crit (its maximum) marked. */
    public static Figure chiPrime(Map<String, SaturationCurve> curves) {
        return derivative(curves, true);
    }

    private static Figure derivative(Map<String, SaturationCurve> curves, boolean second) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title(second ? "χ'_τ and c_crit" : "χ_τ and c_crit").axes("c", second ? "χ'_τ" : "χ_τ");
        int i = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Map<String, Double> crit = new LinkedHashMap<>();
        for (var e : curves.entrySet()) {
            SaturationCurve s = e.getValue();
            double[] y = second ? s.chiPrime() : s.chi();
            f.addLine(e.getKey(), s.c(), y);
            f.getSeriesMap().get(e.getKey()).setLineColor(ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length]);
            f.getSeriesMap().get(e.getKey()).setLineStyle(SOLID);
            for (double v : y) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            crit.put(e.getKey(), s.cCrit());
        }
        i = 0;
        for (var e : crit.entrySet()) {
            XYSeries v = f.addSeries("c_crit " + e.getKey() + " = " + String.format("%.3g", e.getValue()),
                    new double[] {e.getValue(), e.getValue()}, new double[] {lo, hi});
            v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            v.setMarker(SeriesMarkers.NONE);
            v.setLineStyle(Figure.DASHED);
            v.setLineColor(ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length]);
        }
        return logIfWide(f, curves);
    }

    /**
     * Fig. 8: uv trajectories in the (weight correlation, tr H) plane over level curves of the loss
     * L = w·tr H²·ρ²/8 (‖u‖ = ‖v‖), for the given levels.
     *
     * @param trajectories name → a table of {@code uv.EarlyTraining.trajectory} (columns correlation, trace)
     * @param w            the width (for the level curves)
     * @param levels       loss levels of the level curves
     */
    public static Figure uvTrajectories(Map<String, Table> trajectories, int w, double... levels) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title("uv trajectories, w = " + w).axes("weight correlation ⟨u,v⟩/‖u‖‖v‖", "tr H");
        double tmax = 0;
        for (Table t : trajectories.values()) {
            for (double v : Plots.column(t, "trace")) {
                tmax = Math.max(tmax, v);
            }
        }
        tmax *= 1.1;
        for (double level : levels) {
            // ρ = ±√(8L/w)/tr H on tr H ∈ [√(8L/w), tmax]
            double t0 = Math.sqrt(8 * level / w);
            if (t0 >= tmax) {
                continue;
            }
            List<double[]> xs = new ArrayList<>();
            for (int sign : new int[] {1, -1}) {
                double[] rho = new double[60];
                double[] tr = new double[60];
                for (int i = 0; i < 60; i++) {
                    tr[i] = t0 * Math.pow(tmax / t0, i / 59.0);
                    rho[i] = sign * t0 / tr[i];
                }
                String name = String.format("L = %.3g%s", level, sign > 0 ? "" : " ");
                f.addLine(name, rho, tr);
                XYSeries s = f.getSeriesMap().get(name);
                s.setLineColor(new Color(200, 200, 200));
                s.setShowInLegend(sign > 0);
                xs.add(rho);
            }
        }
        int i = 0;
        for (var e : trajectories.entrySet()) {
            Color col = ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length];
            f.addLine(e.getKey(), Plots.column(e.getValue(), "correlation"), Plots.column(e.getValue(), "trace"));
            XYSeries s = f.getSeriesMap().get(e.getKey());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SOLID);
            s.setLineColor(col);
            s.setMarkerColor(col);
        }
        return f.xRange(-1, 1);
    }

    /**
     * Fig. 11a/b: ⟨L₁/L₀⟩ against k, the closed form (line) and Monte-Carlo (markers), one colour per width,
     * with the guide ⟨L₁/L₀⟩ = 1.
     *
     * @param t columns width, k, analytic, monte_carlo
     */
    public static Figure firstStep(Table t) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.title("first step: ⟨L₁/L₀⟩ (Eq. 16 lines, Monte-Carlo markers)").axes("k", "⟨L₁/L₀⟩");
        int i = 0;
        for (var slice : t.splitOn("width")) {
            Table g = slice.asTable();
            String w = "w = " + g.column("width").get(0);
            Color col = ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length];
            f.addLine(w, Plots.column(g, "k"), Plots.column(g, "analytic"));
            f.getSeriesMap().get(w).setLineColor(col);
            f.getSeriesMap().get(w).setLineStyle(SOLID);
            f.addPoints(w + " MC", Plots.column(g, "k"), Plots.column(g, "monte_carlo"));
            XYSeries s = f.getSeriesMap().get(w + " MC");
            s.setMarkerColor(col);
            s.setShowInLegend(false);
        }
        return f.yLine(1, "⟨L₁/L₀⟩ = 1");
    }
}
