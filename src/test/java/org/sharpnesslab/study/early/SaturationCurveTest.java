package org.sharpnesslab.study.early;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.signal.SavitzkyGolay;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.uv.EarlyTraining;

class SaturationCurveTest {

    @Test
    void chainRuleOnALog2GridGivesExactCDerivatives() {
        // y = x² with x = log2 c: dy/dc = 2x/(c ln2), d²y/dc² = (2 − 2x ln2)/(c ln2)²
        double[] c = CGrid.log2(-1, 0.1).upTo(16).values();
        double[] y = new double[c.length];
        int[] n = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            double x = Math.log(c[i]) / Math.log(2);
            y[i] = x * x;
            n[i] = 1;
        }
        SaturationCurve s = SaturationCurve.of(c, y, new double[c.length], n, SavitzkyGolay.of(7, 2));
        double ln2 = Math.log(2);
        for (int i = 0; i < c.length; i++) {
            double x = Math.log(c[i]) / ln2;
            assertEquals(-2 * x / (c[i] * ln2), s.chi()[i], 1e-9);
            assertEquals(-(2 - 2 * x * ln2) / Math.pow(c[i] * ln2, 2), s.chiPrime()[i], 1e-8);
        }
    }

    @Test
    void uvModelHasCCritTwoAtEveryWidth() {
        // 002 App. B.2, Fig. 10: c_crit = 2 for all widths (points beyond c = 3.5 removed)
        double[] c = CGrid.linear(0.5, 0.05).upTo(3.5).values();
        for (int w : new int[] {2, 16}) {
            double[][] r = EarlyTraining.sharpnessRatios(w, c, 100, 100, Divergence.DEFAULT);
            SaturationCurve s = SaturationCurve.fromSamples(c, r, SavitzkyGolay.of(7, 3));
            assertEquals(2.0, s.cCrit(), 0.051, "w = " + w);
        }
    }
}
