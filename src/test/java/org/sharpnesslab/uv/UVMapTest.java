package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class UVMapTest {

    /** (η, ‖x‖, y, n_eff) settings, all with η < η_upper. */
    static final double[][] SETTINGS = {
        {0.3, 1.0, 2.0, 1.0}, {0.7, 1.0, 2.0, 1.0}, {0.05, 1.3, 0.7, 512.0}, {0.9, 0.5, 3.0, 4.0}, {0.2, 2.0, 1.5, 22.6}
    };

    @Test
    void tableOneMatchesItsClosedFormsAndIsFixedWithThoseEigenpairs() {
        for (double[] s : SETTINGS) {
            UVMap map = UVMap.of(s[0], s[1], s[2], s[3]);
            double xt = s[1] / Math.sqrt(s[3]);
            double eta = s[0];
            double y = s[2];
            Table t = map.fixedPoints();
            assertEquals(4, t.rowCount());
            // positions from the closed forms of 000 Table 1
            double[][] pts = {{0, 2 * xt * y}, {-y, 0}, {-2 / (eta * xt), 4 / eta - 2 * xt * y},
                {2 / (eta * xt), 4 / eta + 2 * xt * y}};
            for (int r = 0; r < 4; r++) {
                double[] p = {t.doubleColumn("df").getDouble(r), t.doubleColumn("lambda").getDouble(r)};
                assertEquals(pts[r][0], p[0], 1e-12 * (1 + Math.abs(pts[r][0])));
                assertEquals(pts[r][1], p[1], 1e-12 * (1 + Math.abs(pts[r][1])));
                // a true fixed point of Eqs. 1-2
                double[] m = map.apply(p);
                assertEquals(p[0], m[0], 1e-10 * (1 + Math.abs(p[0])), "df of " + t.stringColumn("name").get(r));
                assertEquals(p[1], m[1], 1e-10 * (1 + Math.abs(p[1])), "lambda of " + t.stringColumn("name").get(r));
                // eigenpairs: J v = e v for both listed pairs, with the analytic Jacobian
                double[][] j = map.jacobian(p);
                for (int k = 1; k <= 2; k++) {
                    double e = t.doubleColumn("eig" + k).getDouble(r);
                    double[] v = {t.doubleColumn("vec" + k + "_df").getDouble(r),
                        t.doubleColumn("vec" + k + "_lambda").getDouble(r)};
                    double[] jv = {j[0][0] * v[0] + j[0][1] * v[1], j[1][0] * v[0] + j[1][1] * v[1]};
                    assertEquals(e * v[0], jv[0], 1e-9 * (1 + Math.abs(e * v[0])));
                    assertEquals(e * v[1], jv[1], 1e-9 * (1 + Math.abs(e * v[1])));
                }
                // and they are the eigenvalues of the Jacobian (commons-math)
                double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(j)).getRealEigenvalues();
                double[] tab = {t.doubleColumn("eig1").getDouble(r), t.doubleColumn("eig2").getDouble(r)};
                Arrays.sort(ev);
                Arrays.sort(tab);
                assertEquals(tab[0], ev[0], 1e-9 * (1 + Math.abs(tab[0])));
                assertEquals(tab[1], ev[1], 1e-9 * (1 + Math.abs(tab[1])));
            }
            assertEquals("saddle", t.stringColumn("stability").get(1));
            assertEquals("unstable", t.stringColumn("stability").get(3));
        }
    }

    @Test
    void paperSettingTableOneValues() {
        // 000 Table 1 at |x| = 1, y = 2, n_eff = 1, eta = 0.3: q = eta/eta_c = 0.6
        Table t = UVMap.of(0.3, 1, 2, 1).fixedPoints();
        assertEquals(0.16, t.doubleColumn("eig1").getDouble(1), 1e-12);  // (1 - 0.6)^2
        assertEquals(2.56, t.doubleColumn("eig2").getDouble(1), 1e-12);  // (1 + 0.6)^2
        assertEquals(3.8, t.doubleColumn("eig2").getDouble(2), 1e-12);   // 5 - 1.2
        assertEquals(6.2, t.doubleColumn("eig2").getDouble(3), 1e-12);   // 5 + 1.2
        assertEquals(-0.2, t.doubleColumn("eig2").getDouble(0), 1e-12);  // 1 - 0.3*4 at lambda_min = 4
        assertEquals("stable", t.stringColumn("stability").get(0));
    }

    @Test
    void fixedLineStabilityFlipsAtTwoOverEta() {
        UVMap map = UVMap.of(0.3, 1, 2, 1);
        Table t = map.fixedLine(5.0, 2 / 0.3 + 0.1);
        assertEquals("stable", t.stringColumn("stability").get(0));
        assertEquals("unstable", t.stringColumn("stability").get(1));
        assertThrows(IllegalArgumentException.class, () -> map.fixedLine(3.9)); // below lambda_min = 4
    }

    @Test
    void criticalLearningRates() {
        // 000 Eq. 33: eta_c = sqrt(n_eff)/(|x| y); Fig. 3: eta_c = 0.5 at |x|=1, y=2, n_eff=1
        assertEquals(0.5, UVMap.of(0.3, 1, 2, 1).etaC(), 1e-15);
        assertEquals(1.0, UVMap.of(0.3, 1, 2, 1).etaUpper(), 1e-15);
        assertEquals(4.0, UVMap.of(0.3, 1, 2, 1).lambdaMin(), 1e-15);
        assertEquals(Math.sqrt(512) / (1.3 * 0.7), UVMap.of(0.3, 1.3, 0.7, 512).etaC(), 1e-12);
        // eta_c is where the bottom of the zero-loss line loses stability: eta_c * lambda_min = 2
        UVMap m = UVMap.of(0.1, 0.8, 1.7, 9);
        assertEquals(2.0, m.etaC() * m.lambdaMin(), 1e-14);
    }

    @Test
    void analyticJacobianAgreesWithFiniteDifferences() {
        UVMap map = UVMap.of(0.43, 1.2, 1.7, 3.0);
        double[][] pts = {{0.3, 2.0}, {-1.1, 5.5}, {2.4, 0.7}};
        for (double[] p : pts) {
            double[][] j = map.jacobian(p);
            for (int c = 0; c < 2; c++) {
                double h = 1e-6;
                double[] pp = p.clone();
                double[] pm = p.clone();
                pp[c] += h;
                pm[c] -= h;
                double[] fp = map.apply(pp);
                double[] fm = map.apply(pm);
                for (int r = 0; r < 2; r++) {
                    assertEquals((fp[r] - fm[r]) / (2 * h), j[r][c], 1e-6);
                }
            }
        }
    }

    @Test
    void betaUpdateOfAppendixC7() {
        // beta = lambda/(2 xt) - (df + y) updates as beta' = beta (1 + eta xt df)^2 (000 App. C.7)
        UVMap map = UVMap.of(0.7, 1.4, 2.0, 2.0);
        double xt = map.xTilde();
        for (double[] s : new double[][] {{0.5, 6.0}, {-1.3, 4.4}, {2.2, 9.0}}) {
            double b = s[1] / (2 * xt) - (s[0] + 2);
            double[] o = map.apply(s);
            double b1 = o[1] / (2 * xt) - (o[0] + 2);
            assertEquals(b * Math.pow(1 + 0.7 * xt * s[0], 2), b1, 1e-12 * (1 + Math.abs(b1)));
        }
    }

    @Test
    void regionsAndDivergence() {
        UVMap map = UVMap.of(0.3, 1, 2, 1);
        assertEquals(Regions.Region.FORBIDDEN, Regions.classify(map, 1.0, 1.0));    // 1 < 2|1+2| = 6
        assertEquals(Regions.Region.R1, Regions.classify(map, -2.0, 2.0));          // right above II (muP start)
        assertEquals(Regions.Region.R2, Regions.classify(map, -5.0, 6.5));          // between II and III
        assertEquals(Regions.Region.R3, Regions.classify(map, 3.0, 12.0));          // between I and IV
        // the boundary eta*lambda*df = 4(df + y) separates R1 from R3: lambda = 4(3+2)/(0.3*3) = 22.2
        assertEquals(Regions.Region.R3, Regions.classify(map, 3.0, 22.0));
        assertEquals(Regions.Region.R1, Regions.classify(map, 3.0, 22.5));
        assertTrue(Regions.diverges(map, 8.0, 30.0, 200));   // beyond IV
        assertFalse(Regions.diverges(map, -1.9, 2.5, 2000)); // muP-like start converges
        Table it = map.iterate(8.0, 30.0, 200);
        assertTrue(it.rowCount() < 201);
        assertTrue(it.name().contains("DIVERGED"));
    }

    @Test
    void newtonFinderRecoversTableOne() {
        for (double[] s : new double[][] {{0.3, 1.0, 2.0, 1.0}, {0.7, 1.0, 2.0, 1.0}, {0.2, 2.0, 1.5, 22.6}}) {
            UVMap map = UVMap.of(s[0], s[1], s[2], s[3]);
            Table t = map.fixedPointsNumerical();
            assertEquals(4, t.rowCount());
            assertTrue(t.stringColumn("found").get(0).matches("[1-9][0-9]* points on line I \\(nearest shown\\)"), t.stringColumn("found").get(0));
            for (int r = 1; r < 4; r++) {
                assertEquals("yes", t.stringColumn("found").get(r), map + " row " + r);
                double df = t.doubleColumn("df").getDouble(r);
                double l = t.doubleColumn("lambda").getDouble(r);
                assertEquals(df, t.doubleColumn("df_newton").getDouble(r), 1e-9 * (1 + Math.abs(df)));
                assertEquals(l, t.doubleColumn("lambda_newton").getDouble(r), 1e-9 * (1 + Math.abs(l)));
                assertEquals(t.stringColumn("stability").get(r), t.stringColumn("stability_numeric").get(r));
                double a1 = Math.abs(t.doubleColumn("eig1").getDouble(r));
                double a2 = Math.abs(t.doubleColumn("eig2").getDouble(r));
                assertEquals(Math.max(a1, a2), t.doubleColumn("eig_abs1_numeric").getDouble(r), 1e-8 * Math.max(a1, a2));
                assertEquals(Math.min(a1, a2), t.doubleColumn("eig_abs2_numeric").getDouble(r), 1e-8 * Math.max(a1, a2));
            }
        }
    }

    @Test
    void newtonMissesAreMarkedNotFilledWithTheClosedForm() {
        UVMap map = UVMap.of(0.3, 1.0, 2.0, 1.0);
        Table t = map.fixedPointsNumerical(1);      // one start: Newton cannot find all four
        int missed = 0;
        for (int r = 0; r < 4; r++) {
            boolean miss = t.stringColumn("found").get(r).equals("no");
            if (miss) {
                missed++;
                assertTrue(Double.isNaN(t.doubleColumn("df_newton").getDouble(r)));
                assertTrue(Double.isNaN(t.doubleColumn("lambda_newton").getDouble(r)));
                assertTrue(Double.isNaN(t.doubleColumn("eig_abs1_numeric").getDouble(r)));
                assertEquals("not found", t.stringColumn("stability_numeric").get(r));
            }
        }
        assertTrue(missed >= 1, "expected at least one miss from a single Newton start:\n" + t);
        Table full = map.fixedPointsNumerical();
        double lineDf = full.doubleColumn("df_newton").getDouble(0);
        assertTrue(Math.abs(lineDf) < 1e-8);
        assertTrue(full.doubleColumn("lambda_newton").getDouble(0) >= map.lambdaMin() * (1 - 1e-9));
    }

    @Test
    void negativeYHasThePositiveEtaCOfItsMirrorImage() {
        UVMap plus = UVMap.of(0.3, 1.0, 2.0, 4.0);
        UVMap minus = UVMap.of(0.3, 1.0, -2.0, 4.0);
        assertEquals(Math.sqrt(4.0) / (1.0 * 2.0), minus.etaC(), 1e-15);
        assertEquals(plus.etaC(), minus.etaC(), 0);
        // (Δf, λ) → (−Δf, λ) maps the y orbit onto the −y orbit: the same stability threshold
        double[][] a = plus.orbit(0.3, 1.2, 50);
        double[][] b = minus.orbit(-0.3, 1.2, 50);
        for (int t = 0; t <= 50; t++) {
            assertEquals(a[0][t], -b[0][t], 1e-12 * (1 + Math.abs(a[0][t])));
            assertEquals(a[1][t], b[1][t], 1e-12 * (1 + Math.abs(a[1][t])));
        }
    }

    @Test
    void negativeStepCountsAreRejectedByName() {
        UVMap map = UVMap.of(0.3, 1.0, 2.0, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.orbit(0, 1, -1));
        assertEquals("steps must be >= 0, got -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> map.iterate(0, 1, -5));
    }
}
