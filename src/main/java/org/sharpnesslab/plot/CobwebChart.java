package org.sharpnesslab.plot;

import java.awt.Color;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.Cobweb;

/**
 * The cobweb plot of a one-dimensional map ({@link Cobweb}): the graph of f over the window, the diagonal y = x,
 * the orbit's staircase between them, and the fixed points marked (filled: stable, |f′(x*)| &lt; 1; open:
 * unstable). 000 §5's EoS map (Eq. 3) in Δf, or the logistic map; DynamicalSystems.jl's {@code cobweb} is the model.
 *
 * <pre>{@code
 * CobwebChart.of(Cobweb.of(EoSMap.of(eta, 1, 1, 1).asMap1D(), 0.1, 60, -1.2, 0.6), "Δf")
 * }</pre>
 */
public final class CobwebChart {

    /** Points on the graph of f. */
    public static final int GRAPH_POINTS = 600;

    private CobwebChart() {
    }

    /** The cobweb with the coordinate named x. */
    public static Figure of(Cobweb c) {
        return of(c, "x");
    }

    /**
     * The cobweb with the coordinate named {@code name}: axes x_t and x_{t+1}; series "f", "y = x", "orbit",
     * "stable fixed points", "unstable fixed points" (the last two only when there are such points).
     */
    public static Figure of(Cobweb c, String name) {
        if (c == null) {
            throw new IllegalArgumentException("cobweb must not be null");
        }
        Figure f = new Figure(Plots.WIDTH, Plots.HEIGHT);
        double[] gx = new double[GRAPH_POINTS + 1];
        double[] gy = new double[gx.length];
        for (int i = 0; i <= GRAPH_POINTS; i++) {
            gx[i] = c.lo() + (c.hi() - c.lo()) * i / GRAPH_POINTS;
            double y = c.map().f(gx[i]);
            gy[i] = Double.isFinite(y) ? y : Double.NaN;
        }
        f.addLine("f", gx, gy);
        f.addLine("y = x", new double[] {c.lo(), c.hi()}, new double[] {c.lo(), c.hi()});
        f.getSeriesMap().get("y = x").setLineStyle(Figure.DASHED);
        f.getSeriesMap().get("y = x").setLineColor(Color.GRAY);
        f.addLine("orbit", c.staircaseX(), c.staircaseY());
        boolean[] stable = c.stable();
        points(f, "stable fixed points", c, stable, true);
        points(f, "unstable fixed points", c, stable, false);
        f.axes(name + "_t", name + "_{t+1}");
        return f;
    }

    private static void points(Figure f, String label, Cobweb c, boolean[] stable, boolean which) {
        int n = 0;
        for (boolean b : stable) {
            if (b == which) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double[] x = new double[n];
        int j = 0;
        for (int i = 0; i < stable.length; i++) {
            if (stable[i] == which) {
                x[j++] = c.fixedPoints()[i];
            }
        }
        XYSeries s = f.addSeries(label, x, x.clone());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(which ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        s.setMarkerColor(which ? Color.BLACK : Color.RED);
    }
}
