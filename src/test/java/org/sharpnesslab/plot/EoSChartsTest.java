package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class EoSChartsTest {

    @Test
    void phaseDiagramPairDrawsBoundaryOnBothAndPredictionInValueCoordinates() {
        double[] sig = {0.5, 1, 2};
        double[] cs = {1, 2, 4, 8};
        Table t = Table.create("sweep", DoubleColumn.create("sigma_w2"), DoubleColumn.create("c"),
                DoubleColumn.create("eta_lambda_half"), DoubleColumn.create("test_accuracy"));
        for (double s : sig) {
            for (double c : cs) {
                t.doubleColumn("sigma_w2").append(s);
                t.doubleColumn("c").append(c);
                t.doubleColumn("eta_lambda_half").append(Math.min(1.3, c / (4 * s)));
                t.doubleColumn("test_accuracy").append(0.5 + 0.1 * c / (4 * s));
            }
        }
        Table pred = Table.create("p", DoubleColumn.create("sigma_w2", sig), DoubleColumn.create("c_star",
                new double[] {2, 4, 8}));
        HeatMap ratio = EoSCharts.ratio(t, "sigma_w2", pred);
        HeatMap acc = EoSCharts.accuracy(t, "sigma_w2");
        assertTrue(ratio.getSeriesMap().containsKey("ηλ̄/2 = 1") && acc.getSeriesMap().containsKey("ηλ̄/2 = 1"));
        double[] py = ratio.getSeriesMap().get("Result 1: c* (UV model)").getYData();
        assertEquals(1.0, py[0], 1e-12);   // c* = 2 is row 1 of the c grid
        assertEquals(3.0, py[2], 1e-12);   // c* = 8 is row 3
        BufferedImage img = EoSCharts.pair(t, "sigma_w2", pred);
        assertEquals(ratio.getWidth() + acc.getWidth(), img.getWidth());
    }

    @Test
    void chaosRowHasThreePanels() {
        double[] etas = {1, 2};
        BifurcationDiagram d = new BifurcationDiagram(etas, new double[] {1, 2, 2}, new double[] {1.5, 0.9, 1.1},
                new int[] {1, 2}, null, -1, Bifurcation.Options.DEFAULT.withKeep(1));
        Table traj = Table.create("t", DoubleColumn.create("eta", new double[] {2, 2, 2}),
                IntColumn.create("step", 1, 2, 3), DoubleColumn.create("sharpness", new double[] {0.9, 1.1, 0.9}));
        Table spec = Table.create("s", DoubleColumn.create("eta", new double[] {2, 2, 2}),
                DoubleColumn.create("frequency", new double[] {0, 0.25, 0.5}),
                DoubleColumn.create("power", new double[] {0, 0, 1}));
        Figure b = ChaosCharts.bifurcation(d, "test");
        assertEquals(2.0, b.getSeriesMap().get("2/η").getYData()[0], 1e-12);
        assertEquals(1.0, b.getSeriesMap().get("2/η").getYData()[1], 1e-12);
        BufferedImage img = ChaosCharts.row(d, traj, spec, "test");
        assertEquals(1500, img.getWidth());
    }
}
