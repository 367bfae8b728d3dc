package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PeriodDoublingTest {

    @Test
    void cascadeOfTheEoSMap() {
        EoSMap base = EoSMap.of(0.3, 1, 2, 1);
        Table t = PeriodDoubling.of(base).cascade(7);
        // level 1: the bottom of the zero-loss line loses stability at eta_c (000 Eq. 33, Eq. 37)
        assertEquals(0.5, t.doubleColumn("eta_k").getDouble(0), 1e-12);
        // level 2: the Eq. 35 two-cycle's multiplier M'(p-) M'(p+) is -1 there (closed-form cycle, independent of
        // the Newton continuation that found eta_2)
        double eta2 = t.doubleColumn("eta_k").getDouble(1);
        EoSMap m = base.withEta(eta2);
        double[] c = m.twoCycle();
        assertEquals(-1.0, m.derivative(c[0]) * m.derivative(c[1]), 1e-9);
        assertEquals(Math.sqrt(5) - 1, eta2 / 0.5, 1e-10); // observed: eta_2 / eta_c = sqrt(5) - 1
        // Feigenbaum's delta = 4.6692016...: the level-7 ratio is within 1e-3
        assertEquals(4.6692016, t.doubleColumn("delta").getDouble(6), 1e-3);
        // ratios increase monotonically towards it
        for (int i = 3; i < 7; i++) {
            double d = t.doubleColumn("delta").getDouble(i);
            assertEquals(true, d > t.doubleColumn("delta").getDouble(i - 1) && d < 4.6693);
        }
    }
}
