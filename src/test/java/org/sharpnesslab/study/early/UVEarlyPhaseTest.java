package org.sharpnesslab.study.early;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.uv.EarlyTraining;
import org.sharpnesslab.uv.FirstStep;
import org.sharpnesslab.uv.UVModel;
import tech.tablesaw.api.Table;
import org.sharpnesslab.sweep.Sweep;

class UVEarlyPhaseTest {

    private static Table sweep(int width, int seeds, double step) {
        return CGrid.linear(0.5, step).into(Sweep.grid().axis("width", width)).seeds(seeds).run(new UVEarlyPhase(), 1);
    }

    @Test
    void cLossBelowCSharpBelowCMaxOnEveryRunAtModerateWidth() {
        Table t = sweep(16, 60, 0.02);
        assertEquals(60, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            double l = t.doubleColumn("c_loss").get(r);
            double s = t.doubleColumn("c_sharp").get(r);
            double m = t.doubleColumn("c_max").get(r);
            assertTrue(l <= s && s <= m, "row " + r + ": " + t.row(r));
            assertTrue(l >= 1.9 && m < 6, "row " + r + ": " + t.row(r));
        }
    }

    @Test
    void wideModelCatapultsAtTwoAndDivergesNearFour() {
        // 002 §5 / Fig. 9 (w = 512): c_loss ≈ 2, c_sharp ≈ 2.6, c_max ≈ 4; with η = k/tr H₀, k_max = 4
        Table t = CriticalConstants.summary(sweep(512, 8, 0.01), "width");
        assertEquals(2.0, t.doubleColumn("c_loss_mean").get(0), 0.05);
        assertEquals(2.6, t.doubleColumn("c_sharp_mean").get(0), 0.1);
        assertEquals(4.0, t.doubleColumn("c_max_mean").get(0), 0.1);
        Table k = Sweep.grid().axis("width", 512).fixed("scale", "k").fixed("grid", "linear").fixed("lr_start", 0.5)
                .fixed("lr_step", 0.01).fixed("lr_stop", 10.0).seeds(4).run(new UVEarlyPhase(), 1);
        // tr H falls for k < 4 (Eq. 1), so no run diverges below k = 4; above it the loss needs a few steps to pass K
        for (int r = 0; r < k.rowCount(); r++) {
            assertTrue(k.doubleColumn("k_max").get(r) >= 3.99 && k.doubleColumn("k_max").get(r) < 4.3, k.row(r).toString());
        }
    }

    @Test
    void criticalConstantsOnAFixedSeedAreReproducibleBitForBit() {
        Table a = sweep(4, 5, 0.05);
        Table b = sweep(4, 5, 0.05);
        for (String c : List.of("c_loss", "c_sharp", "c_max", "c_barrier", "lambda0")) {
            for (int r = 0; r < a.rowCount(); r++) {
                assertEquals(Double.doubleToRawLongBits(a.doubleColumn(c).get(r)),
                        Double.doubleToRawLongBits(b.doubleColumn(c).get(r)), c + " row " + r);
            }
        }
    }

    @Test
    void bisectionRefinesEachBoundaryInsideItsGridBracket() {
        UVModel m0 = UVModel.init(FirstStep.config(8), 3);
        CGrid grid = CGrid.log2(-1, 0.1);
        CriticalConstants coarse = CriticalConstants.scan(grid,
                c -> UVEarlyPhase.observe(m0, EarlyTraining.Scale.C, c, 10, Divergence.DEFAULT), 0, 2);
        CriticalConstants fine = CriticalConstants.scan(grid,
                c -> UVEarlyPhase.observe(m0, EarlyTraining.Scale.C, c, 10, Divergence.DEFAULT), 12, 2);
        double r = Math.pow(2, 0.1);
        assertTrue(fine.cLoss() <= coarse.cLoss() && fine.cLoss() > coarse.cLoss() / r, fine + " " + coarse);
        assertTrue(fine.cMax() >= coarse.cMax() && fine.cMax() < coarse.cMax() * r, fine + " " + coarse);
        assertTrue(fine.runs() > coarse.runs());
        // the refined c_max does not diverge, a hair above it does
        assertTrue(!UVEarlyPhase.observe(m0, EarlyTraining.Scale.C, fine.cMax(), 10, Divergence.DEFAULT).diverged());
        assertTrue(UVEarlyPhase.observe(m0, EarlyTraining.Scale.C, fine.cMax() * (1 + 1e-3), 10, Divergence.DEFAULT)
                .diverged());
    }

    @Test
    void barrierOfTheUvModelIsExactAlongTheLine() {
        UVModel m0 = UVModel.init(FirstStep.config(4), 9);
        UVModel m1 = m0.step(0.7).step(0.7);
        double[] u0 = m0.u(), v0 = m0.v(), u1 = m1.u(), v1 = m1.v();
        double max = 0;
        for (int i = 0; i <= 10000; i++) {
            double s = i / 10000.0, f = 0;
            for (int j = 0; j < 4; j++) {
                f += ((1 - s) * u0[j] + s * u1[j]) * ((1 - s) * v0[j] + s * v1[j]);
            }
            max = Math.max(max, f * f / 8);
        }
        assertEquals(max / m0.loss(), EarlyTraining.barrierRatio(m0, m1), 1e-6);
    }
}
