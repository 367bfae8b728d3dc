package org.sharpnesslab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;

import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * The name of a guide line written beside it inside the plot area (at its right end, just above a horizontal
 * guide, just right of a vertical one), so a guide is labelled even when the legend is hidden.
 */
final class GuideLabel extends Annotation {

    private final String text;
    private final double x;
    private final double y;
    private final boolean vertical;

    GuideLabel(String text, double x, double y, boolean vertical) {
        super(false);
        this.text = text;
        this.x = x;
        this.y = y;
        this.vertical = vertical;
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || text == null || text.isBlank() || !Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        Font before = g.getFont();
        Color colour = g.getColor();
        g.setFont(before.deriveFont(Font.PLAIN, 11f));
        g.setColor(Color.DARK_GRAY);
        int w = g.getFontMetrics().stringWidth(text);
        int sx;
        int sy;
        if (vertical) {
            sx = getXAxisScreenValue(x) + 4;
            sy = getYAxisScreenValue(y) + 14;
        } else {
            sx = Math.max(getXAxisScreenValueForMin() + 2, getXAxisScreenValueForMax() - w - 4);
            sy = getYAxisScreenValue(y) - 4;
        }
        g.drawString(text, sx, sy);
        g.setFont(before);
        g.setColor(colour);
    }
}
