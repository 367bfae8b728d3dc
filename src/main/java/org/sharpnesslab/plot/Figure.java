package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.task.Check;

/**
 * An XChart {@link XYChart} with fluent helpers for the guides the papers draw (the 2/η line, thresholds,
 * log axes). It is a real XChart chart: everything that renders or saves an XYChart takes it.
 *
 * <pre>{@code Plots.line(run, "step", "lambda").yLine(2 / 0.3, "2/η").logY() }</pre>
 */
public class Figure extends XYChart {

    /** Dashed stroke used for guide lines. */
    public static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private boolean logX;
    private boolean logY;

    /** A new empty figure of the given size in pixels, in the project's default style. */
    public Figure(int width, int height) {
        super(width, height, Styler.ChartTheme.XChart);
        ChartStyle.applyDefaults(this);
        getStyler().setCursorEnabled(false);
        getStyler().setZoomEnabled(false);
        setCustomXAxisTickLabelsFormatter(Figure::tickLabel);
        setCustomYAxisTickLabelsFormatter(Figure::tickLabel);
    }

    /**
     * Paints with XChart's "nice number" ticks on both axes, spaced from the axis range and the label widths:
     * XChart 3.8.8 instead puts a tick at every data value when the values of an axis are equally spaced (400
     * integer steps would print 400 overlapping labels), so an invisible point off that grid is present while the
     * chart paints ({@link Ticks}).
     */
    @Override
    public void paint(java.awt.Graphics2D g, int width, int height) {
        String breaker = Ticks.breakGrid(this);
        try {
            super.paint(g, width, height);
        } finally {
            if (breaker != null) {
                removeSeries(breaker);
            }
        }
    }

    /**
     * A tick label for reading: at most 4 significant digits, no floating-point noise (0.30000000000000004 is
     * "0.3"), a leading zero ("0.05", not ".05"), and powers of ten ("2E-5") outside [10⁻³, 10⁵].
     */
    static String tickLabel(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                .stripTrailingZeros();
        if (a >= 1e-3 && a < 1e5) {
            return b.toPlainString();
        }
        int exp = b.precision() - b.scale() - 1;
        java.math.BigDecimal mantissa = b.movePointLeft(exp).stripTrailingZeros();
        return mantissa.toPlainString() + "E" + exp;
    }

    /**
     * Every series goes through here: on a log axis the values are stored as log₁₀ (non-positive points are
     * dropped), so the axis gets evenly spaced, readable decade labels (see {@link #logY()}).
     */
    @Override
    public XYSeries addSeries(String name, double[] x, double[] y) {
        return addSeries(name, x, y, null);
    }

    /** {@link #addSeries(String, double[], double[])} with error bars (kept for the points that are drawn). */
    @Override
    public XYSeries addSeries(String name, double[] x, double[] y, double[] errorBars) {
        if (!logX && !logY) {
            return super.addSeries(name, x, y, errorBars);
        }
        double[][] t = toAxes(x, y);
        return super.addSeries(name, t[0], t[1], errorBars == null ? null : Arrays.copyOf(errorBars, t[0].length));
    }

    private double[][] toAxes(double[] x, double[] y) {
        double[] tx = new double[y.length];
        double[] ty = new double[y.length];
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            double xi = x == null ? i + 1 : x[i];
            double a = logX ? Math.log10(xi) : xi;
            double b = logY ? Math.log10(y[i]) : y[i];
            boolean keep = (!logX || xi > 0) && (!logY || y[i] > 0);
            if (keep || (Double.isNaN(xi) || Double.isNaN(y[i]))) {   // NaN keeps its meaning: a break in the line
                tx[n] = keep ? a : Double.NaN;
                ty[n] = keep ? b : Double.NaN;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(tx, n), Arrays.copyOf(ty, n)};
    }

    /** A series of values already in axis coordinates (log₁₀ on a log axis): no conversion. */
    XYSeries addAxisSeries(String name, double[] x, double[] y) {
        return super.addSeries(name, x, y, null);
    }

    /** Whether the y axis is logarithmic ({@link #logY()}). */
    public boolean isLogY() {
        return logY;
    }

    /** Whether the x axis is logarithmic ({@link #logX()}). */
    public boolean isLogX() {
        return logX;
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
        addAnnotation(new GuideLabel(name, axisX(xr[1]), axisY(y), false));
        return this;
    }

    /** A dashed vertical guide at {@code x} across the y-range of the data drawn so far. */
    public Figure xLine(double x, String name) {
        double[] yr = yRange();
        XYSeries s = addSeries(name, new double[] {x, x}, new double[] {yr[0], yr[1]});
        guideStyle(s);
        addAnnotation(new GuideLabel(name, axisX(x), axisY(yr[1]), true));
        return this;
    }

    /**
     * Logarithmic y axis. The values are drawn as log₁₀ on an ordinary axis whose ticks XChart spaces evenly, and
     * labelled as powers of ten ("1E-12"; 1, 10, 100, 1000 and 0.1, 0.01 written out), so a loss spanning 37 decades
     * gets a label every few decades instead of 37 overlapping ones. Series already drawn are converted.
     */
    public Figure logY() {
        if (!logY) {
            convertSeries(false, true);
            logY = true;
            setCustomYAxisTickLabelsFormatter(Figure::powerOfTenLabel);
            Double lo = getStyler().getYAxisMin();
            Double hi = getStyler().getYAxisMax();
            getStyler().setYAxisMin(lo == null ? null : axisY(lo));
            getStyler().setYAxisMax(hi == null ? null : axisY(hi));
        }
        return this;
    }

    /** Logarithmic x axis, drawn and labelled like {@link #logY()}. */
    public Figure logX() {
        if (!logX) {
            convertSeries(true, false);
            logX = true;
            setCustomXAxisTickLabelsFormatter(Figure::powerOfTenLabel);
            Double lo = getStyler().getXAxisMin();
            Double hi = getStyler().getXAxisMax();
            getStyler().setXAxisMin(lo == null ? null : axisX(lo));
            getStyler().setXAxisMax(hi == null ? null : axisX(hi));
        }
        return this;
    }

    /** The label of an axis tick at exponent {@code e}: 10^e written as a power of ten or, off the decades, as a number. */
    static String powerOfTenLabel(double e) {
        long k = Math.round(e);
        if (Math.abs(e - k) < 1e-9) {
            if (k >= 0 && k <= 3) {
                return String.valueOf((long) Math.pow(10, k));
            }
            if (k == -1 || k == -2) {
                return k == -1 ? "0.1" : "0.01";
            }
            return "1E" + k;
        }
        return String.format("%.2g", Math.pow(10, e));
    }

    private void convertSeries(boolean xAxis, boolean yAxis) {
        for (XYSeries s : getSeriesMap().values()) {
            double[] x = s.getXData().clone();
            double[] y = s.getYData().clone();
            for (int i = 0; i < x.length; i++) {
                if (xAxis) {
                    x[i] = x[i] > 0 ? Math.log10(x[i]) : Double.NaN;
                }
                if (yAxis) {
                    y[i] = y[i] > 0 ? Math.log10(y[i]) : Double.NaN;
                }
            }
            updateXYSeries(s.getName(), x, y, null);
        }
    }

    private double axisX(double x) {
        return logX ? Math.log10(x) : x;
    }

    private double axisY(double y) {
        return logY ? Math.log10(y) : y;
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

    /** Fixes the y range (data values; on a log axis both must be positive). */
    public Figure yRange(double min, double max) {
        getStyler().setYAxisMin(axisY(min));
        getStyler().setYAxisMax(axisY(max));
        return this;
    }

    /** Fixes the x range (data values; on a log axis both must be positive). */
    public Figure xRange(double min, double max) {
        getStyler().setXAxisMin(axisX(min));
        getStyler().setXAxisMax(axisX(max));
        return this;
    }

    /** Resizes the figure to w × h pixels. */
    public Figure size(int w, int h) {
        if (w < 10 || h < 10) {
            throw new IllegalArgumentException("figure size must be >= 10 x 10 pixels, got " + w + " x " + h);
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
        if (!(lo <= hi)) {
            return logX ? new double[] {1, 10} : new double[] {0, 1};
        }
        return logX ? new double[] {Math.pow(10, lo), Math.pow(10, hi)} : new double[] {lo, hi};
    }

    private double[] yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : getSeriesMap().values()) {
            lo = Math.min(lo, s.getYMin());
            hi = Math.max(hi, s.getYMax());
        }
        if (!(lo <= hi)) {
            return logY ? new double[] {1, 10} : new double[] {0, 1};
        }
        return logY ? new double[] {Math.pow(10, lo), Math.pow(10, hi)} : new double[] {lo, hi};
    }

    static double[][] finite(double[] x, double[] y) {
        Check.notNull("x", x);
        Check.notNull("y", y);
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
