package org.sharpnesslab.dynamics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * The displacement field G(x) = M(x) − x of a 2-D map and its unit field Ĝ = G / ‖G‖ on a regular grid: the
 * arrows of a phase portrait (000 Fig. 2 draws Ĝ of the function-space map; its zeros are the fixed points, its
 * component zeros the nullclines, see {@link Nullclines}).
 */
public final class VectorField {

    private VectorField() {
    }

    /**
     * Ĝ on an nx × ny grid over [xRange[0], xRange[1]] × [yRange[0], yRange[1]] (ends included).
     *
     * @return one row per grid point, x fastest: columns {@code x}, {@code y}, {@code gx}, {@code gy} (G),
     *         {@code ux}, {@code uy} (Ĝ; missing where G = 0 or is not finite), {@code norm} (‖G‖_2; missing where
     *         not finite)
     * @param map    a map of dimension 2
     * @param xRange {lo, hi} of the first coordinate, lo &lt; hi
     * @param yRange {lo, hi} of the second coordinate
     * @param nx     grid points along x, ≥ 2
     * @param ny     grid points along y, ≥ 2
     */
    public static Table unit(DiscreteMap map, double[] xRange, double[] yRange, int nx, int ny) {
        Grid g = Grid.of(map, xRange, yRange, nx, ny);
        int n = nx * ny;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] gx = new double[n];
        double[] gy = new double[n];
        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] norm = new double[n];
        double[] in = new double[2];
        double[] out = new double[2];
        for (int j = 0; j < ny; j++) {
            Cancellation.checkpoint();
            for (int i = 0; i < nx; i++) {
                int r = j * nx + i;
                x[r] = g.x(i);
                y[r] = g.y(j);
                in[0] = x[r];
                in[1] = y[r];
                map.step(in, out);
                gx[r] = out[0] - in[0];
                gy[r] = out[1] - in[1];
                double nr = Math.hypot(gx[r], gy[r]);
                boolean finite = Double.isFinite(nr);
                norm[r] = finite ? nr : Double.NaN;
                if (!finite) {
                    gx[r] = Double.NaN;
                    gy[r] = Double.NaN;
                }
                ux[r] = finite && nr > 0 ? gx[r] / nr : Double.NaN;
                uy[r] = finite && nr > 0 ? gy[r] / nr : Double.NaN;
            }
        }
        return Table.create("unit vector field").addColumns(DoubleColumn.create("x", x), DoubleColumn.create("y", y),
                DoubleColumn.create("gx", gx), DoubleColumn.create("gy", gy), DoubleColumn.create("ux", ux),
                DoubleColumn.create("uy", uy), DoubleColumn.create("norm", norm));
    }

    /** A validated regular grid. */
    record Grid(double x0, double x1, double y0, double y1, int nx, int ny) {

        static Grid of(DiscreteMap map, double[] xRange, double[] yRange, int nx, int ny) {
            if (map != null && map.dimension() != 2) {
                throw new IllegalArgumentException("the map must have dimension 2, has " + map.dimension());
            }
            return of(xRange, yRange, nx, ny);
        }

        static Grid of(double[] xRange, double[] yRange, int nx, int ny) {
            if (xRange.length != 2 || !(xRange[1] > xRange[0])) {
                throw new IllegalArgumentException("xRange must be {lo, hi} with lo < hi, got "
                        + java.util.Arrays.toString(xRange));
            }
            if (yRange.length != 2 || !(yRange[1] > yRange[0])) {
                throw new IllegalArgumentException("yRange must be {lo, hi} with lo < hi, got "
                        + java.util.Arrays.toString(yRange));
            }
            if (nx < 2 || ny < 2) {
                throw new IllegalArgumentException("nx and ny must be >= 2, were " + nx + " and " + ny);
            }
            return new Grid(xRange[0], xRange[1], yRange[0], yRange[1], nx, ny);
        }

        double x(int i) {
            return i == nx - 1 ? x1 : x0 + (x1 - x0) * i / (nx - 1);
        }

        double y(int j) {
            return j == ny - 1 ? y1 : y0 + (y1 - y0) * j / (ny - 1);
        }
    }
}
