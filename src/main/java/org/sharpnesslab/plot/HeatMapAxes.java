package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.function.IntFunction;

/**
 * The grid arithmetic and the colour bar of {@link HeatMap}: value ↔ index coordinates (linear or, on a geometric
 * grid, logarithmic interpolation), tick labels at the cell centres, number formatting.
 */
final class HeatMapAxes {

    private HeatMapAxes() {
    }

    /** Draws the vertical colour bar (levels 0…levels−1 bottom to top, five labelled ticks) right of x0. */
    static void colourBar(Graphics2D g, int x0, int height, double vmin, double vmax, String valueName,
                          IntFunction<Color> colorAt, int levels) {
        int top = 45;
        int bottom = height - 110;
        int bx = x0 + 12;
        int bw = 18;
        if (bottom - top < 20) {
            return;
        }
        for (int py = top; py <= bottom; py++) {
            double t = 1 - (double) (py - top) / (bottom - top);
            g.setColor(colorAt.apply((int) Math.round(t * (levels - 1))));
            g.fillRect(bx, py, bw, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(bx, top, bw, bottom - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k <= 4; k++) {
            double v = vmin + (vmax - vmin) * k / 4.0;
            int py = bottom - (int) Math.round((bottom - top) * k / 4.0);
            g.drawLine(bx + bw, py, bx + bw + 4, py);
            g.drawString(format(v), bx + bw + 6, py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String t = valueName;
        int tw = g.getFontMetrics().stringWidth(t);
        g.drawString(t, Math.max(x0 + 2, bx + bw / 2 - tw / 2), top - 10);
    }

    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String t = a >= 1e4 || a < 1e-3 ? String.format("%.2e", v) : String.format("%.3g", v);
        if (t.contains(".") && !t.contains("e")) {
            t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return t;
    }

    static String label(double[] grid, double v) {
        long i = Math.round(v);
        if (Math.abs(v - i) > 1e-6 || i < 0 || i >= grid.length) {
            return invisible(v);
        }
        return format(grid[(int) i]);
    }

    /**
     * A label that draws nothing but differs for every tick: XChart drops all tick labels of an axis whose labels
     * are not unique, so the ticks between cell centres get distinct strings of zero-width characters.
     */
    private static String invisible(double v) {
        char[] zw = {'\u200B', '\u200C', '\u200D', '\u2060'};
        long k = Math.round(v * 64) + (1L << 20);
        StringBuilder sb = new StringBuilder();
        while (k > 0) {
            sb.append(zw[(int) (k & 3)]);
            k >>= 2;
        }
        return sb.toString();
    }

    static double coordinate(double[] grid, boolean log, double v) {
        if (!Double.isFinite(v) || (log && !(v > 0))) {
            return Double.NaN;
        }
        int n = grid.length;
        if (n == 1) {
            return Math.abs(v - grid[0]) <= 0.5 * Math.max(Math.abs(grid[0]), 1e-12) ? 0 : Double.NaN;
        }
        double t = log ? Math.log(v) : v;
        int k = 0;
        while (k < n - 2 && t > g(grid, log, k + 1)) {
            k++;
        }
        double a = g(grid, log, k);
        double b = g(grid, log, k + 1);
        double c = k + (t - a) / (b - a);
        return c < -0.5 || c > n - 0.5 ? Double.NaN : c;
    }

    private static double g(double[] grid, boolean log, int k) {
        return log ? Math.log(grid[k]) : grid[k];
    }

    static boolean geometric(double[] grid) {
        if (grid.length < 3 || grid[0] <= 0) {
            return false;
        }
        double r = grid[1] / grid[0];
        double d = grid[1] - grid[0];
        boolean arithmetic = true;
        boolean geo = true;
        for (int k = 1; k < grid.length; k++) {
            geo &= Math.abs(grid[k] / grid[k - 1] - r) <= 1e-6 * r;
            arithmetic &= Math.abs(grid[k] - grid[k - 1] - d) <= 1e-6 * Math.abs(d);
        }
        return geo && !arithmetic;
    }

    static void checkGrid(String name, double[] grid) {
        if (grid == null || grid.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one value");
        }
        for (int k = 0; k < grid.length; k++) {
            if (!Double.isFinite(grid[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite, got " + grid[k]);
            }
            if (k > 0 && !(grid[k] > grid[k - 1])) {
                throw new IllegalArgumentException(name + " must be strictly increasing; " + name + "[" + k
                        + "] = " + grid[k] + " follows " + grid[k - 1]);
            }
        }
    }
}
