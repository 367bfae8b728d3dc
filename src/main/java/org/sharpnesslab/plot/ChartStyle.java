package org.sharpnesslab.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/** The project's chart style: one place, applied by every chart factory in {@code plot}. */
public final class ChartStyle {

    /** A colour-blind-safe palette (Okabe-Ito). */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)
    };

    private ChartStyle() {
    }

    public static void applyDefaults(Chart<?, ?> chart) {
        org.knowm.xchart.style.Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setSeriesColors(PALETTE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        st.setToolTipsEnabled(false); // BitmapEncoder fails with tool tips on (XChart 3.8.8)
        st.setAntiAlias(true);
        if (st instanceof AxesChartStyler) {
            AxesChartStyler a = (AxesChartStyler) st;
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
    }
}
