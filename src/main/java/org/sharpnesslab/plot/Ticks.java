package org.sharpnesslab.plot;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Works around XChart 3.8.8 placing the x-axis ticks AT the data's x values (labels such as 2.758879439719...)
 * whenever all x values of an XYChart are equally spaced — which a parameter sweep or a grid always is. An
 * invisible one-point series at an off-grid x inside the range breaks the equal spacing, so XChart falls back to
 * its ordinary "nice number" ticks. The point is drawn with no marker and no line, and is not in the legend.
 */
final class Ticks {

    private Ticks() {
    }

    /** Adds the invisible off-grid point at x = lo + 0.3183·(second − lo), y = {@code y}. */
    static void niceX(Figure f, double lo, double second, double y) {
        double x = lo + 0.3183098861837907 * (second - lo);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        XYSeries s = f.addSeries(PREFIX + f.getSeriesMap().size(), new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** Name prefix of the invisible tick series (invisible separator U+2063, so never a user's name). */
    static final String PREFIX = "\u2063ticks";

    /**
     * For the time {@code f} paints: an invisible point off the grid of x values and of y values (when there are at
     * least two distinct ones and none was added by {@link #niceX}), so XChart chooses ticks from the axis range.
     * Returns the name of the series added (to remove after painting), or null.
     */
    static String breakGrid(Figure f) {
        double[] xs = lowestTwo(f, true);
        double[] ys = lowestTwo(f, false);
        if (xs == null || ys == null || f.getSeriesMap().keySet().stream().anyMatch(n -> n.startsWith(PREFIX))) {
            return null;
        }
        double x = xs[0] + 0.3183098861837907 * (xs[1] - xs[0]);
        double y = ys[0] + 0.3183098861837907 * (ys[1] - ys[0]);
        String name = PREFIX + "-paint";
        XYSeries s = f.addAxisSeries(name, new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
        return name;
    }

    /** The two lowest distinct finite values of the x (or y) data of all series, or null. */
    private static double[] lowestTwo(Figure f, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (XYSeries s : f.getSeriesMap().values()) {
            for (double v : x ? s.getXData() : s.getYData()) {
                if (!Double.isFinite(v) || v == lo) {
                    continue;
                }
                if (v < lo) {
                    second = lo;
                    lo = v;
                } else if (v < second) {
                    second = v;
                }
            }
        }
        return Double.isFinite(second) ? new double[] {lo, second} : null;
    }
}
