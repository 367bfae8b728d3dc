package org.sharpnesslab.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.uv.UVRun;

/**
 * Charts of the UV model beyond the phase portrait: bifurcation diagrams over η with the ηλ = 2 curve and η_c
 * (000 Fig. 3), the Lyapunov exponent against η (drawn beneath the diagram, same η axis), and loss and sharpness
 * trajectories with their 2/η lines (000 Figs. 7–8).
 */
public final class UVCharts {

    private UVCharts() {
    }

    /**
     * The bifurcation diagram as λ against η (dyn's {@link BifurcationChart#of} on the values mapped by
     * {@code toLambda}: identity when the diagram already holds λ, {@code eos::lambdaOf} for Eq. 3's Δf), with the
     * curve λ = 2/η and a vertical line at η_c.
     */
    public static Figure bifurcation(BifurcationDiagram d, DoubleUnaryOperator toLambda, double etaC, String title) {
        double[] lam = new double[d.value().length];
        for (int i = 0; i < lam.length; i++) {
            lam[i] = toLambda.applyAsDouble(d.value()[i]);
        }
        BifurcationDiagram dl = new BifurcationDiagram(d.parameters(), d.param(), lam, d.period(), d.lyapunov(),
                d.coordinate(), d.options());
        Figure f = BifurcationChart.of(dl, "η", "λ");
        f.setTitle(title);
        double[] p = d.parameters();
        double[] two = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            two[i] = 2 / p[i];
        }
        XYSeries g = f.addSeries("2/η", p.clone(), two);
        g.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        g.setMarker(SeriesMarkers.NONE);
        g.setLineColor(new Color(213, 94, 0));
        g.setLineStyle(Figure.DASHED);
        if (etaC >= p[0] && etaC <= p[p.length - 1]) {
            f.xLine(etaC, "η_c");
        }
        f.getStyler().setLegendVisible(true);
        f.getSeriesMap().get("orbit").setShowInLegend(false);
        return f;
    }

    /** The diagram (as {@link #bifurcation}) with dyn's Lyapunov chart beneath, stacked into one image (000 Fig. 3). */
    public static BufferedImage withLyapunov(BifurcationDiagram d, DoubleUnaryOperator toLambda, double etaC,
            String title) {
        return Figures.column(bifurcation(d, toLambda, etaC, title), BifurcationChart.lyapunov(d, "η"));
    }

    /** Loss against step + 1 for several runs (log–log, so the first steps' catapult shows), one line per run labelled with its η. */
    public static Figure loss(String title, UVRun... runs) {
        Figure f = new Figure(560, 380);
        for (UVRun r : runs) {
            double[] x = steps(r.loss().length);
            double[] y = r.loss().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(y[i], 1e-30);
            }
            f.addLine(label(r), x, y);
        }
        f.logY();
        f.logX();
        f.axes("step + 1", "loss");
        f.title(title);
        return f;
    }

    /**
     * Sharpness against step + 1 (log x) for several runs: λ^H ({@code trace == false}, 000 Fig. 7) or λ = Tr H
     * ({@code trace == true}, Fig. 8), each with its 2/η line dashed in the same colour.
     */
    public static Figure sharpness(String title, boolean trace, UVRun... runs) {
        Figure f = new Figure(560, 380);
        int c = 0;
        for (UVRun r : runs) {
            Color col = ChartStyle.PALETTE[c++ % ChartStyle.PALETTE.length];
            double[] x = steps(r.df().length);
            f.addLine(label(r), x, trace ? r.lambda() : r.lambdaH());
            f.getSeriesMap().get(label(r)).setLineColor(col);
            XYSeries g = f.addSeries("2/η " + label(r), new double[] {1, Math.max(2, x.length)},
                    new double[] {2 / r.eta(), 2 / r.eta()});
            g.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            g.setMarker(SeriesMarkers.NONE);
            g.setLineStyle(Figure.DASHED);
            g.setLineColor(col);
            g.setShowInLegend(false);
        }
        // a diverged run would squash the others into a flat line: cap the axis above the converging ones
        double top = 0;
        for (UVRun r : runs) {
            top = Math.max(top, 2 / r.eta());
            if (!r.diverged()) {
                for (double v : trace ? r.lambda() : r.lambdaH()) {
                    if (Double.isFinite(v)) {
                        top = Math.max(top, v);
                    }
                }
            }
        }
        if (top > 0 && Double.isFinite(top)) {
            f.yRange(0, 1.15 * top);
        }
        f.logX();
        f.axes("step + 1", trace ? "λ = Tr H" : "λ^H");
        f.title(title);
        return f;
    }

    private static String label(UVRun r) {
        return String.format("η=%.3g%s", r.eta(), r.diverged() ? " (diverged)" : "");
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
