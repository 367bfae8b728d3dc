package org.sharpnesslab.notebook;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.None;

/**
 * Speeds up drawing long line series: a line of n ≫ width points is drawn with at most four points per pixel
 * column — the first, the lowest, the highest and the last point of the column (the "M4" reduction of Jugel et
 * al., VLDB 2014). Every column still spans the same vertical extent and joins its neighbours at the same points,
 * so the line looks the same while Java2D strokes far fewer segments; it is not bit-identical: antialiased
 * overdraw of many segments in one column makes the full line look slightly bolder, dash patterns restart
 * differently, and XChart may choose other x-axis ticks (it picks them from the data).
 * Applied only where it is exact: line or area series without markers, not smoothed, no error bars, x sorted
 * ascending, no NaN, no active zoom filter. The series' data are replaced for the drawing and restored after it.
 */
final class LineDecimation {

    /** A series is reduced when it has more than this many points per pixel of chart width. */
    static final int POINTS_PER_PIXEL = 8;

    private final List<Runnable> restore = new ArrayList<>();

    private LineDecimation() {
    }

    /** Reduces the eligible series of {@code chart} (only XY charts have any); {@link #restore()} undoes it. */
    static LineDecimation apply(Chart<?, ?> chart) {
        LineDecimation d = new LineDecimation();
        if (!(chart instanceof XYChart xy)) {
            return d;
        }
        int columns = Math.max(1, chart.getWidth());
        boolean logX = xy.getStyler().isXAxisLogarithmic();
        for (XYSeries s : xy.getSeriesMap().values()) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            if (!eligible(s, x, y, columns, logX)) {
                continue;
            }
            int[] keep;
            try {
                keep = m4(x, y, columns, logX);
            } catch (RuntimeException e) {   // ■ mid-way: leave the chart as it was
                d.restore();
                throw e;
            }
            double[] nx = new double[keep.length];
            double[] ny = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                nx[i] = x[keep[i]];
                ny[i] = y[keep[i]];
            }
            s.replaceData(nx, ny, null);
            d.restore.add(() -> s.replaceData(x, y, null));
        }
        return d;
    }

    /** Puts the original data back. */
    void restore() {
        restore.forEach(Runnable::run);
        restore.clear();
    }

    /** Number of series reduced. */
    int reduced() {
        return restore.size();
    }

    private static boolean eligible(XYSeries s, double[] x, double[] y, int columns, boolean logX) {
        XYSeries.XYSeriesRenderStyle style = s.getXYSeriesRenderStyle();
        Marker marker = s.getMarker();
        if (x == null || y == null || x.length != y.length || x.length <= POINTS_PER_PIXEL * columns
                || !(style == XYSeries.XYSeriesRenderStyle.Line || style == XYSeries.XYSeriesRenderStyle.Area)
                || !(marker == null || marker instanceof None) || s.isSmooth() || s.getExtraValues() != null
                || !s.isAllXData()) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i]) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])
                    || (logX && x[i] <= 0) || (i > 0 && x[i] < x[i - 1])) {
                return false;
            }
        }
        return x[x.length - 1] > x[0];
    }

    /** Indices kept: per column of the x range, the first, min-y, max-y and last point, in index order. */
    static int[] m4(double[] x, double[] y, int columns, boolean logX) {
        double lo = logX ? Math.log(x[0]) : x[0];
        double hi = logX ? Math.log(x[x.length - 1]) : x[x.length - 1];
        double scale = columns / (hi - lo);
        int[] keep = new int[4 * (columns + 1)];
        int n = 0;
        int i = 0;
        while (i < x.length) {
            org.sharpnesslab.task.Cancellation.checkpoint();            // once per pixel column
            int col = column(x[i], lo, scale, logX);
            int first = i;
            int min = i;
            int max = i;
            int j = i + 1;
            while (j < x.length && column(x[j], lo, scale, logX) == col) {
                if (y[j] < y[min]) {
                    min = j;
                }
                if (y[j] > y[max]) {
                    max = j;
                }
                j++;
            }
            int last = j - 1;
            int a = Math.min(min, max);
            int b = Math.max(min, max);
            n = add(keep, n, first);
            n = add(keep, n, a);
            n = add(keep, n, b);
            n = add(keep, n, last);
            i = j;
        }
        return java.util.Arrays.copyOf(keep, n);
    }

    private static int column(double x, double lo, double scale, boolean logX) {
        return (int) ((logX ? Math.log(x) : x) - lo >= 0 ? ((logX ? Math.log(x) : x) - lo) * scale : 0);
    }

    private static int add(int[] keep, int n, int index) {
        if (n > 0 && keep[n - 1] == index) {
            return n;
        }
        keep[n] = index;
        return n + 1;
    }
}
