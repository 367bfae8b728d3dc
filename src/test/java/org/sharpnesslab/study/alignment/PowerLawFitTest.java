package org.sharpnesslab.study.alignment;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 004 Eq. (9): the fit recovers c₁, c₂ from synthetic noisy data; exact data gives R² = 1. */
class PowerLawFitTest {

    @Test
    void recoversTheCoefficientsFromNoisyData() {
        double c1 = 0.0017;
        double c2 = 0.23;                       // 004 Table 2, dice / cross-entropy
        int[] sizes = {468, 937, 1875, 3750, 7500};
        int reps = 16;                          // 4 data seeds × 4 init seeds
        double[] d = new double[sizes.length * reps];
        double[] y = new double[d.length];
        Random r = new Random(42);
        for (int i = 0; i < d.length; i++) {
            d[i] = sizes[i / reps];
            y[i] = c1 * Math.pow(d[i], c2) * Math.exp(0.05 * r.nextGaussian());
        }
        PowerLawFit fit = PowerLawFit.fit(d, y, 2000, 0.95, 7);
        assertEquals(c2, fit.c2(), 0.02);
        assertEquals(c1, fit.c1(), 0.15 * c1);
        assertTrue(fit.r2() > 0.9 && fit.r2() < 1, "R2 " + fit.r2());
        assertTrue(fit.c2Low() < c2 && c2 < fit.c2High(), fit.toString());
        assertTrue(fit.c2High() - fit.c2Low() < 0.06, fit.toString());
        assertEquals(fit.c1() * Math.pow(1000, fit.c2()), fit.predict(1000), 1e-15);
    }

    @Test
    void exactPowerLawHasUnitR2() {
        double[] d = {1, 2, 4, 8};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) y[i] = 3 * Math.pow(d[i], -0.5);
        PowerLawFit fit = PowerLawFit.fit(d, y);
        assertEquals(3, fit.c1(), 1e-12);
        assertEquals(-0.5, fit.c2(), 1e-12);
        assertEquals(1, fit.r2(), 1e-12);
        assertTrue(Double.isNaN(fit.c2Low()));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[]{1, 1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[]{1, 2}, new double[]{1, -2}));
    }
}
