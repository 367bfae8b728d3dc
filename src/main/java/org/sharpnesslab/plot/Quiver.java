package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Arrows of a 2-D vector field on an {@link Figure} (XChart has no quiver plot). All arrows are ONE line series
 * whose pieces are separated by NaN (XChart breaks a line at NaN), so a 40 × 40 field costs one series.
 *
 * <p>Each arrow is centred on its grid point and drawn with the same length on screen, pointing along the
 * field's direction as it appears on screen (the x and y scales of the plot are taken into account), so arrows
 * show where orbits go even when the axes have very different units. The length is {@code fill} (default 0.8)
 * of the smaller grid cell side.
 *
 * <pre>{@code
 * Figure f = Quiver.of(VectorField.unit(map, new double[] {-2, 2}, new double[] {0, 10}, 20, 20));
 * }</pre>
 */
public final class Quiver {

    /** Arrow colour by default. */
    public static final Color GREY = new Color(110, 110, 110);

    private Quiver() {
    }

    /** A new figure with the arrows of {@code field} (columns x, y, ux, uy as from {@code VectorField.unit}). */
    public static Figure of(Table field) {
        Figure f = Plots.figure();
        add(f, "field", field);
        f.axes("x", "y");
        f.noLegend();
        return f;
    }

    /** Adds the arrows of {@code field} (columns x, y, ux, uy) in grey. */
    public static Figure add(Figure f, String name, Table field) {
        return add(f, name, Plots.column(field, "x"), Plots.column(field, "y"), Plots.column(field, "ux"),
                Plots.column(field, "uy"), GREY, 0.8);
    }

    /**
     * Adds arrows at (x_i, y_i) along (u_i, v_i) (only the direction is used; rows with a non-finite direction
     * or a zero vector are skipped) as one series named {@code name}.
     *
     * @param fill arrow length as a fraction of the smaller grid cell side on screen, in (0, 2]
     */
    public static Figure add(Figure f, String name, double[] x, double[] y, double[] u, double[] v, Color color,
                             double fill) {
        if (x.length != y.length || x.length != u.length || x.length != v.length) {
            throw new IllegalArgumentException("x, y, u, v must have the same length: " + x.length + ", " + y.length
                    + ", " + u.length + ", " + v.length);
        }
        if (!(fill > 0 && fill <= 2)) {
            throw new IllegalArgumentException("fill must be in (0, 2], got " + fill);
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        int nx = Math.max(2, distinct(x));
        int ny = Math.max(2, distinct(y));
        double wx = x1 > x0 ? x1 - x0 : 1;
        double wy = y1 > y0 ? y1 - y0 : 1;
        // the plot area in pixels, approximately (legend and axes take the rest)
        double px = f.getWidth() * (f.getStyler().isLegendVisible() ? 0.72 : 0.86);
        double py = f.getHeight() * 0.8;
        double sx = px / wx; // pixels per data unit
        double sy = py / wy;
        double len = fill * Math.min(px / (nx - 1), py / (ny - 1)); // pixels
        double head = 0.3 * len;
        double cos = Math.cos(Math.toRadians(25));
        double sin = Math.sin(Math.toRadians(25));
        double[] ax = new double[8 * x.length];
        double[] ay = new double[8 * x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = u[i] * sx; // screen direction (y up)
            double dy = v[i] * sy;
            double nr = Math.hypot(dx, dy);
            if (!(nr > 0) || !Double.isFinite(nr) || !Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                continue;
            }
            dx /= nr;
            dy /= nr;
            double tx = x[i] - 0.5 * len * dx / sx;
            double ty = y[i] - 0.5 * len * dy / sy;
            double hx = x[i] + 0.5 * len * dx / sx;
            double hy = y[i] + 0.5 * len * dy / sy;
            // barbs: the reversed direction rotated by ±25°
            double lx = -dx * cos + dy * sin;
            double ly = -dx * sin - dy * cos;
            double rx = -dx * cos - dy * sin;
            double ry = dx * sin - dy * cos;
            ax[n] = tx;
            ay[n++] = ty;
            ax[n] = hx;
            ay[n++] = hy;
            ax[n] = Double.NaN;
            ay[n++] = Double.NaN;
            ax[n] = hx + head * lx / sx;
            ay[n++] = hy + head * ly / sy;
            ax[n] = hx;
            ay[n++] = hy;
            ax[n] = hx + head * rx / sx;
            ay[n++] = hy + head * ry / sy;
            ax[n] = Double.NaN;
            ay[n++] = Double.NaN;
        }
        if (n == 0) {
            ax = new double[] {Double.NaN};
            ay = new double[] {Double.NaN};
            n = 1;
        }
        XYSeries s = f.addSeries(name, java.util.Arrays.copyOf(ax, n), java.util.Arrays.copyOf(ay, n));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (nx > 1 && x1 > x0) {
            Ticks.niceX(f, x0, x0 + wx / (nx - 1), 0.5 * (y0 + y1));
        }
        return f;
    }

    private static int distinct(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = 0;
        double span = s.length == 0 ? 0 : s[s.length - 1] - s[0];
        for (int i = 0; i < s.length; i++) {
            if (Double.isFinite(s[i]) && (n == 0 || s[i] - s[i - 1] > 1e-9 * Math.max(span, 1e-300))) {
                n++;
            }
        }
        return n;
    }
}
