package org.sharpnesslab.study.alignment;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.alignment.AlignmentTrajectory;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;

/** 004 §3/§5 at toy scale: the cells of the dataset-size study and the counterfactual bound. */
class AlignmentScalingTest {

    private static Sweep tiny() {
        return AlignmentScaling.sweep(new int[]{12, 24}, 1, 1).fixed("width", 8).fixed("depth", 3)
                .fixed("downsample", 4).fixed("pool_per_class", 5).fixed("eta", 0.5).fixed("max_steps", 600)
                .fixed("snapshot_every", 20);
    }

    @Test
    void cellsReachTheTargetAndReportPeakAlignment() {
        Table t = tiny().run(new AlignmentScaling(), 1);
        assertEquals(2, t.rowCount());
        for (int r = 0; r < 2; r++) {
            assertEquals("ok", t.stringColumn("status").get(r), t.stringColumn("error").get(r));
            assertTrue(t.booleanColumn("reached_target").get(r));
            assertTrue(t.doubleColumn("final_loss").get(r) <= 0.01);
            assertTrue(t.doubleColumn("peak_p_delta_j_1").get(r) >= t.doubleColumn("p_delta_j_1_start").get(r));
            double etaCf = t.doubleColumn("eta_cf").get(r);
            assertTrue(etaCf > 0 && Double.isFinite(etaCf));
        }
    }

    @Test
    void cifar10WhenPointedToTheFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.Random r = new java.util.Random(1);
        for (int b = 1; b <= 5; b++) {
            int[] labels = new int[4];
            byte[] px = new byte[4 * 3072];
            for (int i = 0; i < 4; i++) labels[i] = r.nextInt(10);
            r.nextBytes(px);
            org.sharpnesslab.data.Cifar10Loader.writeBatch(dir.resolve("data_batch_" + b + ".bin"), labels, px);
        }
        Cell cell = Cell.of(0, "n", 8, "dataset", "cifar10", "data_dir", dir.toString());
        var data = AlignmentScaling.dataset(cell);
        assertEquals(8, data.size());
        assertEquals(3072, data.inputDim());
        assertEquals(10, data.outputDim());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AlignmentScaling.dataset(Cell.of(0, "n", 8, "dataset", "cifar10")));
        assertTrue(e.getMessage().contains("data_dir"));
    }

    @Test
    void counterfactualEqualsTheBoundAtTheReferenceAndBoundsLambdaG() {
        Cell cell = tiny().cells().get(0);
        var outcome = new AlignmentScaling().run(cell);
        Table traj = outcome.trajectory();
        Table cf = AlignmentTrajectory.counterfactual(traj, AlignmentTrajectory.TRANSIENT_STEPS);
        assertTrue(cf.intColumn("step").get(0) >= AlignmentTrajectory.TRANSIENT_STEPS);
        assertEquals(cf.doubleColumn("lambda_bound").get(0), cf.doubleColumn("lambda_cf").get(0), 1e-12
                * cf.doubleColumn("lambda_bound").get(0));
        for (int r = 0; r < cf.rowCount(); r++) {
            // ρ Σ E‖Kⁱ‖² ≥ ρ E‖K‖² = λ₁(G)  (Eqs. 3, 8); λ₁(G) from Lanczos, to its tolerance
            assertTrue(cf.doubleColumn("lambda_bound").get(r) >= cf.doubleColumn("lambda_g").get(r) * (1 - 1e-6));
        }
        assertTrue(traj.doubleColumn("eq7_rel_error").max() < 1e-10);
    }
}
