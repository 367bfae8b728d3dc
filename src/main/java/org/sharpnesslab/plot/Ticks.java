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
        XYSeries s = f.addSeries("\u2063ticks" + f.getSeriesMap().size(), new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }
}
