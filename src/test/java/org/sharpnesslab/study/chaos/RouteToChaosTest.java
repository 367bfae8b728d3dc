package org.sharpnesslab.study.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Transforms;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.nn.FCN;
import tech.tablesaw.api.Table;

class RouteToChaosTest {

    /** 000 Fig. 5 (first row) in miniature: a 2-layer linear FCN on the random dataset, one output. */
    static RouteToChaos route() {
        Dataset data = Transforms.scaleInputs(Datasets.gaussian(100, 10, 1, 0), 1 / Math.sqrt(10));
        FCN net = FCN.builder().input(10).width(10).depth(2).output(1).linear().sigmaW2(0.1).build();
        return new RouteToChaos(net, data, RouteToChaos.Setup.notebook().withTransient(1200).withWindow(64, 32, 64));
    }

    @Test
    void lateSharpnessHasPeriodOneJustBelowTheFirstFlipAndPeriodTwoJustAbove() {
        RouteToChaos r = route();
        double l0 = r.lambda0();
        // bracket the flip on a coarse scan of c = eta * lambda0
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (double c = 1.0; c <= 4.0; c += 0.25) {
            int p = r.late(c / l0).period();
            if (p == 1) {
                lo = c / l0;
            } else if (p == 2 && !Double.isNaN(lo)) {
                hi = c / l0;
                break;
            }
        }
        assertTrue(!Double.isNaN(lo) && !Double.isNaN(hi), "no period 1 -> 2 bracket found, lo=" + lo);
        RouteToChaos.Flip f = r.firstFlip(lo, hi, 1e-3);
        System.out.println("first flip: " + f.table().print());
        double flip = f.eta();
        // both sides of the located flip, 2% away
        RouteToChaos.Late below = r.late(0.98 * flip);
        RouteToChaos.Late above = r.late(1.02 * flip);
        assertEquals(1, below.period(), "just below the flip");
        assertEquals(2, above.period(), "just above the flip");
        // the period-1 state is a minimum whose sharpness sits just under 2/eta (ratio -> 1 at the flip)
        assertTrue(f.ratioBelow() < 1 && f.ratioBelow() > 0.97, "eta*lambda/2 below the flip: " + f.ratioBelow());
        double[] two = above.last(2);
        assertTrue(Math.min(two[0], two[1]) < 2 / above.eta() && Math.max(two[0], two[1]) > 2 / above.eta(),
                "the period-2 orbit straddles 2/eta");
    }

    @Test
    void diagramRunsThroughTheSweepAndFeedsTheBifurcationChart() {
        RouteToChaos r = route();
        double l0 = r.lambda0();
        ChaosDiagram d = r.diagram(1.0 / l0, 1.5 / l0, 50.0 / l0);
        Table t = d.table();
        assertEquals(3, t.rowCount());
        assertEquals(1, t.longColumn("period").get(0).intValue());
        assertEquals(1.0, t.doubleColumn("c").get(0), 1e-9);
        assertTrue(t.booleanColumn("diverged").get(2), "c = 50 diverges");
        BifurcationDiagram b = d.bifurcation();
        assertEquals(-1, b.period()[2]);
        assertEquals(2 * 32, b.param().length, "32 kept values for each of the two finite eta: " + t.print());
        Table spectra = d.spectra(1.5 / l0);
        assertEquals(33, spectra.rowCount(), "half spectrum of 64 steps");
        double total = 0;
        for (int w = 0; w < spectra.rowCount(); w++) {
            total += spectra.doubleColumn("power").get(w) * (w == 0 || w == 32 ? 1 : 2);
        }
        assertEquals(1.0, total, 1e-9, "Parseval on the standardised signal (000 App. B.5)");
    }
}
