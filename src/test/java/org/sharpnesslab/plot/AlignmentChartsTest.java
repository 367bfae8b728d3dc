package org.sharpnesslab.plot;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The 004 charts: one line per run coloured by n, the Figure 4 ratios taken after the transient. */
class AlignmentChartsTest {

    private static Table stacked() {
        int[] n = {10, 10, 10, 20, 20, 20};
        String[] id = {"a", "a", "a", "b", "b", "b"};
        int[] step = {0, 10, 20, 0, 10, 20};
        double[] p = {1, 2, 4, 1, 3, 9};
        Table t = Table.create("traj", IntColumn.create("n", n), StringColumn.create("cell_id", id),
                IntColumn.create("step", step), DoubleColumn.create("p_delta_j_1", p));
        for (String c : new String[]{"lambda_hessian", "lambda_h", "lambda_g", "rho_k", "e_k2", "e_k2_1", "pi_chi_1",
                "p_chi_1", "pi_j_1", "e_delta_l2"}) {
            t.addColumns(DoubleColumn.create(c, p));
        }
        return t;
    }

    @Test
    void oneLinePerRunAndRatiosAfterTheTransient() {
        Figure f = AlignmentCharts.panel(stacked(), "step", "p_delta_j_1", "P");
        assertEquals(2, f.getSeriesMap().size());
        BufferedImage img = AlignmentCharts.figure4(stacked());
        assertEquals(2 * 320, img.getHeight());
        assertEquals(3 * 420, AlignmentCharts.figure1(stacked()).getWidth());
        assertThrows(IllegalArgumentException.class, () -> AlignmentCharts.panel(stacked(), "step", "nope", "x"));
        Table results = Table.create("r", DoubleColumn.create("n", 10, 20, 40),
                DoubleColumn.create("peak_p_delta_j_1", 1, 2, 4));
        Figure pl = AlignmentCharts.powerLaw(results, 0.1, 1.0);
        assertEquals(2, pl.getSeriesMap().size());
    }
}
