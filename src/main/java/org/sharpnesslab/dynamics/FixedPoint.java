package org.sharpnesslab.dynamics;

import java.util.Arrays;

/**
 * The result of Newton's method for a fixed point M(x*) = x* ({@link FixedPoints#newton}).
 *
 * @param point      the last iterate x (the fixed point when {@code converged})
 * @param start      the starting guess
 * @param residual   ‖M(x) − x‖_∞ at {@code point}
 * @param iterations Newton steps taken
 * @param converged  whether residual ≤ tol · max(1, ‖x‖_∞)
 * @param stop       why it stopped
 */
public record FixedPoint(double[] point, double[] start, double residual, int iterations, boolean converged,
                         Newton.Stop stop) {

    @Override
    public String toString() {
        return "FixedPoint[" + Arrays.toString(point) + ", residual=" + String.format("%.3g", residual)
                + ", iterations=" + iterations + ", " + stop.label() + "]";
    }
}
