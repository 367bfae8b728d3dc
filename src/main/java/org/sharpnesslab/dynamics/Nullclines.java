package org.sharpnesslab.dynamics;

import java.util.List;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * The nullclines of a 2-D map: the curves where one component of the displacement G(x) = M(x) − x vanishes.
 * On {@code g1} (G_1 = 0) the first coordinate does not move, on {@code g2} (G_2 = 0) the second; fixed points
 * lie on both. Computed by marching squares ({@link Contours}) on an nx × ny grid, accurate to O(h²).
 * (000 Fig. 2 draws the two nullclines of the function-space map.)
 */
public final class Nullclines {

    private Nullclines() {
    }

    /**
     * Both nullclines as one table: columns {@code curve} ("g1" or "g2"), {@code segment} (polyline id within
     * the curve), {@code point}, {@code x}, {@code y}.
     *
     * @param map    a map of dimension 2
     * @param xRange {lo, hi} of the first coordinate
     * @param yRange {lo, hi} of the second coordinate
     * @param nx     grid points along x, ≥ 2
     * @param ny     grid points along y, ≥ 2
     */
    public static Table of(DiscreteMap map, double[] xRange, double[] yRange, int nx, int ny) {
        return Contours.table(contours(map, xRange, yRange, nx, ny));
    }

    /** The two nullclines as {@link Contour}s named "g1" and "g2" (for charts). */
    public static List<Contour> contours(DiscreteMap map, double[] xRange, double[] yRange, int nx, int ny) {
        VectorField.Grid g = VectorField.Grid.of(map, xRange, yRange, nx, ny);
        double[] g1 = new double[nx * ny];
        double[] g2 = new double[nx * ny];
        double[] in = new double[2];
        double[] out = new double[2];
        for (int j = 0; j < ny; j++) {
            Cancellation.checkpoint();
            for (int i = 0; i < nx; i++) {
                in[0] = g.x(i);
                in[1] = g.y(j);
                map.step(in, out);
                g1[j * nx + i] = out[0] - in[0];
                g2[j * nx + i] = out[1] - in[1];
            }
        }
        return List.of(Contours.march("g1", 0, g, g1), Contours.march("g2", 0, g, g2));
    }
}
