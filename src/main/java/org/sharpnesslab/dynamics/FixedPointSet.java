package org.sharpnesslab.dynamics;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The distinct fixed points found by {@link FixedPoints#search}, each with its {@link Stability}.
 *
 * @param points    the converged, deduplicated points, sorted lexicographically
 * @param stability the stability at each point (same order)
 * @param starts    the number of Newton starts
 * @param converged how many starts converged (before deduplication and the box filter)
 */
public record FixedPointSet(List<FixedPoint> points, List<Stability> stability, int starts, int converged) {

    /** The number of distinct points. */
    public int size() {
        return points.size();
    }

    /** {@link #table(String...)} with coordinates named x_1 … x_k. */
    public Table table() {
        return table(new String[0]);
    }

    /**
     * One row per fixed point: the coordinates (named {@code names}, or x_1 … x_k), {@code residual},
     * {@code iterations}, then for each eigenvalue i (sorted by |μ| descending) {@code eig<i>_re},
     * {@code eig<i>_im}, {@code eig<i>_abs}, and {@code stability} (stable, unstable, saddle, marginal).
     */
    public Table table(String... names) {
        Table t = Table.create("fixed points");
        if (points.isEmpty()) {
            t.addColumns(StringColumn.create("stability"));
            return t;
        }
        int k = points.get(0).point().length;
        String[] cols = Names.coordinates(k, names);
        int n = points.size();
        for (int i = 0; i < k; i++) {
            double[] c = new double[n];
            for (int r = 0; r < n; r++) {
                c[r] = points.get(r).point()[i];
            }
            t.addColumns(DoubleColumn.create(cols[i], c));
        }
        t.addColumns(DoubleColumn.create("residual", points.stream().mapToDouble(FixedPoint::residual).toArray()),
                IntColumn.create("iterations", points.stream().mapToInt(FixedPoint::iterations).toArray()));
        for (int e = 0; e < k; e++) {
            double[] re = new double[n];
            double[] im = new double[n];
            double[] ab = new double[n];
            for (int r = 0; r < n; r++) {
                Stability s = stability.get(r);
                re[r] = s.re()[e];
                im[r] = s.im()[e];
                ab[r] = Math.hypot(re[r], im[r]);
            }
            t.addColumns(DoubleColumn.create("eig" + (e + 1) + "_re", re),
                    DoubleColumn.create("eig" + (e + 1) + "_im", im),
                    DoubleColumn.create("eig" + (e + 1) + "_abs", ab));
        }
        t.addColumns(StringColumn.create("stability",
                stability.stream().map(s -> s.type().label()).toArray(String[]::new)));
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FixedPointSet[" + points.size() + " points from " + starts
                + " starts (" + converged + " converged)");
        for (int i = 0; i < points.size(); i++) {
            sb.append("; ").append(java.util.Arrays.toString(points.get(i).point())).append(' ')
                    .append(stability.get(i).type().label());
        }
        return sb.append("]").toString();
    }
}
