package org.sharpnesslab.study.early;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalConstantsTest {

    private static EarlyObservation o(double c, double loss, double sharp, double barrier, boolean div) {
        return new EarlyObservation(c, loss, sharp, Double.NaN, Double.NaN, barrier, div);
    }

    @Test
    void definitionsOnAHandMadeScan() {
        List<EarlyObservation> obs = List.of(
                o(1, 0.5, 0.9, 1.0, false),
                o(2, 1.004, 1.03, 1.0, false),   // rounds to 1.00: no loss rise (002 App. C)
                o(3, 1.5, 1.2, 1.0, false),
                o(4, 3.0, 2.0, 1.3, false),
                o(5, 9.0, 4.0, Double.NaN, true),
                o(6, 0.1, 0.1, 1.0, false));     // after the first divergence: ignored
        CriticalConstants cc = CriticalConstants.of(obs, 2);
        assertEquals(3, cc.cLoss());
        assertEquals(2, cc.cSharp());
        assertEquals(4, cc.cMax());
        assertEquals(4, cc.cBarrier());
        assertFalse(cc.maxCensored());
        assertEquals(3, CriticalConstants.of(obs, 2, 0.05).cSharp());   // App. G footnote 8: 1.03 < 1.05
        assertEquals(2, CriticalConstants.of(obs, -1).cLoss());          // without rounding 1.004 > 1
    }

    @Test
    void unseenEventsAreReportedAtCMaxAndCensoringIsFlagged() {
        List<EarlyObservation> obs = List.of(o(1, 0.5, 0.9, 1.0, false), o(2, 0.6, 0.9, 1.0, false));
        CriticalConstants cc = CriticalConstants.of(obs, 2);
        assertEquals(2, cc.cLoss());
        assertFalse(cc.lossSeen());
        assertTrue(cc.maxCensored());
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(2, CriticalConstants.quantile(v, 0.25), 0);
        assertEquals(4, CriticalConstants.quantile(v, 0.75), 0);
        assertEquals(1.75, CriticalConstants.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-15);
    }
}
