package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Periods;
import tech.tablesaw.api.Table;

class UVBifurcationTest {

    @Test
    void cascadeOfTheEoSMap() {
        EoSMap base = EoSMap.of(0.3, 1, 2, 1);
        Table t = UVBifurcation.cascade(base, 7);
        assertEquals(7, t.rowCount(), t.name());
        // first flip: the bottom of the zero-loss line at eta_c (000 Eq. 33, Eq. 37)
        assertEquals(0.5, t.doubleColumn("eta").getDouble(0), 1e-12);
        // second: the Eq. 35 two-cycle's multiplier M'(p-) M'(p+) is -1 there (closed-form cycle, independent of
        // the Newton continuation that located the flip); observed eta_1/eta_c = sqrt(5) - 1
        double eta1 = t.doubleColumn("eta").getDouble(1);
        EoSMap m = base.withEta(eta1);
        double[] c = m.twoCycle();
        assertEquals(-1.0, m.derivative(c[0]) * m.derivative(c[1]), 1e-9);
        assertEquals(Math.sqrt(5) - 1, t.doubleColumn("eta_over_eta_c").getDouble(1), 1e-10);
        // Feigenbaum's delta = 4.6692016...
        assertEquals(4.6692016, t.doubleColumn("delta").getDouble(6), 1e-3);
    }

    @Test
    void fullModelDiagramFollowsTheEoSMapAndDiverges() {
        UVConfig cfg = UVConfig.builder().n(8).muP().build(); // |x| = 1, y = 2, n_eff = 1: eta_c = 0.5
        BifurcationDiagram d = UVBifurcation.fullModel(cfg, new double[] {0.4, 0.56, 0.95}, 4000, 64, 1);
        assertEquals(1, d.period()[0]);                  // converged to line I
        assertEquals(2, d.period()[1]);                  // the Eq. 35 2-cycle on the manifold
        assertEquals(Periods.DIVERGED, d.period()[2]);   // beyond eta_max ~ 0.8 (000 Cor. 5.1)
        EoSMap eos = EoSMap.of(0.56, 1, 2, 1);
        double[] c = eos.twoCycle();
        double[] kept = d.valuesAt(1);
        double lo = Math.min(kept[0], kept[1]);
        double hi = Math.max(kept[0], kept[1]);
        assertEquals(eos.lambdaOf(c[0]), lo, 1e-8);     // lambda = 2 xt (df + y) at the cycle's points
        assertEquals(eos.lambdaOf(c[1]), hi, 1e-8);
        assertTrue(d.lyapunov()[1] < 0);
    }

    @Test
    void eosDiagramHasPeriodTwoJustAboveEtaC() {
        EoSMap base = EoSMap.of(0.3, 1, 2, 1);
        BifurcationDiagram d = UVBifurcation.eosMap(base, Bifurcation.range(0.45, 0.6, 4), 20000, 64);
        assertEquals(1, d.period()[0]);  // 0.45
        assertEquals(2, d.period()[2]);  // 0.55
        assertEquals(2, d.period()[3]);  // 0.60 < eta_1 = 0.618
    }
}
