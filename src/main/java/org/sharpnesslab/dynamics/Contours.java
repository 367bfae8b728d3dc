package org.sharpnesslab.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * Level sets of a scalar field on a grid by marching squares, joined into polylines.
 *
 * <p>Each grid cell whose corners lie on both sides of the level (f ≥ level or not) gets one or two segments
 * between the crossings on its edges, each crossing placed by linear interpolation along the edge; the
 * ambiguous (saddle) cells are resolved by the value at the cell centre (mean of the corners). Segments sharing
 * an edge crossing are chained into polylines. Accuracy: O(h²) for a smooth f with grid step h; exact for f
 * linear. Cells with a non-finite corner are skipped.
 */
public final class Contours {

    private Contours() {
    }

    // edges of a cell: 0 bottom, 1 right, 2 top, 3 left; segments per case (pairs of edges)
    private static final int[][] CASES = {
        {}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, null, {0, 2}, {3, 2},
        {3, 2}, {0, 2}, null, {1, 2}, {3, 1}, {0, 1}, {3, 0}, {}
    };

    /**
     * The level set f(x, y) = level on an nx × ny grid over the ranges (ends included).
     *
     * @param name   the curve's name in tables and legends
     * @param f      the field (evaluated nx·ny times)
     * @param xRange {lo, hi}
     * @param yRange {lo, hi}
     * @param nx     grid points along x, ≥ 2
     * @param ny     grid points along y, ≥ 2
     * @param level  the level
     */
    public static Contour level(String name, DoubleBinaryOperator f, double[] xRange, double[] yRange, int nx, int ny,
                                double level) {
        VectorField.Grid g = VectorField.Grid.of(xRange, yRange, nx, ny);
        double[] v = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            Cancellation.checkpoint();
            for (int i = 0; i < nx; i++) {
                v[j * nx + i] = f.applyAsDouble(g.x(i), g.y(j)) - level;
            }
        }
        return march(name, level, g, v);
    }

    /** The zero set f = 0 (see {@link #level}). */
    public static Contour zero(String name, DoubleBinaryOperator f, double[] xRange, double[] yRange, int nx, int ny) {
        return level(name, f, xRange, yRange, nx, ny, 0.0);
    }

    /** Columns {@code curve}, {@code segment}, {@code point}, {@code x}, {@code y} for several contours. */
    public static Table table(List<Contour> contours) {
        Table t = Table.create("contours").addColumns(StringColumn.create("curve"), IntColumn.create("segment"),
                IntColumn.create("point"), DoubleColumn.create("x"), DoubleColumn.create("y"));
        Contour.fill(t, contours);
        return t;
    }

    /** Marching squares on the values v (row-major, x fastest) already shifted by the level. */
    static Contour march(String name, double level, VectorField.Grid g, double[] v) {
        int nx = g.nx();
        int ny = g.ny();
        int horizontal = (nx - 1) * ny;
        int edges = horizontal + nx * (ny - 1);
        double[] ex = new double[edges];
        double[] ey = new double[edges];
        int[] a1 = new int[edges];
        int[] a2 = new int[edges];
        Arrays.fill(a1, -1);
        Arrays.fill(a2, -1);
        int[] segA = new int[16];
        int[] segB = new int[16];
        int ns = 0;
        int[] e = new int[4];
        for (int j = 0; j + 1 < ny; j++) {
            Cancellation.checkpoint();
            for (int i = 0; i + 1 < nx; i++) {
                double bl = v[j * nx + i];
                double br = v[j * nx + i + 1];
                double tr = v[(j + 1) * nx + i + 1];
                double tl = v[(j + 1) * nx + i];
                if (!(Double.isFinite(bl) && Double.isFinite(br) && Double.isFinite(tr) && Double.isFinite(tl))) {
                    continue;
                }
                int c = (bl >= 0 ? 1 : 0) | (br >= 0 ? 2 : 0) | (tr >= 0 ? 4 : 0) | (tl >= 0 ? 8 : 0);
                if (c == 0 || c == 15) {
                    continue;
                }
                e[0] = j * (nx - 1) + i;             // bottom: (i, j)–(i+1, j)
                e[1] = horizontal + j * nx + i + 1;  // right: (i+1, j)–(i+1, j+1)
                e[2] = (j + 1) * (nx - 1) + i;       // top: (i, j+1)–(i+1, j+1)
                e[3] = horizontal + j * nx + i;      // left: (i, j)–(i, j+1)
                int[] pairs = CASES[c];
                if (pairs == null) {
                    boolean centre = (bl + br + tr + tl) / 4 >= 0;
                    if (c == 5) { // bl, tr above
                        pairs = centre ? new int[] {0, 1, 3, 2} : new int[] {3, 0, 1, 2};
                    } else {      // 10: br, tl above
                        pairs = centre ? new int[] {3, 0, 1, 2} : new int[] {0, 1, 3, 2};
                    }
                }
                for (int p = 0; p < pairs.length; p += 2) {
                    if (ns == segA.length) {
                        segA = Arrays.copyOf(segA, 2 * ns);
                        segB = Arrays.copyOf(segB, 2 * ns);
                    }
                    int ea = e[pairs[p]];
                    int eb = e[pairs[p + 1]];
                    crossing(g, v, ea, horizontal, ex, ey);
                    crossing(g, v, eb, horizontal, ex, ey);
                    segA[ns] = ea;
                    segB[ns] = eb;
                    link(a1, a2, ea, ns);
                    link(a1, a2, eb, ns);
                    ns++;
                }
            }
        }
        // chain: open curves first (start at an edge used once), then loops
        boolean[] used = new boolean[ns];
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < ns; s++) {
                if (used[s]) {
                    continue;
                }
                int start;
                if (pass == 0) {
                    if (a2[segA[s]] < 0) {
                        start = segA[s];
                    } else if (a2[segB[s]] < 0) {
                        start = segB[s];
                    } else {
                        continue;
                    }
                } else {
                    start = segA[s];
                }
                List<Integer> chain = new ArrayList<>();
                chain.add(start);
                int edge = start;
                int seg = s;
                while (seg >= 0 && !used[seg]) {
                    used[seg] = true;
                    int next = segA[seg] == edge ? segB[seg] : segA[seg];
                    chain.add(next);
                    edge = next;
                    int o = a1[edge] == seg ? a2[edge] : a1[edge];
                    seg = o;
                }
                double[] px = new double[chain.size()];
                double[] py = new double[chain.size()];
                for (int q = 0; q < px.length; q++) {
                    px[q] = ex[chain.get(q)];
                    py[q] = ey[chain.get(q)];
                }
                xs.add(px);
                ys.add(py);
            }
        }
        return new Contour(name, level, List.copyOf(xs), List.copyOf(ys));
    }

    private static void link(int[] a1, int[] a2, int edge, int seg) {
        if (a1[edge] < 0) {
            a1[edge] = seg;
        } else {
            a2[edge] = seg;
        }
    }

    private static void crossing(VectorField.Grid g, double[] v, int edge, int horizontal, double[] ex, double[] ey) {
        int nx = g.nx();
        int i0;
        int j0;
        int i1;
        int j1;
        if (edge < horizontal) {
            j0 = edge / (nx - 1);
            i0 = edge % (nx - 1);
            i1 = i0 + 1;
            j1 = j0;
        } else {
            int r = edge - horizontal;
            j0 = r / nx;
            i0 = r % nx;
            i1 = i0;
            j1 = j0 + 1;
        }
        double fa = v[j0 * nx + i0];
        double fb = v[j1 * nx + i1];
        double t = fa == fb ? 0.5 : fa / (fa - fb);
        ex[edge] = g.x(i0) + t * (g.x(i1) - g.x(i0));
        ey[edge] = g.y(j0) + t * (g.y(j1) - g.y(j0));
    }
}
