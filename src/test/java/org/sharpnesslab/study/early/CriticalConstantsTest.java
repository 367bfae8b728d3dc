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

    /** Divergence that is not monotone in c: App. A's reading stops at the first, Def. 1's takes the largest stable. */
    @Test
    void bothReadingsOfCMaxOnANonMonotoneScan() {
        List<EarlyObservation> obs = List.of(
                o(1, 0.5, 0.9, 1.0, false),
                o(2, 1.5, 1.2, 1.0, false),
                o(3, 9.0, 4.0, Double.NaN, true),
                o(4, 3.0, 2.0, 1.3, false),      // stable again above a diverging c
                o(5, 9.0, 4.0, Double.NaN, true));
        CriticalConstants first = CriticalConstants.of(obs, CriticalConstants.Reading.PAPER);
        CriticalConstants def1 = CriticalConstants.of(obs,
                CriticalConstants.Reading.PAPER.withCMax(CriticalConstants.CMaxReading.LARGEST_STABLE));
        assertEquals(2, first.cMax());
        assertEquals(4, def1.cMax());
        assertEquals(2, first.cLoss());
        assertEquals(2, def1.cLoss());                 // events are looked for below the first divergence
        assertFalse(def1.maxCensored());
        // a scan under Def. 1 walks the whole grid, under App. A it stops at the first divergence
        CGrid grid = CGrid.linear(1, 1).upTo(5);
        int[] calls = {0};
        java.util.function.DoubleFunction<EarlyObservation> run = c -> {
            calls[0]++;
            return obs.get((int) Math.round(c) - 1);
        };
        assertEquals(2, CriticalConstants.scan(grid, run, 0, CriticalConstants.Reading.PAPER).cMax());
        assertEquals(3, calls[0]);
        calls[0] = 0;
        assertEquals(4, CriticalConstants.scan(grid, run, 0, CriticalConstants.Reading.PAPER
                .withCMax(CriticalConstants.CMaxReading.LARGEST_STABLE)).cMax());
        assertEquals(5, calls[0]);
        org.sharpnesslab.sweep.Outcome out = CriticalConstants.scanOutcome(grid, run, 0, CriticalConstants.Reading.PAPER
                .withCMax(CriticalConstants.CMaxReading.LARGEST_STABLE), "c");
        assertEquals(4.0, out.values().get("c_max"));
        assertEquals(2.0, out.values().get("c_max_first_divergence"));
        assertEquals(CriticalConstants.CMaxReading.LARGEST_STABLE, CriticalConstants.CMaxReading.of("largest_stable"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CriticalConstants.CMaxReading.of("last"));
    }

    /** App. C's rounding against the exact comparison, and ε of footnote 8, as named options. */
    @Test
    void roundingAndEpsilonAreNamedOptions() {
        List<EarlyObservation> obs = List.of(o(1, 1.004, 1.004, 1.0, false), o(2, 1.2, 1.04, 1.0, false),
                o(3, 2.0, 1.2, 1.0, false), o(4, 9, 9, Double.NaN, true));
        CriticalConstants.Reading paper = CriticalConstants.Reading.PAPER;
        assertEquals(2, CriticalConstants.of(obs, paper).cLoss());
        assertEquals(1, CriticalConstants.of(obs, paper.exact()).cLoss());
        assertEquals(1, CriticalConstants.of(obs, paper.exact()).cSharp());
        assertEquals(2, CriticalConstants.of(obs, paper).cSharp());
        assertEquals(3, CriticalConstants.of(obs, paper.withSharpEpsilon(0.05)).cSharp());
        assertEquals(-1, paper.exact().decimals());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> paper.withSharpEpsilon(-0.1));
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(2, CriticalConstants.quantile(v, 0.25), 0);
        assertEquals(4, CriticalConstants.quantile(v, 0.75), 0);
        assertEquals(1.75, CriticalConstants.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-15);
    }
}
