package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PeriodsTest {

    private static int period(double r) {
        return Periods.detect(Maps.logistic(r), new double[] {0.4}, 20_000, 32, 1e-9);
    }

    @Test
    void logisticPeriods() {
        assertEquals(1, period(2.8));
        assertEquals(2, period(3.2));
        assertEquals(4, period(3.5));
        assertEquals(8, period(3.55));
        assertEquals(3, period(3.83)); // the period-3 window
        assertEquals(Periods.NONE, period(4.0)); // chaos
        assertEquals(Periods.DIVERGED, Periods.detect(Maps.logistic(4.5), new double[] {0.4}, 100, 8, 1e-9));
    }

    @Test
    void henonPeriodTwoAtSmallA() {
        // Hénon b = 0.3: the fixed point loses stability at a = 3(1 − b)²/4 = 0.3675; at a = 0.5 a 2-cycle
        assertEquals(2, Periods.detect(Maps.henon(0.5, 0.3), new double[] {0.1, 0.1}, 5000, 16, 1e-9));
        assertEquals(1, Periods.detect(Maps.henon(0.3, 0.3), new double[] {0.1, 0.1}, 5000, 16, 1e-9));
    }

    @Test
    void seriesPeriod() {
        double[] v = {5, 1, 2, 3, 1, 2, 3, 1, 2, 3};
        assertEquals(3, Periods.ofSeries(v, 1, 9, 4, 1e-12));
        assertEquals(Periods.NONE, Periods.ofSeries(v, 0, 10, 4, 1e-12));
    }
}
