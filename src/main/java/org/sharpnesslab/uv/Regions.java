package org.sharpnesslab.uv;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The regions of the (Δf, λ) plane of 000 §4–§5.1: the forbidden region (App. C.2), progressive sharpening (R1,
 * λ grows: ηλΔf vs 4(Δf + y) of the right sign), and the two sharpness-reduction regions R2 (between II and III,
 * Δf &lt; −y) and R3 (between the zero-loss line I and IV, Δf &gt; 0). Divergence is decided by iterating the map.
 */
public final class Regions {

    /** A region of the (Δf, λ) plane. */
    public enum Region {
        FORBIDDEN("forbidden"),
        R1("R1 progressive sharpening"),
        R2("R2 sharpness reduction (II-III)"),
        R3("R3 sharpness reduction (I-IV)");

        private final String label;

        Region(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private Regions() {
    }

    /**
     * The region of (Δf, λ): forbidden if λ &lt; 2x̃|Δf + y| (Eq. 25); else R1 if λ_{t+1} ≥ λ_t (Eq. 2); else R2 for
     * Δf &lt; 0, R3 for Δf &gt; 0.
     */
    public static Region classify(UVMap map, double df, double lambda) {
        if (map.forbidden(df, lambda)) {
            return Region.FORBIDDEN;
        }
        double s = map.sharpening(df, lambda);
        if (s >= 0) {
            return Region.R1;
        }
        return df < 0 ? Region.R2 : Region.R3;
    }

    /** Whether the orbit from (Δf, λ) leaves |Δf|, |λ| ≤ {@link UVMap#DIVERGENCE_BOUND} within {@code steps}. */
    public static boolean diverges(UVMap map, double df, double lambda, int steps) {
        return map.orbit(df, lambda, steps)[0].length < steps + 1;
    }

    /**
     * The regions on a grid.
     *
     * @return columns df, lambda, region (label), diverges (within {@code steps} steps; false in the forbidden
     *         region, which no real model reaches)
     */
    public static Table grid(UVMap map, double dfMin, double dfMax, double lambdaMin, double lambdaMax, int nx, int ny,
            int steps) {
        Table t = Table.create("regions " + map, DoubleColumn.create("df"), DoubleColumn.create("lambda"),
                StringColumn.create("region"), BooleanColumn.create("diverges"));
        for (int j = 0; j < ny; j++) {
            double l = lambdaMin + (lambdaMax - lambdaMin) * (j + 0.5) / ny;
            for (int i = 0; i < nx; i++) {
                org.sharpnesslab.task.Cancellation.checkpoint();
                double d = dfMin + (dfMax - dfMin) * (i + 0.5) / nx;
                Region r = classify(map, d, l);
                t.doubleColumn("df").append(d);
                t.doubleColumn("lambda").append(l);
                t.stringColumn("region").append(r.label());
                t.booleanColumn("diverges").append(r != Region.FORBIDDEN && diverges(map, d, l, steps));
            }
        }
        return t;
    }
}
