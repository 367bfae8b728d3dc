package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlipCascadeTest {

    @Test
    void logisticCascadeAndFeigenbaumRatio() {
        // reference flips of the logistic map (e.g. Briggs 1991; OEIS A086181 for r_3): 3, 1 + √6, 3.5440903596,
        // 3.5644072661, 3.5687594195, 3.5696916098
        FlipCascade c = FlipCascade.find(Maps::logistic, new double[] {0.5}, 2.5, 3.57, 6);
        assertEquals("found all", c.stop());
        double[] ref = {3, 1 + Math.sqrt(6), 3.5440903596, 3.5644072661, 3.5687594195, 3.5696916098};
        assertEquals(6, c.points().length);
        assertEquals(ref[0], c.points()[0], 1e-10);
        assertEquals(ref[1], c.points()[1], 1e-10);
        for (int k = 2; k < 6; k++) {
            assertEquals(ref[k], c.points()[k], 2e-10, "r_" + k);
        }
        // δ_k → 4.6692: the last ratio is within 1e-3
        double[] d = c.ratios();
        assertEquals(FlipCascade.DELTA, d[d.length - 1], 1e-3);
        assertEquals(6, c.table().rowCount());
    }

    @Test
    void henonCascadeStartsWhereTheFixedPointFlips() {
        // Hénon, b = 0.3: the fixed point flips at a = 3(1 − b)²/4 = 0.3675 (closed form)
        FlipCascade c = FlipCascade.find(a -> Maps.henon(a, 0.3), new double[] {0.1, 0.1}, 0.2,
                1.06, 2);
        assertEquals(0.3675, c.points()[0], 1e-10);
        // the 2-cycle flips where the product of the Jacobians has an eigenvalue −1: check it at the answer
        double a1 = c.points()[1];
        assertEquals(0.9125, a1, 1e-6); // the period-4 onset of the Hénon map at b = 0.3
        double[] onCycle = Orbit.of(Maps.henon(a1 - 0.01, 0.3), new double[] {0.1, 0.1}, 20_000).last();
        PeriodicOrbit o = PeriodicOrbits.find(Maps.henon(a1, 0.3), 2, onCycle);
        assertEquals(2, o.minimalPeriod());
        assertEquals(-1, Math.min(o.multipliersRe()[0], o.multipliersRe()[1]), 1e-8);
    }
}
