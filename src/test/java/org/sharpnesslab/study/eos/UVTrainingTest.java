package org.sharpnesslab.study.eos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.uv.UVConfig;
import org.sharpnesslab.uv.UVModel;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;

class UVTrainingTest {

    @Test
    void belowTwoTheRunConvergesAndAboveFourItDiverges() {
        Outcome low = new UVTraining().run(Cell.of(3, "c", 0.5, "n", 64, "steps", 2000));
        UVModel m0 = UVModel.init(UVConfig.builder().n(64).build(), 3);
        assertEquals(m0.lambdaH(), (Double) low.values().get("lambda_h0"), 1e-12);
        assertEquals(0.5 / m0.lambdaH(), (Double) low.values().get("eta"), 1e-15);        // η = c/λ^H₀
        assertFalse((Boolean) low.values().get("diverged"));
        assertTrue((Double) low.values().get("loss_final") < 1e-20, low.toString());
        assertTrue((Double) low.values().get("eta_lambda_h_final") < 2, low.toString());  // 000 §5.2: c < 2 stays stable
        var traj = low.trajectory();                    // thinned to <= 1000 rows: every 3rd step, the last kept
        assertEquals(668, traj.rowCount());
        assertEquals(3, traj.intColumn("step").get(1));
        assertEquals(2000, traj.intColumn("step").get(667));
        Outcome high = new UVTraining().run(Cell.of(3, "c", 6.0, "n", 64, "steps", 2000));
        assertTrue((Boolean) high.values().get("diverged"));
        assertTrue((Long) high.values().get("diverged_at") > 0);
        assertTrue(Double.isNaN((Double) high.values().get("loss_final")), "missing, flagged by diverged");
    }
}
