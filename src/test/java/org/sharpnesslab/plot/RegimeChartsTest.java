package org.sharpnesslab.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;
import org.sharpnesslab.study.regimes.RegimeSegmentation;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.training.TrainingRun;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The regime bands sit at the segmentation's steps (+1 on the log axis), behind the lines; 2/η per run. */
class RegimeChartsTest {

    static TrainingRun run(double[] sharpness, double eta) {
        int n = sharpness.length;
        double[] loss = new double[n];
        double[] nan = new double[n];
        java.util.Arrays.fill(nan, Double.NaN);
        for (int t = 0; t < n; t++) {
            loss[t] = 1.0 / (1 + t);
        }
        return new TrainingRun(FCN.of(2, 3, 2, 1), "synthetic", Loss.MSE, 4, eta, Double.NaN, 0, 0, sharpness[0], n,
                loss, nan, sharpness, nan, null, null, nan, nan, new double[][] {nan, nan}, false, -1, new double[9]);
    }

    @Test
    void bandsFollowTheSegmentationAndArePaintedFirst() {
        int n = 3000;
        double eta = 0.01;
        double[] lam = new double[n];
        for (int t = 0; t < n; t++) {
            double s = Math.log10(1 + t);
            double y = Math.log10(150) - 0.5 * Math.min(s, 1) + (s > 2 ? 0.6 * (s - 2) : 0);
            lam[t] = Math.min(Math.pow(10, y), 200 * (1 + 0.02 * (t % 2 == 0 ? 1 : -1)) - 3);
        }
        TrainingRun r = run(lam, eta);
        Table regimes = RegimeSegmentation.segment(r);
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        runs.put("c = 1", r);
        Figure f = RegimeCharts.withRegimes(RegimeCharts.sharpness("test", runs), regimes);
        List<String> names = List.copyOf(f.getSeriesMap().keySet());
        assertEquals(List.of("T1 transient", "T2 saturation", "T3 sharpening", "T4 EoS", "c = 1", "2/η c = 1"), names);
        for (int k = 0; k < 4; k++) {
            XYSeries band = f.getSeriesMap().get(names.get(k));
            double a = regimes.doubleColumn("start_step").get(k) + 1;
            double b = regimes.doubleColumn("end_step").get(k) + 1;
            double la = Math.log10(a);   // the figure stores log-axis values as log10
            double lb = Math.log10(b);
            assertArrayEquals(new double[] {la, lb, lb, la}, band.getXData(), 1e-12);
        }
        XYSeries guide = f.getSeriesMap().get("2/η c = 1");
        assertEquals(Math.log10(2 / eta), guide.getYData()[0], 1e-12);
        XYSeries line = f.getSeriesMap().get("c = 1");
        XYSeries t1 = f.getSeriesMap().get("T1 transient");
        assertEquals(line.getYMin(), t1.getYData()[0], 1e-12);   // bands span the lines' y-range
        assertEquals(line.getYMax(), t1.getYData()[2], 1e-12);
        assertTrue(BitmapEncoder.getBufferedImage(f).getWidth() > 0);
    }
}
