package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BifurcationTest {

    private static final Bifurcation.Options OPT = Bifurcation.Options.DEFAULT.withTransient(20_000).withKeep(64)
            .withPeriodTol(1e-8);

    @Test
    void logisticOneValueAtTwoPointEightTwoAtThreePointTwo() {
        BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, new double[] {2.8, 3.2}, new double[] {0.5},
                5000, 100, 0);
        double[] a = d.distinctAt(0, 1e-9);
        assertEquals(1, a.length);
        assertEquals(1 - 1 / 2.8, a[0], 1e-12);
        double[] b = d.distinctAt(1, 1e-9);
        assertEquals(2, b.length);
        // the 2-cycle: x± = ((r + 1) ± √((r + 1)(r − 3))) / (2r)
        double r = 3.2;
        assertEquals(((r + 1) - Math.sqrt((r + 1) * (r - 3))) / (2 * r), b[0], 1e-12);
        assertEquals(((r + 1) + Math.sqrt((r + 1) * (r - 3))) / (2 * r), b[1], 1e-12);
        assertEquals(1, d.period()[0]);
        assertEquals(2, d.period()[1]);
        assertEquals(200, d.param().length);
        assertEquals(200, d.table().rowCount());
    }

    @Test
    void periodDoublingOnsetsAtThreeAndOnePlusRootSix() {
        // r in steps of 0.002 around each onset; values within 0.004 of the onset are skipped (slow convergence)
        checkOnset(3.0, 1, 2);
        checkOnset(1 + Math.sqrt(6), 2, 4);
    }

    private static void checkOnset(double rc, int before, int after) {
        double[] r = Bifurcation.range(rc - 0.05, rc + 0.05, 51);
        BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0, OPT);
        for (int i = 0; i < r.length; i++) {
            if (Math.abs(r[i] - rc) > 0.004) {
                assertEquals(r[i] < rc ? before : after, d.period()[i], "r = " + r[i]);
            }
        }
        // the transitions table brackets the onset (periods 0 = unconverged may appear right at it)
        tech.tablesaw.api.Table t = d.transitions();
        assertTrue(t.rowCount() >= 1);
        assertTrue(t.doubleColumn("param_before").get(0) < rc + 1e-12);
        assertTrue(t.doubleColumn("param_after").get(t.rowCount() - 1) > rc - 1e-12);
        assertEquals(before, t.intColumn("period_before").get(0));
        assertEquals(after, t.intColumn("period_after").get(t.rowCount() - 1));
    }

    @Test
    void deterministicAcrossParallelAndGenericPaths() {
        double[] r = Bifurcation.range(2.5, 4.0, 600);
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withKeep(50).withBlock(64).withParallel(true);
        BifurcationDiagram par = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0, o);
        BifurcationDiagram seq = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0, o.withParallel(false));
        assertArrayEquals(par.value(), seq.value(), 0.0);
        assertTrue(par.options().parallel() && !seq.options().parallel());
        // parallel without a block size uses blocks of 250; the default is one continuation through all values
        assertEquals(Bifurcation.Options.PARALLEL_BLOCK, Bifurcation.Options.DEFAULT.withParallel(true).block());
        assertEquals(Integer.MAX_VALUE, Bifurcation.Options.DEFAULT.block());
        BifurcationDiagram one = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0,
                Bifurcation.Options.DEFAULT.withKeep(50));
        assertEquals(r.length * 50, one.value().length);
        // reseeded values are independent: identical to running each value alone from x0
        BifurcationDiagram re = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0,
                Bifurcation.Options.DEFAULT.withKeep(50).withReseed(true));
        for (int i : new int[] {0, 299, 599}) {
            BifurcationDiagram alone = Bifurcation.diagram(Maps::logistic, new double[] {r[i]}, new double[] {0.5}, 0,
                    Bifurcation.Options.DEFAULT.withKeep(50));
            assertArrayEquals(alone.value(), re.valuesAt(i), 0.0);
        }
        // the generic k-D path on the same arithmetic gives the same numbers
        BifurcationDiagram gen = Bifurcation.diagram(
                p -> Maps.of(1, (x, out) -> out[0] = p * x[0] * (1 - x[0])), r, new double[] {0.5}, 0, o);
        assertArrayEquals(par.value(), gen.value(), 0.0);
        assertArrayEquals(par.period(), gen.period());
    }

    @Test
    void divergedValuesKeepNoPointsAndRestart() {
        // logistic r > 4 escapes from (0, 1); after it, r = 3.2 restarts from x0 and finds its 2-cycle
        BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, new double[] {2.8, 4.5, 3.2},
                new double[] {0.5}, 2000, 10, 0);
        assertEquals(Periods.DIVERGED, d.period()[1]);
        assertEquals(20, d.param().length);
        assertEquals(2, d.period()[2]);
        assertTrue(d.summary().booleanColumn("diverged").get(1));
    }

    @Test
    void lyapunovPerParameter() {
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(20_000).withKeep(100).withLyapunov(true);
        BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, new double[] {2.5, 4.0}, new double[] {0.3}, 0, o);
        assertEquals(Math.log(0.5), d.lyapunov()[0], 1e-9);
        assertEquals(Math.log(2), d.lyapunov()[1], 0.03); // ~10,100 steps: statistical error ~1e-2
        // Hénon at a = 1.4 (k-D path, largest exponent by QR): ≈ 0.419. Continuing from a = 0.3's fixed point
        // (1, 0.3) escapes at a = 1.4 (outside the attractor's basin), so reseed from x0 here.
        BifurcationDiagram cont = Bifurcation.diagram(a -> Maps.henon(a, 0.3), new double[] {0.3, 1.4},
                new double[] {0.1, 0.1}, 0, o);
        assertEquals(Periods.DIVERGED, cont.period()[1]);
        assertTrue(Double.isNaN(cont.lyapunov()[1]));
        BifurcationDiagram h = Bifurcation.diagram(a -> Maps.henon(a, 0.3), new double[] {0.3, 1.4},
                new double[] {0.1, 0.1}, 0, o.withReseed(true));
        assertEquals(Periods.NONE, h.period()[1]);
        assertTrue(h.lyapunov()[0] < 0);
        assertEquals(0.419, h.lyapunov()[1], 0.03);
        assertEquals(1, h.period()[0]);
    }

    @Test
    void observableOfTheState() {
        // Hénon: record φ(x) = x_1 + x_2; it must equal the sum of the two coordinate diagrams, point by point
        double[] a = Bifurcation.range(0.9, 1.2, 31);
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(500).withKeep(40).withReseed(true);
        BifurcationDiagram phi = Bifurcation.diagram(p -> Maps.henon(p, 0.3), a, new double[] {0.1, 0.1},
                x -> x[0] + x[1], o);
        BifurcationDiagram c0 = Bifurcation.diagram(p -> Maps.henon(p, 0.3), a, new double[] {0.1, 0.1}, 0, o);
        BifurcationDiagram c1 = Bifurcation.diagram(p -> Maps.henon(p, 0.3), a, new double[] {0.1, 0.1}, 1, o);
        assertEquals(-1, phi.coordinate());
        assertEquals(c0.value().length, phi.value().length);
        for (int i = 0; i < phi.value().length; i++) {
            assertEquals(c0.value()[i] + c1.value()[i], phi.value()[i], 1e-15);
        }
        // at a = 0.9 (before the flip at 0.9125) the attractor is the 2-cycle
        assertEquals(2, phi.period()[0]);
    }
}
