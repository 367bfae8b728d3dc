package org.sharpnesslab.study.early;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.sweep.Sweep;
import tech.tablesaw.api.Table;

class CriticalSearchTest {

    private static Sweep small() {
        return CGrid.log2(0, 0.25).upTo(512).into(Sweep.grid().axis("width", 8).fixed("depth", 3)
                .fixed("data", "gaussian").fixed("n", 32).fixed("input_dim", 6).fixed("steps", 5));
    }

    /**
     * The loss-only walk and its coarse walk with bisection give the full scan's c_loss and c_max; the scan and the
     * gallop give its c_sharp here; "down" stops at the first grid value without a rise below c_max, so it can only
     * be larger (on these tiny networks the sharpness rise has gaps: row 0 rises at 9.51 but not everywhere up to
     * 13.45, where "down" stops).
     */
    @Test
    void searchesGiveTheFullScansConstants() {
        Table full = small().seeds(3).run(new NetworkEarlyPhase(), 1);
        Table scan = small().fixed("sharp_search", "scan").seeds(3).run(new CriticalSearch(), 1);
        Table gallop = small().fixed("walk", 4).seeds(3).run(new CriticalSearch(), 1);
        Table down = small().fixed("walk", 3).fixed("sharp_search", "down").seeds(3).run(new CriticalSearch(), 1);
        for (int r = 0; r < 3; r++) {
            for (String col : new String[] {"c_loss", "c_sharp", "c_max"}) {
                double want = full.doubleColumn(col).get(r);
                assertEquals(want, scan.doubleColumn(col).get(r), 0.0, col + " scan, row " + r);
                assertEquals(want, gallop.doubleColumn(col).get(r), 0.0, col + " gallop, row " + r);
                if (col.equals("c_sharp")) {
                    assertTrue(down.doubleColumn(col).get(r) >= want, "down below the minimum, row " + r);
                    assertTrue(down.doubleColumn(col).get(r) <= down.doubleColumn("c_max").get(r), "row " + r);
                } else {
                    assertEquals(want, down.doubleColumn(col).get(r), 0.0, col + " down, row " + r);
                }
            }
            assertEquals(full.doubleColumn("lambda0").get(r), gallop.doubleColumn("lambda0").get(r), 0.0);
            // the coarse walk and the gallop need fewer runs than the full scan
            assertTrue(gallop.longColumn("loss_runs").get(r) < scan.longColumn("loss_runs").get(r), gallop.print());
            assertTrue(full.longColumn("runs").get(r) > 3, full.print());
        }
    }
}
