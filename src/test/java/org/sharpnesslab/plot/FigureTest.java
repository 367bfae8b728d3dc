package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;

class FigureTest {

    @Test
    void logAxesStoreLog10AndLabelPowersOfTen() {
        Figure f = new Figure(400, 300).addLine("loss", new double[] {1, 10, 100}, new double[] {1e-30, 1, 1e7});
        f.logY().yLine(1e-3, "1e-3");
        XYSeries loss = f.getSeriesMap().get("loss");
        assertArrayEquals(new double[] {-30, 0, 7}, loss.getYData(), 1e-12);
        assertArrayEquals(new double[] {-3, -3}, f.getSeriesMap().get("1e-3").getYData(), 1e-12);
        assertTrue(f.isLogY());
        assertEquals("1E-30", Figure.powerOfTenLabel(-30));
        assertEquals("1000", Figure.powerOfTenLabel(3));
        assertEquals("0.01", Figure.powerOfTenLabel(-2));
        assertEquals("3.2", Figure.powerOfTenLabel(0.5));
    }

    @Test
    void nonPositiveValuesAreDroppedOnALogAxis() {
        Figure f = new Figure(400, 300).logX();
        f.addLine("a", new double[] {0, 1, 100}, new double[] {5, 6, 7});
        assertArrayEquals(new double[] {0, 2}, f.getSeriesMap().get("a").getXData(), 1e-12);
    }

    @Test
    void guidesAreLabelledInsideThePlotAndTheChartRenders() throws Exception {
        Figure f = new Figure(400, 300).addLine("x", new double[] {1, 2, 3}, new double[] {1, 4, 9})
                .yLine(2, "2/eta").xLine(2, "T1").noLegend();
        assertEquals(List.of("x", "2/eta", "T1"), List.copyOf(f.getSeriesMap().keySet()));
        byte[] png = BitmapEncoder.getBitmapBytes(f, BitmapEncoder.BitmapFormat.PNG);
        assertTrue(png.length > 1000);
    }
}
