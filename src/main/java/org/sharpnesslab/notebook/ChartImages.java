package org.sharpnesslab.notebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Encodes any XChart chart as PNG bytes, a Base64 PNG string (what Jupyter's {@code image/png} wants) or an
 * SVG document. XChart 3.8.8's encoders fail on charts with tooltips, cursor or zoom switched on (those are
 * Swing features), so they are switched off for the encoding and restored afterwards. Long line series are drawn
 * with at most four points per pixel column (the same shape from far fewer segments; see {@link LineDecimation}):
 * a chart of 10 series × 10,000 points encodes in about a quarter of the time. SVG keeps every point.
 */
public final class ChartImages {

    private ChartImages() {
    }

    /** The chart as PNG bytes at its own width × height in pixels. */
    public static byte[] png(Chart<?, ?> chart) throws IOException {
        synchronized (chart) {
            Interactivity saved = Interactivity.off(chart);
            LineDecimation reduced = LineDecimation.apply(chart);
            try {
                org.sharpnesslab.task.Cancellation.checkpoint();       // ■ between decimation and encoding
                return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            } finally {
                reduced.restore();
                saved.restore(chart);
            }
        }
    }

    /** The chart as a Base64 PNG string (Jupyter's {@code image/png} payload). */
    public static String pngBase64(Chart<?, ?> chart) throws IOException {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The chart as an SVG document (through VectorGraphics2D, a dependency of XChart). */
    public static String svg(Chart<?, ?> chart) throws IOException {
        synchronized (chart) {
            Interactivity saved = Interactivity.off(chart);
            try {
                org.sharpnesslab.task.Cancellation.checkpoint();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                return out.toString(StandardCharsets.UTF_8);
            } finally {
                saved.restore(chart);
            }
        }
    }

    /** A one-line description, e.g. {@code XYChart "loss" 600×400, 2 series: train, test}. */
    public static String describe(Chart<?, ?> chart) {
        String type = chart.getClass().getSimpleName();
        String title = chart.getTitle();
        var names = chart.getSeriesMap().keySet();
        return type + (title == null || title.isBlank() ? "" : " \"" + title + "\"") + " " + chart.getWidth() + "×"
                + chart.getHeight() + ", " + names.size() + " series" + (names.isEmpty() ? "" : ": "
                + String.join(", ", names));
    }

    /** The interactive switches of a chart, saved so they can be restored after encoding. */
    private record Interactivity(boolean toolTips, boolean cursor, boolean zoom) {
        static Interactivity off(Chart<?, ?> chart) {
            Styler s = chart.getStyler();
            boolean cursor = false;
            boolean zoom = false;
            if (s instanceof XYStyler xy) {
                cursor = xy.isCursorEnabled();
                zoom = xy.isZoomEnabled();
                xy.setCursorEnabled(false);
                xy.setZoomEnabled(false);
            }
            Interactivity saved = new Interactivity(s.isToolTipsEnabled(), cursor, zoom);
            s.setToolTipsEnabled(false);
            return saved;
        }

        void restore(Chart<?, ?> chart) {
            Styler s = chart.getStyler();
            s.setToolTipsEnabled(toolTips);
            if (s instanceof XYStyler xy) {
                xy.setCursorEnabled(cursor);
                xy.setZoomEnabled(zoom);
            }
        }
    }
}
