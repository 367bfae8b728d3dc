package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class OrbitTest {

    @Test
    void linearOrbitIsPowersOfTheMatrix() {
        // x_t = A^t x0 for A = diag(0.5, 2): closed form 0.5^t, 2^t
        Orbit o = Orbit.of(Maps.linear(new double[][] {{0.5, 0}, {0, 2}}), new double[] {1, 1}, 10);
        assertFalse(o.diverged());
        assertEquals(-1, o.divergedAt());
        assertEquals(11, o.length());
        assertArrayEquals(new double[] {Math.pow(0.5, 10), 1024}, o.last(), 1e-15);
        Table t = o.table("u", "v");
        assertEquals(java.util.List.of("step", "u", "v"), t.columnNames());
        assertEquals(11, t.rowCount());
        assertEquals(8.0, t.doubleColumn("v").get(3), 0);
        assertEquals(java.util.List.of("step", "x_1", "x_2"), o.table().columnNames());
    }

    @Test
    void divergenceStopsTheOrbitAtTheFirstBadState() {
        // x ↦ 10 x from 1: |x_t| = 10^t exceeds 1e5 first at t = 6
        Orbit o = Orbit.of(Maps.of1D(x -> 10 * x), new double[] {1}, 20, 1e5);
        assertTrue(o.diverged());
        assertEquals(6, o.divergedAt());
        assertEquals(6, o.length()); // x_0 .. x_5
        assertEquals(1e5, o.last()[0], 1e-9);
        // NaN is divergence too: sqrt of a negative number at step 1
        Orbit n = Orbit.of(Maps.of1D(x -> Math.sqrt(x) - 2), new double[] {1}, 5);
        assertTrue(n.diverged());
        assertEquals(2, n.divergedAt());
        assertEquals(2, n.table().rowCount());
    }

    @Test
    void badInputIsRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Orbit.of(Maps.henon(1.4, 0.3), new double[] {1}, 3));
        assertTrue(e.getMessage().contains("length 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Orbit.of(Maps.logistic(3), new double[] {0.1}, -1));
        assertThrows(IllegalArgumentException.class,
                () -> Orbit.of(Maps.henon(1.4, 0.3), new double[] {1, 1}, 3).table("a"));
    }
}
