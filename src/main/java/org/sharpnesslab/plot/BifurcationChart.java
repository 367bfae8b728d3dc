package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Periods;

/**
 * Charts of a {@link BifurcationDiagram}: the orbit diagram (every kept value a tiny dot), the Lyapunov exponent
 * against the parameter with the λ = 0 line, and both stacked into one image (000 Fig. 3: diagram over η with
 * the Lyapunov exponent beneath).
 */
public final class BifurcationChart {

    /** Dot colour of the diagram (semi-transparent black: dense bands read darker). */
    public static final Color DOTS = new Color(0, 0, 0, 60);

    private BifurcationChart() {
    }

    /**
     * The orbit diagram: x axis the parameter, y axis the recorded value, 1-pixel dots; the axes are titled η and λ,
     * the library's diagrams being over the learning rate (another family: {@link #of(BifurcationDiagram, String,
     * String)}).
     */
    public static Figure of(BifurcationDiagram d) {
        return of(d, "η", "λ");
    }

    /** The orbit diagram with axis titles. */
    public static Figure of(BifurcationDiagram d, String paramName, String valueName) {
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        f.noLegend();
        f.getStyler().setMarkerSize(2);
        // a periodic parameter value draws its p distinct values once (same picture, far fewer markers)
        int keep = d.options().keep();
        double[] p = new double[d.param().length];
        double[] v = new double[p.length];
        int n = 0;
        int src = 0;
        for (int i = 0; i < d.parameters().length; i++) {
            int per = d.period()[i];
            if (per == Periods.DIVERGED) {
                continue;
            }
            int draw = per >= 1 ? Math.min(per, keep) : keep;
            for (int t = 0; t < draw; t++) {
                p[n] = d.param()[src + t];
                v[n++] = d.value()[src + t];
            }
            src += keep;
        }
        if (n == 0) {
            p = new double[] {Double.NaN};
            v = new double[] {Double.NaN};
            n = 1;
        }
        XYSeries s = f.addSeries("orbit", java.util.Arrays.copyOf(p, n), java.util.Arrays.copyOf(v, n));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(DOTS);
        double[] ps = d.parameters();
        if (ps.length > 1) {
            Ticks.niceX(f, ps[0], ps[1], v[0]);
        }
        f.axes(paramName, valueName);
        ticks(f);
        return f;
    }

    /**
     * The Lyapunov exponent per parameter value (diverged values are gaps) with a dashed λ = 0 line.
     *
     * @throws IllegalArgumentException if the diagram was computed without Lyapunov exponents
     */
    public static Figure lyapunov(BifurcationDiagram d, String paramName) {
        if (!d.hasLyapunov()) {
            throw new IllegalArgumentException("the diagram has no Lyapunov exponents: compute it with "
                    + "Bifurcation.Options.withLyapunov(true)");
        }
        Figure f = new Figure(Plots.WIDTH, 220);
        f.noLegend();
        double[] ps = d.parameters();
        double[] l = d.lyapunov().clone();
        double lo = 0;
        for (int i = 0; i < l.length; i++) {
            if (Double.isInfinite(l[i])) {
                l[i] = Double.NaN; // superstable points (f′ = 0 on the orbit): a gap rather than −∞
            }
            if (Double.isFinite(l[i])) {
                lo = Math.min(lo, l[i]);
            }
        }
        XYSeries s = f.addSeries("lyapunov", ps.clone(), l);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartStyle.PALETTE[0]);
        s.setLineStyle(new BasicStroke(1.2f));
        XYSeries z = f.addSeries("zero", new double[] {ps[0], ps[ps.length - 1]}, new double[] {0, 0});
        z.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        z.setMarker(SeriesMarkers.NONE);
        z.setLineStyle(Figure.DASHED);
        z.setLineColor(Color.DARK_GRAY);
        if (ps.length > 1) {
            Ticks.niceX(f, ps[0], ps[1], 0);
        }
        f.axes(paramName, "Lyapunov exponent");
        ticks(f);
        return f;
    }

    private static void ticks(Figure f) {
        f.getStyler().setXAxisDecimalPattern("0.###");
        f.getStyler().setYAxisDecimalPattern("0.0#");
    }

    /** The orbit diagram with the Lyapunov exponent beneath, as one image. */
    public static BufferedImage withLyapunov(BifurcationDiagram d, String paramName, String valueName) {
        return Figures.column(of(d, paramName, valueName), lyapunov(d, paramName));
    }
}
