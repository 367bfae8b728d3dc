package org.sharpnesslab.study.regimes;

import java.util.Random;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The segmentation on synthetic trajectories whose regimes are known by construction: log λ piecewise linear in
 * s = log₁₀(1+t) (slope −0.5 in T1, 0 in T2, +0.6 in T3), then a period-2 oscillation around 2/η (T4), with 2 %
 * seeded multiplicative noise. A boundary counts as found when it is within 0.15 decades of the true one.
 */
class RegimeSegmentationTest {

    static final double ETA = 0.01;          // 2/η = 200
    static final int STEPS = 6000;
    static final double TOL_DECADES = 0.15;

    /** T1 = [0, b1), T2 = [b1, b2), T3 = [b2, b3), T4 = [b3, end), with λ₀ and the slopes given. */
    static double[] trajectory(double lambda0, double b1, double b2, double slopeDown, double slopeUp, long seed,
                               double[] eosStartOut) {
        Random r = new Random(seed);
        double[] lam = new double[STEPS + 1];
        double s1 = Math.log10(1 + b1);
        double s2 = Math.log10(1 + b2);
        double eos = 2 / ETA;
        double eosStart = Double.NaN;
        for (int t = 0; t <= STEPS; t++) {
            double s = Math.log10(1 + t);
            double y = Math.log10(lambda0) + slopeDown * Math.min(s, s1) + (s > s2 ? slopeUp * (s - s2) : 0);
            double l = Math.pow(10, y);
            if (l >= eos) {
                if (Double.isNaN(eosStart)) {
                    eosStart = t;
                }
                l = eos * (1 + 0.03 * (t % 2 == 0 ? 1 : -1)) - 2;
            }
            lam[t] = l * (1 + 0.02 * r.nextGaussian());
        }
        eosStartOut[0] = eosStart;
        return lam;
    }

    static double[] steps() {
        double[] s = new double[STEPS + 1];
        for (int t = 0; t <= STEPS; t++) {
            s[t] = t;
        }
        return s;
    }

    static void near(double expected, double actual, String what) {
        double d = Math.abs(Math.log10(1 + expected) - Math.log10(1 + actual));
        assertTrue(d <= TOL_DECADES, what + ": expected step " + expected + ", found " + actual + " (" + d
                + " decades off)");
    }

    @Test
    void spAtSmallInitialisationShowsAllFourRegimesAtTheirBoundaries() {
        double[] eos = new double[1];
        double[] lam = trajectory(150, 9, 99, -0.5, 0.6, 1, eos);
        double[] b = RegimeSegmentation.boundaries(steps(), lam, ETA, RegimeRule.DEFAULTS);
        assertEquals(0, b[0]);
        near(9, b[1], "T2 start");
        near(99, b[2], "T3 start");
        near(eos[0], b[3], "T4 start");
        Table t = RegimeSegmentation.segment(steps(), lam, ETA);
        assertEquals(4, t.rowCount());
        for (int k = 0; k < 4; k++) {
            assertTrue(t.booleanColumn("present").get(k), "regime " + k + " present\n" + t);
            assertTrue(t.doubleColumn("agreement").get(k) > 0.8, t.toString());
        }
        assertEquals(STEPS + 1, t.doubleColumn("end_step").get(3));
    }

    @Test
    void seedsDoNotMoveTheBoundariesFarAndLaterTransitionsAreFoundLater() {
        for (long seed = 2; seed < 6; seed++) {
            double[] eos = new double[1];
            double[] lam = trajectory(180, 30, 400, -0.6, 0.9, seed, eos);
            double[] b = RegimeSegmentation.boundaries(steps(), lam, ETA, RegimeRule.DEFAULTS);
            near(30, b[1], "T2 start, seed " + seed);
            near(400, b[2], "T3 start, seed " + seed);
            near(eos[0], b[3], "T4 start, seed " + seed);
        }
    }

    @Test
    void muPHasNoTransientNorSaturation() {
        // sharpening from the first step (000 Fig. 1c): slope +0.5 from λ₀ = 20 until 2/η
        double[] eos = new double[1];
        double[] lam = trajectory(20, 0, 0, 0, 0.5, 7, eos);
        Table t = RegimeSegmentation.segment(steps(), lam, ETA);
        assertFalse(t.booleanColumn("present").get(0), t.toString());
        assertFalse(t.booleanColumn("present").get(1), t.toString());
        assertTrue(t.booleanColumn("present").get(2), t.toString());
        assertTrue(t.booleanColumn("present").get(3), t.toString());
        near(eos[0], t.doubleColumn("start_step").get(3), "T4 start");
    }

    @Test
    void spAtLargeInitialisationNeverSharpensNorReachesTheEdge() {
        // reduction then a plateau to the end (000 Fig. 1b): slope up 0 means no sharpening
        double[] eos = new double[1];
        double[] lam = trajectory(150, 20, 1e9, -0.7, 0, 8, eos);
        Table t = RegimeSegmentation.segment(steps(), lam, ETA);
        assertTrue(t.booleanColumn("present").get(0), t.toString());
        assertTrue(t.booleanColumn("present").get(1), t.toString());
        assertFalse(t.booleanColumn("present").get(2), t.toString());
        assertFalse(t.booleanColumn("present").get(3), t.toString());
        near(20, t.doubleColumn("start_step").get(1), "T2 start");
    }

    @Test
    void aCatapultAboveTwoOverEtaBelongsToTheTransient() {
        double[] eos = new double[1];
        double[] lam = trajectory(150, 9, 99, -0.5, 0.6, 9, eos);
        lam[1] = 500;   // the sharpness catapults above 2/η = 200 in the first steps, then drops
        lam[2] = 350;
        lam[3] = 260;
        double[] b = RegimeSegmentation.boundaries(steps(), lam, ETA, RegimeRule.DEFAULTS);
        assertEquals(0, b[0]);
        near(9, b[1], "T2 start");
        near(eos[0], b[3], "T4 start");
        Table pts = RegimeSegmentation.labels(steps(), lam, ETA, RegimeRule.DEFAULTS);
        assertEquals("T1", pts.stringColumn("regime").get(1));
    }

    @Test
    void missingMeasurementsAreSkipped() {
        double[] eos = new double[1];
        double[] lam = trajectory(150, 9, 99, -0.5, 0.6, 1, eos);
        for (int t = 0; t <= STEPS; t++) {
            if (t > 20 && t % 5 != 0) {
                lam[t] = Double.NaN;   // measured every 5 steps after step 20
            }
        }
        double[] b = RegimeSegmentation.boundaries(steps(), lam, ETA, RegimeRule.DEFAULTS);
        near(9, b[1], "T2 start");
        near(99, b[2], "T3 start");
        near(eos[0], b[3], "T4 start");
    }

    @Test
    void badInputIsRejectedWithItsName() {
        double[] s = {0, 1, 2};
        double[] l = {1, 2, 3};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegimeSegmentation.segment(s, l, -1)).getMessage().contains("eta"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegimeSegmentation.segment(new double[] {0, 2, 1}, l, 0.1)).getMessage().contains("increase"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegimeRule.DEFAULTS.withFlatSlope(0)).getMessage().contains("flatSlope"));
    }
}
