package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An XChart {@link XYChart} with fluent helpers for the guides the papers draw (the 2/η line, thresholds,
 * log axes). It is a real XChart chart: everything that renders or saves an XYChart takes it.
 *
 * <pre>{@code Plots.line(run, "step", "lambda").yLine(2 / 0.3, "2/eta").logY() }</pre>
 */
public class Figure extends XYChart {

    /** Dashed stroke used for guide lines. */
    public static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    /** A new empty figure of the given size in pixels, in the project's default style. */
    public Figure(int width, int height) {
        super(width, height, Styler.ChartTheme.XChart);
        ChartStyle.applyDefaults(this);
        getStyler().setCursorEnabled(false);
        getStyler().setZoomEnabled(false);
    }

    /** Adds a line series. Non-finite points are dropped. */
    public Figure addLine(String name, double[] x, double[] y) {
        double[][] xy = finite(x, y);
        XYSeries s = addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        return this;
    }

    /** Adds a scatter series (markers only). Non-finite points are dropped. */
    public Figure addPoints(String name, double[] x, double[] y) {
        double[][] xy = finite(x, y);
        XYSeries s = addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** A dashed horizontal guide at height {@code y} across the x-range of the data drawn so far. */
    public Figure yLine(double y, String name) {
        double[] xr = xRange();
        XYSeries s = addSeries(name, new double[] {xr[0], xr[1]}, new double[] {y, y});
        guideStyle(s);
        return this;
    }

    /** A dashed vertical guide at {@code x} across the y-range of the data drawn so far. */
    public Figure xLine(double x, String name) {
        double[] yr = yRange();
        XYSeries s = addSeries(name, new double[] {x, x}, new double[] {yr[0], yr[1]});
        guideStyle(s);
        return this;
    }

    /** Logarithmic y axis. */
    public Figure logY() {
        getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** Logarithmic x axis. */
    public Figure logX() {
        getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /** Sets the title. */
    public Figure title(String title) {
        setTitle(title);
        return this;
    }

    /** Sets the axis titles. */
    public Figure axes(String xTitle, String yTitle) {
        setXAxisTitle(xTitle);
        setYAxisTitle(yTitle);
        return this;
    }

    /** Fixes the y range. */
    public Figure yRange(double min, double max) {
        getStyler().setYAxisMin(min);
        getStyler().setYAxisMax(max);
        return this;
    }

    /** Fixes the x range. */
    public Figure xRange(double min, double max) {
        getStyler().setXAxisMin(min);
        getStyler().setXAxisMax(max);
        return this;
    }

    /** Resizes the figure to w × h pixels. */
    public Figure size(int w, int h) {
        if (w < 10 || h < 10) {
            throw new IllegalArgumentException("figure size must be >= 10 x 10 pixels, was " + w + " x " + h);
        }
        setWidth(w);
        setHeight(h);
        return this;
    }

    /** Hides the legend. */
    public Figure noLegend() {
        getStyler().setLegendVisible(false);
        return this;
    }

    private static void guideStyle(XYSeries s) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(DASHED);
        s.setLineColor(Color.DARK_GRAY);
    }

    private double[] xRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : getSeriesMap().values()) {
            lo = Math.min(lo, s.getXMin());
            hi = Math.max(hi, s.getXMax());
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private double[] yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : getSeriesMap().values()) {
            lo = Math.min(lo, s.getYMin());
            hi = Math.max(hi, s.getYMax());
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    static double[][] finite(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length: " + x.length + " vs " + y.length);
        }
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        if (n == 0) { // XChart rejects empty series; keep the legend entry without drawing anything visible
            return new double[][] {new double[] {Double.NaN}, new double[] {Double.NaN}};
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }
}
