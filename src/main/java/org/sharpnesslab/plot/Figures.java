package org.sharpnesslab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Composition of charts into one image (XChart cannot stack plots): {@code Figures.column(top, bottom)} draws
 * the charts one above the other at their own sizes, left-aligned on white, as a {@link BufferedImage} (which the
 * notebook kernel renders as PNG; save it with {@code javax.imageio.ImageIO.write(img, "png", file)}).
 */
public final class Figures {

    private Figures() {
    }

    /** The charts stacked vertically, in order. */
    public static BufferedImage column(Chart<?, ?>... charts) {
        return stack("column", true, charts);
    }

    /** The charts side by side, in order. */
    public static BufferedImage row(Chart<?, ?>... charts) {
        return stack("row", false, charts);
    }

    /** The charts one after another, downwards or rightwards, on a white image just large enough. */
    private static BufferedImage stack(String verb, boolean vertical, Chart<?, ?>[] charts) {
        if (charts == null || charts.length == 0) {
            throw new IllegalArgumentException(verb + " needs at least one chart");
        }
        int w = 0;
        int h = 0;
        for (Chart<?, ?> c : charts) {
            w = vertical ? Math.max(w, c.getWidth()) : w + c.getWidth();
            h = vertical ? h + c.getHeight() : Math.max(h, c.getHeight());
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int at = 0;
        for (Chart<?, ?> c : charts) {
            g.drawImage(BitmapEncoder.getBufferedImage(c), vertical ? 0 : at, vertical ? at : 0, null);
            at += vertical ? c.getHeight() : c.getWidth();
        }
        g.dispose();
        return img;
    }
}
