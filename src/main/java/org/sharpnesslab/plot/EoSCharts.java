package org.sharpnesslab.plot;

import java.awt.image.BufferedImage;
import tech.tablesaw.api.Table;

/**
 * The charts of the phase diagram of the edge of stability (000 §6.3, Fig. 4, App. F) from a sweep's table with
 * the columns of {@code experiment.EoSPhaseDiagram}: {@code c}, {@code eta_lambda_half}, {@code test_accuracy}
 * and the axis column ({@code sigma_w2} or {@code s}).
 */
public final class EoSCharts {

    private EoSCharts() {
    }

    /**
     * Fig. 4(a, c): heatmap of η λ̄^H/2 over {@code axis} × c (mean over seeds), white at 1 and above, the
     * boundary η λ̄^H/2 = 1 dash-dotted, and Result 1's threshold c*(axis) from {@code prediction} (columns
     * {@code axis}, {@code c_star}; null to leave it out).
     */
    public static HeatMap ratio(Table sweep, String axis, Table prediction) {
        HeatMap h = HeatMap.of(sweep, axis, "c", "eta_lambda_half");
        h.valueName("ηλ̄/2").range(0, 1).colors(HeatMap.BLUES);
        h.title("η λ̄^H / 2 over " + axis + " × c");
        h.contour(1.0, "ηλ̄/2 = 1");
        if (prediction != null) {
            h.curve("Result 1: c* (UV model)", Plots.column(prediction, axis), Plots.column(prediction, "c_star"));
        }
        return h;
    }

    /** Fig. 4(b, d): heatmap of the test accuracy over {@code axis} × c, with the same boundary. */
    public static HeatMap accuracy(Table sweep, String axis) {
        HeatMap h = HeatMap.of(sweep, axis, "c", "test_accuracy");
        h.valueName("test acc.").colors(HeatMap.VIRIDIS);
        h.title("test accuracy over " + axis + " × c");
        HeatMap.Grid ratio = HeatMap.grid(sweep, axis, "c", "eta_lambda_half");
        HeatMap shadow = HeatMap.of(ratio.xs(), ratio.ys(), ratio.values());
        var c = shadow.contour(1.0, "ηλ̄/2 = 1");
        h.contourFrom(c);
        return h;
    }

    /** Both heatmaps side by side (one image). */
    public static BufferedImage pair(Table sweep, String axis, Table prediction) {
        return Figures.row(ratio(sweep, axis, prediction), accuracy(sweep, axis));
    }
}
