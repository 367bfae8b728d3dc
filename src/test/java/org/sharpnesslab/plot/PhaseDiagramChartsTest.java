package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.sharpnesslab.study.early.CGrid;
import org.sharpnesslab.study.early.CriticalConstants;
import org.sharpnesslab.study.early.SaturationCurve;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.study.early.UVEarlyPhase;
import org.sharpnesslab.signal.SavitzkyGolay;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.uv.EarlyTraining;
import org.sharpnesslab.uv.FirstStep;
import org.sharpnesslab.uv.UVModel;
import tech.tablesaw.api.Table;

class PhaseDiagramChartsTest {

    @Test
    void quadraticFitRecoversAQuadratic() {
        double[] y = {0.1, 0.2, 0.3, 0.5};
        double[] x = new double[4];
        for (int i = 0; i < 4; i++) {
            x[i] = 2 + 3 * y[i] - 4 * y[i] * y[i];
        }
        double[][] fit = PhaseDiagramCharts.quadraticFit(y, x);
        for (int i = 0; i < fit[0].length; i++) {
            assertEquals(2 + 3 * fit[0][i] - 4 * fit[0][i] * fit[0][i], fit[1][i], 1e-9);
        }
    }

    @Test
    void chartsOfASmallUvDiagramRender() throws Exception {
        Table per = CGrid.linear(0.5, 0.05).into(Sweep.grid().axis("width", 2, 8, 64)).seeds(6).run(new UVEarlyPhase(), 1);
        Table sum = CriticalConstants.summary(per, "width");
        double[] c = CGrid.linear(0.5, 0.1).upTo(3.5).values();
        SaturationCurve s = SaturationCurve.fromSamples(c, EarlyTraining.sharpnessRatios(4, c, 20, 50, Divergence.DEFAULT),
                SavitzkyGolay.of(7, 3));
        UVModel m0 = UVModel.init(FirstStep.config(8), 1);
        for (var chart : new Figure[] {
                PhaseDiagramCharts.phaseDiagram(sum, "width", true, "c_loss", "c_sharp", "c_max"),
                PhaseDiagramCharts.criticalScatter(per),
                PhaseDiagramCharts.normalisedSharpness(Map.of("w = 4", s)),
                PhaseDiagramCharts.chiPrime(Map.of("w = 4", s)),
                PhaseDiagramCharts.uvTrajectories(Map.of("c = 2.5", EarlyTraining.trajectory(m0, EarlyTraining.Scale.C, 2.5, 10)), 8, 0.01, 0.1, 1),
                PhaseDiagramCharts.firstStep(FirstStep.lossRatioCurve(new int[] {1, 4}, new double[] {1, 2, 3}, 200, 1))}) {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            assertTrue(png.length > 1000);
        }
    }
}
