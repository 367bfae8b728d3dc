package org.sharpnesslab.study.regimes;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.nn.Parameterization;
import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;

/** The experiment's cells: data normalised per parameterisation (000 App. B.2.1), results consistent with the run. */
class FourRegimesTest {

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    static Cell small(String p) {
        return Cell.of(3, "parameterization", p, "sigma_w2", 2.0, "c", 1.0, "width", 8, "depth", 3, "steps", 40,
                "n", 16, "d", 5, "k", 2);
    }

    @Test
    void inputsAreNormalisedAsThePaperSays() {
        for (String p : new String[] {"sp", "ntp", "mup"}) {
            Dataset data = FourRegimes.dataset(small(p));
            double expected = p.equals("mup") ? 1.0 : data.inputDim();   // ‖x‖ = 1 for μP, ‖x‖² = d_in otherwise
            for (int i = 0; i < data.size(); i++) {
                double s = 0;
                for (int j = 0; j < data.inputDim(); j++) {
                    double x = data.inputs()[i * data.inputDim() + j];
                    s += x * x;
                }
                assertEquals(expected, s, 1e-12 * expected, p + " example " + i);
            }
        }
        assertEquals(Parameterization.muP(), FourRegimes.parameterization(small("mup")));
        assertThrows(IllegalArgumentException.class, () -> FourRegimes.parameterization(small("xp")));
    }

    @Test
    void poolAveragesTheImagesBeforeTheNormalisation() {
        Cell dice = Cell.of(0, "dataset", "dice", "n", 12);
        assertEquals(32 * 32, FourRegimes.dataset(dice).inputDim());
        Dataset pooled = FourRegimes.dataset(dice.with("pool", 4));
        assertEquals(8 * 8, pooled.inputDim());
        Dataset raw = Datasets.firstN(Datasets.dice(2, 0), 12);         // the cell's images, by hand
        for (int i = 0; i < raw.size(); i++) {
            double[] m = new double[64];
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    m[(r / 4) * 8 + c / 4] += raw.inputs()[i * 1024 + r * 32 + c] / 16;
                }
            }
            double mean = java.util.Arrays.stream(m).average().orElseThrow();
            double ss = 0;
            for (double v : m) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / 64);                                // then ‖x‖² = d_in (000 Eqs. 7-8)
            for (int j = 0; j < 64; j++) {
                assertEquals((m[j] - mean) / sd, pooled.inputs()[i * 64 + j], 1e-9, "example " + i + ", block " + j);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FourRegimes.dataset(dice.with("pool", 3)));
        assertTrue(e.getMessage().contains("factor") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void outcomeAgreesWithTheRunAndItsSegmentation() {
        FourRegimes exp = new FourRegimes();
        Table t = Sweep.of(List.of(small("sp"), small("mup"))).run(exp, 1);
        assertEquals(List.of("ok", "ok"), t.stringColumn("status").asList());
        for (int row = 0; row < 2; row++) {
            Cell c = row == 0 ? small("sp") : small("mup");
            TrainingRun run = exp.runOf(c);
            assertNotNull(run);
            assertEquals(41, run.rows());
            assertEquals(run.lambda0(), t.doubleColumn("lambda0").get(row), 0);
            assertEquals(1.0 / run.lambda0(), t.doubleColumn("eta").get(row), 1e-15);
            assertFalse(t.booleanColumn("diverged").get(row));
            Table seg = RegimeSegmentation.segment(run);
            StringBuilder present = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                if (seg.booleanColumn("present").get(k)) {
                    present.append(present.length() > 0 ? " " : "").append("T").append(k + 1);
                }
            }
            assertEquals(present.toString(), t.stringColumn("regimes").get(row));
            double late = FourRegimes.lateHalfEtaSharpness(run);
            assertEquals(late, t.doubleColumn("late_half_eta_sharpness").get(row), 0);
            assertTrue(t.doubleColumn("mean_products").get(row) >= 1);
        }
    }
}
