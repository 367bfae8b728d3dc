package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One contract for every DiscreteMap made in this package: step/apply agree, the Jacobian is the derivative. */
class DiscreteMapContractTest {

    static Stream<Arguments> maps() {
        return Stream.of(
                Arguments.of("logistic", Maps.logistic(3.7)),
                Arguments.of("of1D numerical", Maps.of1D(x -> Math.sin(x) + 0.5 * x)),
                Arguments.of("henon", Maps.henon(1.4, 0.3)),
                Arguments.of("lambda numerical", Maps.of(2, (x, o) -> {
                    o[0] = Math.cos(x[1]) + 0.2 * x[0];
                    o[1] = x[0] * x[1];
                })),
                Arguments.of("linear 3x3", Maps.linear(new double[][] {{0.1, 2, 0}, {0, -0.5, 1}, {0.3, 0, 0.2}})),
                Arguments.of("henon^3", IteratedMap.of(Maps.henon(1.4, 0.3), 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void stepApplyAndJacobianAgree(String name, DiscreteMap m) {
        SplittableRandom rnd = new SplittableRandom(7);
        int k = m.dimension();
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[k];
            for (int i = 0; i < k; i++) {
                x[i] = rnd.nextDouble(-0.8, 0.8);
            }
            double[] copy = x.clone();
            double[] out = new double[k];
            m.step(x, out);
            assertEquals(java.util.Arrays.toString(copy), java.util.Arrays.toString(x), "step modified x");
            double[] a = m.apply(x);
            for (int i = 0; i < k; i++) {
                assertEquals(out[i], a[i], 0.0);
            }
            // Jacobian against a central difference with h = 1e-5 (error O(h²) ≈ 1e-9 · |M'''|)
            double[][] j = m.jacobian(x);
            for (int c = 0; c < k; c++) {
                double h = 1e-5;
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[c] += h;
                xm[c] -= h;
                double[] fp = m.apply(xp);
                double[] fm = m.apply(xm);
                for (int r = 0; r < k; r++) {
                    double fd = (fp[r] - fm[r]) / (2 * h);
                    assertEquals(fd, j[r][c], 1e-6 * Math.max(1, Math.abs(fd)), name + " J[" + r + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void misuseIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Maps.of(0, (x, o) -> { }));
        assertTrue(e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> IteratedMap.of(Maps.logistic(3), 0));
        assertThrows(IllegalArgumentException.class, () -> Maps.linear(new double[][] {{1, 2}}));
        e = assertThrows(IllegalArgumentException.class, () -> Newton.DEFAULT.withTol(-1));
        assertTrue(e.getMessage().contains("tol"));
        e = assertThrows(IllegalArgumentException.class, () -> Bifurcation.Options.DEFAULT.withKeep(0));
        assertTrue(e.getMessage().contains("keep"));
        assertThrows(IllegalArgumentException.class,
                () -> Bifurcation.diagram(Maps::logistic, new double[] {3}, new double[] {0.5}, 1, 10, 1));
        assertThrows(IllegalArgumentException.class,
                () -> VectorField.unit(Maps.logistic(3), new double[] {0, 1}, new double[] {0, 1}, 5, 5));
        assertThrows(IllegalArgumentException.class,
                () -> FixedPoints.search(Maps.henon(1, 0.3), new double[] {1, 0}, new double[] {0, 1}, 3));
        assertEquals(0.5, FixedPoints.newton(Maps.logistic(2), 0.7).point()[0], 1e-12);
        assertEquals(11, Orbit.of(Maps.logistic(2), 0.1, 10).length());
    }
}
