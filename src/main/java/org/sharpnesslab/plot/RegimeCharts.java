package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Map;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.training.TrainingRun;

import tech.tablesaw.api.Table;

/**
 * Charts of the four regimes of training and of sharpness against weight norm (000 §3 Fig. 1, App. D Figs. 10–12,
 * App. E Figs. 15–17). Steps are drawn on a logarithmic axis as t + 1 (so θ₀ is at 1), as the regimes are read on
 * log-time. Each run is one colour; its 2/η guide is a dashed line in the same colour.
 *
 * <pre>{@code
 * RegimeCharts.sharpness("SP, σ_w² = 0.5", Map.of("c = 0.5", run1, "c = 2", run2))
 * RegimeCharts.withRegimes(RegimeCharts.sharpness("...", Map.of("c = 2", run)), RegimeSegmentation.segment(run))
 * RegimeCharts.weightNorm("Fig. 15", WeightNorms.table(run))
 * }</pre>
 */
public final class RegimeCharts {

    /** Band colours of T1 … T4 (translucent, Okabe-Ito hues). */
    public static final Color[] BANDS = {
        new Color(0, 158, 115, 45), new Color(120, 120, 120, 45), new Color(230, 159, 0, 50),
        new Color(204, 121, 167, 55)
    };

    private static final String[] BAND_NAMES = {"T1 transient", "T2 saturation", "T3 sharpening", "T4 EoS"};

    private RegimeCharts() {
    }

    /** λ^H_t against t + 1 (log) for each run, with its 2/η guide; runs in the map's iteration order. */
    public static Figure sharpness(String title, Map<String, TrainingRun> runs) {
        Figure f = Plots.figure().title(title).axes("step t + 1", "sharpness λ^H").logX().logY();
        int i = 0;
        for (Map.Entry<String, TrainingRun> e : runs.entrySet()) {
            TrainingRun r = e.getValue();
            Color c = ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length];
            line(f, e.getKey(), logSteps(r.rows()), r.sharpness(), c, 1.6f, false);
            double guide = 2 / r.eta();
            line(f, "2/η " + e.getKey(), new double[] {1, r.rows()}, new double[] {guide, guide}, c, 1.3f, true);
        }
        return f;
    }

    /** The training loss against t + 1 for each run (log-log). */
    public static Figure loss(String title, Map<String, TrainingRun> runs) {
        Figure f = Plots.figure().title(title).axes("step t + 1", "training loss").logX().logY();
        int i = 0;
        for (Map.Entry<String, TrainingRun> e : runs.entrySet()) {
            TrainingRun r = e.getValue();
            line(f, e.getKey(), logSteps(r.rows()), r.lossValues(),
                    ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length], 1.6f, false);
        }
        return f;
    }

    /**
     * Adds the regimes of a segmentation table (columns {@code regime}, {@code present}, {@code start_step},
     * {@code end_step}, as made by {@code RegimeSegmentation.segment}) as shaded vertical bands behind the lines
     * already drawn, spanning their y-range. Returns the same figure.
     */
    public static Figure withRegimes(Figure f, Table regimes) {
        for (String c : new String[] {"present", "start_step", "end_step"}) {
            if (!regimes.containsColumn(c)) {
                throw new IllegalArgumentException("Column " + c + " is not present in table " + regimes.name()
                        + "; columns are " + regimes.columnNames());
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : f.getSeriesMap().values()) {
            if (Double.isFinite(s.getYMin())) {
                lo = Math.min(lo, s.getYMin());
                hi = Math.max(hi, s.getYMax());
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (f.isLogY()) {   // the series hold log10 values; regions are given in data units like every series
            lo = Math.pow(10, lo);
            hi = Math.pow(10, hi);
        }
        Map<String, XYSeries> before = new java.util.LinkedHashMap<>(f.getSeriesMap());
        f.getSeriesMap().clear();   // bands first, so they are painted behind the lines
        for (int k = 0; k < regimes.rowCount() && k < 4; k++) {
            if (!regimes.booleanColumn("present").get(k)) {
                continue;
            }
            double a = regimes.doubleColumn("start_step").get(k) + 1;
            double b = regimes.doubleColumn("end_step").get(k) + 1;
            Overlays.region(f, BAND_NAMES[k], new double[] {a, b, b, a}, new double[] {lo, lo, hi, hi}, BANDS[k]);
        }
        f.getSeriesMap().putAll(before);
        return f;
    }

    /**
     * 000 Figs. 15–17 in one chart: ‖θ_t‖/‖θ₀‖ (total, solid, and per layer, thin) and λ^H_t/λ^H_0 against t + 1, from
     * a table of {@code WeightNorms.table} (columns step, sharpness_ratio, weight_norm, weight_norm_1 …).
     */
    public static Figure weightNorm(String title, Table norms) {
        double[] x = Plots.column(norms, "step");
        for (int i = 0; i < x.length; i++) {
            x[i] += 1;
        }
        Figure f = Plots.figure().title(title).axes("step t + 1", "ratio to its value at θ₀");
        line(f, "λ^H / λ^H_0", x, Plots.column(norms, "sharpness_ratio"), ChartStyle.PALETTE[0], 2f, false);
        line(f, "‖θ‖ / ‖θ₀‖", x, relative(Plots.column(norms, "weight_norm")), ChartStyle.PALETTE[1], 2f, false);
        for (int l = 1; norms.containsColumn("weight_norm_" + l); l++) {
            line(f, "layer " + l, x, relative(Plots.column(norms, "weight_norm_" + l)),
                    ChartStyle.PALETTE[(l + 1) % ChartStyle.PALETTE.length], 1f, false);
        }
        return f.logX();
    }

    /** The running Pearson correlation of 000 Eq. (45) (column {@code pearson} of {@code WeightNorms.table}). */
    public static Figure pearson(String title, Map<String, Table> norms) {
        Figure f = Plots.figure().title(title).axes("step t + 1", "Cor(‖θ‖, λ^H/λ^H_0), Eq. 45");
        int i = 0;
        for (Map.Entry<String, Table> e : norms.entrySet()) {
            double[] x = Plots.column(e.getValue(), "step");
            for (int j = 0; j < x.length; j++) {
                x[j] += 1;
            }
            line(f, e.getKey(), x, Plots.column(e.getValue(), "pearson"),
                    ChartStyle.PALETTE[i++ % ChartStyle.PALETTE.length], 1.6f, false);
        }
        return f.logX().yRange(-1, 1);
    }

    private static double[] relative(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / a[0];
        }
        return out;
    }

    private static double[] logSteps(int rows) {
        double[] x = new double[rows];
        for (int t = 0; t < rows; t++) {
            x[t] = t + 1;
        }
        return x;
    }

    /** A line series in data units (the figure maps it to its log axes and drops non-positive points there). */
    private static void line(Figure f, String name, double[] x, double[] y, Color c, float width, boolean dashed) {
        double[][] xy = Figure.finite(x, y);
        XYSeries s = f.addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(width));
    }
}
