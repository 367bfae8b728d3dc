package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.Contour;
import org.sharpnesslab.dynamics.FixedPointSet;
import org.sharpnesslab.dynamics.Orbit;
import org.sharpnesslab.dynamics.Stability;
import org.sharpnesslab.dynamics.StabilityType;
import tech.tablesaw.api.Table;

/**
 * Layers for phase portraits on a {@link Figure}: polylines (contours, nullclines), filled regions, marked
 * points, fixed points coloured by stability, and orbits with a start marker. Each layer is one XChart series
 * (several pieces are separated by NaN, which XChart draws as gaps), so a figure stays light.
 *
 * <pre>{@code
 * Figure f = Quiver.of(VectorField.unit(map, xr, yr, 20, 20));
 * Overlays.nullclines(f, Nullclines.contours(map, xr, yr, 200, 200));
 * Overlays.shade(f, "forbidden", (x, y) -> y < 0, xr, yr, 200, 200, new Color(0, 0, 0, 40));
 * Overlays.fixedPoints(f, FixedPoints.search(map, lo, hi, 10));
 * }</pre>
 */
public final class Overlays {

    /** Colours of fixed points by stability: stable, unstable, saddle, marginal. */
    public static final Color STABLE = new Color(0, 158, 115);
    public static final Color UNSTABLE = new Color(213, 94, 0);
    public static final Color SADDLE = new Color(0, 114, 178);
    public static final Color MARGINAL = new Color(120, 120, 120);

    private Overlays() {
    }

    /** Adds a contour's polylines as one line series named after it. */
    public static Figure contour(Figure f, Contour c, Color color) {
        return polylines(f, c.name(), c.xs(), c.ys(), color, 2f);
    }

    /** Adds both nullclines from {@code Nullclines.contours} ("g1" = 0 orange, "g2" = 0 blue). */
    public static Figure nullclines(Figure f, List<Contour> nullclines) {
        Color[] colours = {ChartStyle.PALETTE[1], ChartStyle.PALETTE[0], ChartStyle.PALETTE[2], ChartStyle.PALETTE[3]};
        for (int i = 0; i < nullclines.size(); i++) {
            Contour c = nullclines.get(i);
            polylines(f, c.name() + " = 0", c.xs(), c.ys(), colours[i % colours.length], 2f);
        }
        return f;
    }

    /**
     * Adds the polylines of a contour table (columns curve, segment, x, y — from {@code Nullclines.of} or
     * {@code Contours.table}) whose curve equals {@code curve}, as one series.
     */
    public static Figure polylines(Figure f, String name, Table contours, String curve, Color color) {
        Table t = contours.where(contours.stringColumn("curve").isEqualTo(curve));
        double[] x = Plots.column(t, "x");
        double[] y = Plots.column(t, "y");
        int[] seg = t.intColumn("segment").asIntArray();
        double[] ax = new double[x.length + seg.length];
        double[] ay = new double[ax.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && seg[i] != seg[i - 1]) {
                ax[n] = Double.NaN;
                ay[n++] = Double.NaN;
            }
            ax[n] = x[i];
            ay[n++] = y[i];
        }
        return line(f, name, Arrays.copyOf(ax, n), Arrays.copyOf(ay, n), color, 2f);
    }

    /** Adds polylines (lists of x and y arrays) as one line series. */
    public static Figure polylines(Figure f, String name, List<double[]> xs, List<double[]> ys, Color color,
                                   float width) {
        int total = 0;
        for (double[] x : xs) {
            total += x.length + 1;
        }
        double[] ax = new double[Math.max(total, 1)];
        double[] ay = new double[ax.length];
        int n = 0;
        for (int p = 0; p < xs.size(); p++) {
            if (p > 0) {
                ax[n] = Double.NaN;
                ay[n++] = Double.NaN;
            }
            System.arraycopy(xs.get(p), 0, ax, n, xs.get(p).length);
            System.arraycopy(ys.get(p), 0, ay, n, ys.get(p).length);
            n += xs.get(p).length;
        }
        if (n == 0) {
            ax[0] = Double.NaN;
            ay[0] = Double.NaN;
            n = 1;
        }
        return line(f, name, Arrays.copyOf(ax, n), Arrays.copyOf(ay, n), color, width);
    }

    private static Figure line(Figure f, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = f.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return f;
    }

    /**
     * Adds a filled polygon (vertices in order; NaN separates several polygons of one series) in {@code color}
     * (give it an alpha, e.g. {@code new Color(0, 0, 0, 40)}, to keep what is beneath visible).
     */
    public static Figure region(Figure f, String name, double[] xs, double[] ys, Color color) {
        if (xs.length != ys.length || xs.length < 3) {
            throw new IllegalArgumentException("a region needs >= 3 vertices with xs and ys of equal length, got "
                    + xs.length + " and " + ys.length);
        }
        XYSeries s = f.addSeries(name, xs.clone(), ys.clone());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(color);
        s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        s.setLineStyle(new BasicStroke(0f));
        return f;
    }

    /**
     * Shades the set where {@code inside(x, y)} holds, sampled at the centres of an nx × ny grid of cells over
     * the ranges: vertical runs of inside cells in each grid column become rectangles, all in one filled series.
     * The boundary is accurate to one cell.
     */
    public static Figure shade(Figure f, String name, BiPredicate<Double, Double> inside, double[] xRange,
                               double[] yRange, int nx, int ny, Color color) {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("nx and ny must be >= 1, were " + nx + " and " + ny);
        }
        double dx = (xRange[1] - xRange[0]) / nx;
        double dy = (yRange[1] - yRange[0]) / ny;
        double[] ax = new double[6 * nx * ((ny + 1) / 2 + 1)];
        double[] ay = new double[ax.length];
        int n = 0;
        for (int i = 0; i < nx; i++) {
            double xl = xRange[0] + i * dx;
            double xc = xl + dx / 2;
            int j = 0;
            while (j < ny) {
                while (j < ny && !inside.test(xc, yRange[0] + (j + 0.5) * dy)) {
                    j++;
                }
                if (j == ny) {
                    break;
                }
                int start = j;
                while (j < ny && inside.test(xc, yRange[0] + (j + 0.5) * dy)) {
                    j++;
                }
                double yb = yRange[0] + start * dy;
                double yt = yRange[0] + j * dy;
                if (n + 6 > ax.length) {
                    ax = Arrays.copyOf(ax, 2 * ax.length);
                    ay = Arrays.copyOf(ay, 2 * ay.length);
                }
                // the rectangle, slightly widened so neighbouring columns do not leave hairline gaps
                double e = dx * 0.01;
                ax[n] = xl - e;
                ay[n++] = yb;
                ax[n] = xl + dx + e;
                ay[n++] = yb;
                ax[n] = xl + dx + e;
                ay[n++] = yt;
                ax[n] = xl - e;
                ay[n++] = yt;
                ax[n] = xl - e;
                ay[n++] = yb;
                ax[n] = Double.NaN;
                ay[n++] = Double.NaN;
            }
        }
        if (n == 0) { // nothing inside: an invisible placeholder keeps the legend entry
            return region(f, name, new double[] {Double.NaN, Double.NaN, Double.NaN},
                    new double[] {Double.NaN, Double.NaN, Double.NaN}, color);
        }
        return region(f, name, Arrays.copyOf(ax, n - 1), Arrays.copyOf(ay, n - 1), color);
    }

    /** Adds markers at the points (xs[i], ys[i]). */
    public static Figure points(Figure f, String name, double[] xs, double[] ys, Marker marker, Color color) {
        XYSeries s = f.addSeries(name, xs.clone(), ys.clone());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        return f;
    }

    /**
     * Adds the fixed points of a 2-D search, one series per stability type present ("stable", "unstable",
     * "saddle", "marginal"), coordinates {@code ix} and {@code iy} of the points (0 and 1 for a 2-D map).
     */
    public static Figure fixedPoints(Figure f, FixedPointSet set, int ix, int iy) {
        for (StabilityType type : StabilityType.values()) {
            double[] xs = new double[set.size()];
            double[] ys = new double[set.size()];
            int n = 0;
            for (int i = 0; i < set.size(); i++) {
                Stability s = set.stability().get(i);
                if (s.type() == type) {
                    xs[n] = set.points().get(i).point()[ix];
                    ys[n++] = set.points().get(i).point()[iy];
                }
            }
            if (n > 0) {
                Color c = switch (type) {
                    case STABLE -> STABLE;
                    case UNSTABLE -> UNSTABLE;
                    case SADDLE -> SADDLE;
                    case MARGINAL -> MARGINAL;
                };
                Marker m = type == StabilityType.STABLE ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND;
                points(f, type.label(), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), m, c);
            }
        }
        return f;
    }

    /** {@link #fixedPoints(Figure, FixedPointSet, int, int)} for coordinates 0 and 1. */
    public static Figure fixedPoints(Figure f, FixedPointSet set) {
        return fixedPoints(f, set, 0, 1);
    }

    /** Adds an orbit in the plane of coordinates ix, iy as a thin line with a square marker at its start. */
    public static Figure orbit(Figure f, String name, Orbit orbit, int ix, int iy, Color color) {
        double[] x = orbit.coordinate(ix);
        double[] y = orbit.coordinate(iy);
        line(f, name, x, y, color, 1.2f);
        return startMarker(f, name, x[0], y[0], color);
    }

    /**
     * Adds an orbit as a line with an arrowhead at the middle of every {@code every}-th step (showing the
     * direction of motion) and a square at its start; line and heads are one series, the start marker another.
     * Heads have the same size on screen whatever the axis scales (estimated from the figure's axis ranges if
     * set, else from the orbit's extent).
     */
    public static Figure orbitArrows(Figure f, String name, Orbit orbit, int ix, int iy, Color color, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        double[] x = orbit.coordinate(ix);
        double[] y = orbit.coordinate(iy);
        double[] xr = range(x, f.getStyler().getXAxisMin(), f.getStyler().getXAxisMax());
        double[] yr = range(y, f.getStyler().getYAxisMin(), f.getStyler().getYAxisMax());
        double sx = f.getWidth() * 0.72 / (xr[1] - xr[0]); // pixels per unit (approximate plot area)
        double sy = f.getHeight() * 0.8 / (yr[1] - yr[0]);
        double head = 7; // pixels
        double cos = Math.cos(Math.toRadians(25));
        double sin = Math.sin(Math.toRadians(25));
        int heads = (x.length - 1 + every - 1) / every;
        double[] ax = new double[x.length + 4 * heads];
        double[] ay = new double[ax.length];
        System.arraycopy(x, 0, ax, 0, x.length);
        System.arraycopy(y, 0, ay, 0, y.length);
        int n = x.length;
        for (int t = 0; t + 1 < x.length; t += every) {
            double dx = (x[t + 1] - x[t]) * sx;
            double dy = (y[t + 1] - y[t]) * sy;
            double nr = Math.hypot(dx, dy);
            if (!(nr > 1e-9)) {
                continue;
            }
            dx /= nr;
            dy /= nr;
            double mx = 0.5 * (x[t] + x[t + 1]) + 0.5 * head * dx / sx; // tip a little past the midpoint
            double my = 0.5 * (y[t] + y[t + 1]) + 0.5 * head * dy / sy;
            ax[n] = Double.NaN;
            ay[n++] = Double.NaN;
            ax[n] = mx + head * (-dx * cos + dy * sin) / sx;
            ay[n++] = my + head * (-dx * sin - dy * cos) / sy;
            ax[n] = mx;
            ay[n++] = my;
            ax[n] = mx + head * (-dx * cos - dy * sin) / sx;
            ay[n++] = my + head * (dx * sin - dy * cos) / sy;
        }
        line(f, name, Arrays.copyOf(ax, n), Arrays.copyOf(ay, n), color, 1.3f);
        return startMarker(f, name, x[0], y[0], color);
    }

    /** A square marker at an orbit's start (x0, y0), out of the legend. */
    private static Figure startMarker(Figure f, String name, double x0, double y0, Color color) {
        XYSeries s = f.addSeries(name + " start", new double[] {x0}, new double[] {y0});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
        s.setShowInLegend(false);
        return f;
    }

    private static double[] range(double[] v, Double lo, Double hi) {
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            a = Math.min(a, d);
            b = Math.max(b, d);
        }
        if (lo != null) {
            a = lo;
        }
        if (hi != null) {
            b = hi;
        }
        if (!(b > a)) {
            b = a + 1;
        }
        return new double[] {a, b};
    }

    /** Adds an orbit as markers only (for maps whose orbits jump), with a square start marker. */
    public static Figure orbitPoints(Figure f, String name, Orbit orbit, int ix, int iy, Color color) {
        double[] x = orbit.coordinate(ix);
        double[] y = orbit.coordinate(iy);
        points(f, name, x, y, SeriesMarkers.CIRCLE, color);
        return startMarker(f, name, x[0], y[0], color);
    }
}
