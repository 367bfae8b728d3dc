package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EoSMapTest {

    @Test
    void eq3IsEq1OnTheManifold() {
        UVMap map = UVMap.of(0.62, 1.3, 1.8, 2.5);
        EoSMap eos = map.eosMap();
        for (double df : new double[] {-1.2, -0.3, 0.4, 1.1}) {
            double[] o = map.apply(new double[] {df, eos.lambdaOf(df)});
            assertEquals(o[0], eos.apply(df), 1e-12);
            // the manifold is invariant (beta = 0 stays 0)
            assertEquals(eos.lambdaOf(o[0]), o[1], 1e-12 * (1 + Math.abs(o[1])));
        }
    }

    @Test
    void periodTwoOnsetAtEtaC() {
        // M'(0) = 1 - 2 eta xt y = -1 exactly at eta = eta_c = 0.5 (|x|=1, y=2, n_eff=1): below, orbits go to 0;
        // above, to the 2-cycle of Eq. 35 whose amplitude grows like sqrt(eta - eta_c).
        EoSMap below = EoSMap.of(0.49, 1, 2, 1);
        assertEquals(-1.0, EoSMap.of(0.5, 1, 2, 1).derivative(0), 1e-15);
        double x = 0.05;
        for (int i = 0; i < 20000; i++) {
            x = below.apply(x);
        }
        assertEquals(0.0, x, 1e-12);
        for (double eta : new double[] {0.505, 0.52, 0.6}) {
            EoSMap m = EoSMap.of(eta, 1, 2, 1);
            double z = 0.05;
            for (int i = 0; i < 20000; i++) {
                z = m.apply(z);
            }
            double z1 = m.apply(z);
            double[] c = m.twoCycle();
            double lo = Math.min(z, z1);
            double hi = Math.max(z, z1);
            assertEquals(c[0], lo, 1e-8, "eta " + eta);
            assertEquals(c[1], hi, 1e-8, "eta " + eta);
            assertTrue(hi - lo > 0.1 * Math.sqrt(eta - 0.5));
        }
        assertTrue(Double.isNaN(EoSMap.of(0.49, 1, 2, 1).twoCycle()[0]));
        assertEquals(0.5, EoSMap.of(0.3, 1, 2, 1).eta1(), 1e-15);
    }

    @Test
    void eq36CyclesAreTwoCyclesAboveEta2() {
        EoSMap m0 = EoSMap.of(0.3, 1, 2, 1);
        assertEquals((Math.sqrt(32) - 2) / 2 * 0.5, m0.eta2(), 1e-15);
        for (double eta : new double[] {0.92, 0.95, 0.99}) {
            EoSMap m = EoSMap.of(eta, 1, 2, 1);
            double[] p = m.twoCyclesEq36();
            for (int k = 0; k < 4; k += 2) {
                assertEquals(p[k + 1], m.apply(p[k]), 1e-10);
                assertEquals(p[k], m.apply(p[k + 1]), 1e-10);
                assertTrue(Math.abs(p[k] - p[k + 1]) > 1e-3);
            }
        }
        assertTrue(Double.isNaN(EoSMap.of(0.9, 1, 2, 1).twoCyclesEq36()[0])); // 0.9 < eta2 = 0.914
    }

    @Test
    void subQuadraticLossOnTheManifold() {
        EoSMap m = EoSMap.of(0.7, 1.2, 1.5, 2.0);
        for (double df : new double[] {-0.9, 0.0, 0.8}) {
            double lam = m.lambdaOf(df);
            assertEquals(0.5 * df * df, m.lossOnManifold(lam), 1e-12); // 000 Eq. 44
            assertEquals(df, m.dfOf(lam), 1e-12);                        // 000 Eq. 43
        }
    }
}
