package org.sharpnesslab.plot;

import org.sharpnesslab.dynamics.DiscreteMap;
import org.sharpnesslab.dynamics.FixedPoints;
import org.sharpnesslab.dynamics.Nullclines;
import org.sharpnesslab.dynamics.VectorField;

/**
 * A generic phase portrait of any 2-D map in one call: arrows of Ĝ = G/‖G‖ (G = M(x) − x), both nullclines, and
 * the fixed points found by a multi-start Newton search, coloured by stability. Layer more on the returned
 * {@link Figure} with {@link Overlays} (regions, orbits, guides).
 */
public final class MapPortrait {

    private MapPortrait() {
    }

    /**
     * @param map    a 2-D map
     * @param xRange {lo, hi} of the first coordinate
     * @param yRange {lo, hi} of the second coordinate
     * @param arrows arrows per axis (e.g. 20); nullclines use a grid 10× finer, the fixed-point search
     *               max(arrows/2, 4) starts per axis
     */
    public static Figure of(DiscreteMap map, double[] xRange, double[] yRange, int arrows) {
        Figure f = Plots.figure();
        Quiver.add(f, "G/|G|", VectorField.unit(map, xRange, yRange, arrows, arrows));
        int fine = Math.max(50, 10 * arrows);
        Overlays.nullclines(f, Nullclines.contours(map, xRange, yRange, fine, fine));
        Overlays.fixedPoints(f, FixedPoints.search(map, new double[] {xRange[0], yRange[0]},
                new double[] {xRange[1], yRange[1]}, Math.max(arrows / 2, 4)));
        f.xRange(xRange[0], xRange[1]).yRange(yRange[0], yRange[1]);
        f.axes("x_1", "x_2");
        return f;
    }
}
