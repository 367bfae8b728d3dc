package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.CancelledException;

/** ■ during a render: the render stops with the cancellation (not a text fallback) and the chart is left intact. */
class RenderCancellationTest {

    private static XYChart longLines() {
        XYChart chart = new XYChartBuilder().width(400).height(300).build();
        for (int s = 0; s < 2; s++) {
            double[] x = new double[200_000];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = Math.sin(i * 1e-3 + s);
            }
            XYSeries series = chart.addSeries("s" + s, x, y);
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        return chart;
    }

    @Test
    void aCancelledRenderThrowsAndLeavesTheChartAsItWas() {
        XYChart chart = longLines();
        double[] before = chart.getSeriesMap().get("s0").getXData();
        Cancellation.Token token = Cancellation.newToken();
        token.cancel("interrupted");
        CancelledException e = assertThrows(CancelledException.class,
                () -> Cancellation.within(token, () -> Renderers.render(chart)));
        assertEquals("interrupted", e.getMessage());
        XYSeries s0 = chart.getSeriesMap().get("s0");
        assertSame(before, s0.getXData(), "decimation undone");
        assertEquals(200_000, chart.getSeriesMap().get("s1").getXData().length);
        assertThrows(CancelledException.class, () -> Cancellation.within(token, () -> {
            try {
                return LineDecimation.apply(chart);
            } finally {
                assertEquals(200_000, chart.getSeriesMap().get("s0").getXData().length);
            }
        }));
        // and without a cancellation the same chart renders
        assertEquals(true, Renderers.render(chart).containsKey(Renderers.PNG));
    }
}
