package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class InitialisationTest {

    @Test
    void monteCarloMomentsWithinFourStandardErrors() {
        // 000 App. C.6, NTP and muP, with the standard error of each estimate (see Initialisation.compare)
        UVConfig[] cfgs = {
            UVConfig.builder().n(64).ntp().sigmaW2(1.0).xNorm(1.0).y(2).build(),
            UVConfig.builder().n(64).muP().sigmaW2(0.5).xNorm(1.5, 3).y(1).build(),
            UVConfig.builder().n(2).p(0.5).sigmaW2(2.0).build()
        };
        for (UVConfig c : cfgs) {
            Table t = Initialisation.of(c).compare(4000, 7);
            for (int r = 0; r < t.rowCount(); r++) {
                double z = t.doubleColumn("z").getDouble(r);
                assertTrue(Math.abs(z) < 4, c + " " + t.stringColumn("quantity").get(r) + " z=" + z);
                // and the standard error is small against the value (so the check has teeth)
                assertTrue(t.doubleColumn("std_error").getDouble(r)
                        < 0.15 * Math.abs(t.doubleColumn("analytic").getDouble(r)) + 1e-12);
            }
        }
    }

    @Test
    void analyticMoments() {
        UVConfig c = UVConfig.builder().n(100).p(0.5).sigmaW2(2.0).xNorm(3.0).y(1.5).build();
        Initialisation i = Initialisation.of(c);
        assertEquals(-1.5, i.meanDf(), 0);
        assertEquals(4.0 * 9 / 10, i.varDf(), 1e-12);       // sigma^4 |x|^2 / n^p
        assertEquals(2 * 2.0 * 9, i.meanLambda(), 1e-12);   // 2 sigma^2 |x|^2
        assertEquals(4 * 4.0 * 81 / 100, i.varLambda(), 1e-12);
    }
}
