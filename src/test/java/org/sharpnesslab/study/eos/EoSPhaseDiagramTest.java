package org.sharpnesslab.study.eos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Dice;
import org.sharpnesslab.data.Downsample;
import org.sharpnesslab.nn.Activation;
import tech.tablesaw.api.Table;
import org.sharpnesslab.sweep.Sweep;

class EoSPhaseDiagramTest {

    static EoSPhaseDiagram tiny() {
        return new EoSPhaseDiagram(Downsample.blocks(Dice.trainTest(4, 0), 4),
                new EoSPhaseDiagram.Setup(8, 3, 40, 10, Activation.RELU));
    }

    @Test
    void inputsHaveUnitNormAsAppendixB21Prescribes() {
        Dataset x = tiny().train();
        assertEquals(64, x.inputDim());
        for (int i = 0; i < x.size(); i++) {
            double s = 0;
            for (double v : x.input(i)) {
                s += v * v;
            }
            assertEquals(1.0, s, 1e-12);
        }
    }

    @Test
    void sweepOfCellsGivesTheRatioTheAccuracyAndResultOnesThreshold() {
        Table t = Sweep.grid().axis("sigma_w2", 0.5, 2.0).axis("s", 0.0, 1.0).axis("c", 1.5, 1e4).seeds(1)
                .run(tiny(), 1);
        assertEquals(8, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals("ok", t.stringColumn("status").get(r), t.stringColumn("error").get(r));
            double sigma = t.doubleColumn("sigma_w2").get(r);
            double s = t.doubleColumn("s").get(r);
            double c = t.doubleColumn("c").get(r);
            double nEff = Math.pow(8, 1 - s);
            assertEquals(nEff, t.doubleColumn("n_eff").get(r), 1e-12);
            // Result 1 (000 Eq. 33) with lambda0 = 2 sigma_w^2 |x|^2, |x| = 1 and one-hot targets (y = 1)
            assertEquals(2 * sigma * Math.sqrt(nEff), t.doubleColumn("c_star").get(r), 1e-9);
            assertEquals(c > 2 * sigma * Math.sqrt(nEff), t.booleanColumn("eos_allowed").get(r));
            assertEquals(c, t.doubleColumn("eta").get(r) * t.doubleColumn("lambda0").get(r), 1e-9 * c);
            if (c > 100) {
                assertTrue(t.booleanColumn("diverged").get(r), "c = 1e4 diverges");
                assertTrue(t.doubleColumn("eta_lambda_half").isMissing(r));
            } else {
                assertFalse(t.booleanColumn("diverged").get(r));
                double half = t.doubleColumn("eta").get(r) * t.doubleColumn("lambda_bar").get(r) / 2;
                assertEquals(half, t.doubleColumn("eta_lambda_half").get(r), 1e-12);
                double acc = t.doubleColumn("test_accuracy").get(r);
                assertTrue(acc >= 0 && acc <= 1);
            }
        }
        Table p = EoSPhaseDiagram.prediction(t, "sigma_w2");
        assertEquals(2, p.rowCount());
        // mean over s = 0 (sqrt 8) and s = 1 (1)
        assertEquals(2 * 0.5 * (Math.sqrt(8) + 1) / 2, p.doubleColumn("c_star").get(0), 1e-9);
    }
}
