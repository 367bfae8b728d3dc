package org.sharpnesslab.dynamics;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A period-k orbit found by {@link PeriodicOrbits#find}: the Newton result on M^(k), the k points of the orbit,
 * its minimal period, and its multipliers (eigenvalues of J_{M^(k)}) with the stability they imply.
 *
 * @param newton        the Newton result on M^(k) (point = the orbit's first point)
 * @param points        the orbit x_0, …, x_{k−1} (x_{t+1} = M(x_t)); empty if Newton did not converge
 * @param minimalPeriod the least p dividing k with ‖x_p − x_0‖ small (p &lt; k means it is a shorter cycle, e.g.
 *                      a fixed point for p = 1); 0 if not converged
 * @param stability     eigen-decomposition of J_{M^(k)} at x_0 (multipliers), null if not converged
 */
public record PeriodicOrbit(FixedPoint newton, double[][] points, int minimalPeriod, Stability stability) {

    /** Whether Newton's method converged. */
    public boolean converged() {
        return newton.converged();
    }

    /** The multipliers' real parts, sorted by modulus descending. */
    public double[] multipliersRe() {
        return stability == null ? new double[0] : stability.re().clone();
    }

    /** The multipliers' imaginary parts. */
    public double[] multipliersIm() {
        return stability == null ? new double[0] : stability.im().clone();
    }

    /** {@link #table(String...)} with coordinates x_1 … x_k. */
    public Table table() {
        return table(new String[0]);
    }

    /** The orbit's points: columns {@code index} and the coordinates (named {@code names} or x_1 … x_k). */
    public Table table(String... names) {
        Table t = Table.create("periodic orbit");
        int d = newton.point().length;
        String[] cols = Names.coordinates(d, names);
        int[] idx = new int[points.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        t.addColumns(IntColumn.create("index", idx));
        for (int c = 0; c < d; c++) {
            double[] v = new double[points.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = points[i][c];
            }
            t.addColumns(DoubleColumn.create(cols[c], v));
        }
        return t;
    }

    @Override
    public String toString() {
        if (!converged()) {
            return "PeriodicOrbit[not converged: " + newton + "]";
        }
        return "PeriodicOrbit[period " + points.length + " (minimal " + minimalPeriod + "), " + stability.type().label()
                + ", multipliers " + Arrays.toString(stability.re()) + ", x0=" + Arrays.toString(points[0]) + "]";
    }
}
