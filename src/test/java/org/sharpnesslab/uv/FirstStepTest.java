package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class FirstStepTest {

    @Test
    void eq15SimplifiedFormEqualsTheGammaForm() {
        for (int w = 1; w <= 64; w *= 2) {
            double gammaForm = 3.0 * (w + 2) * Math.pow(w, 3) / 16 * Math.exp(Gamma.logGamma(w) - Gamma.logGamma(w + 4));
            assertEquals(gammaForm, FirstStep.meanF4OverTrace4(w), 1e-14 * gammaForm);
        }
    }

    @Test
    void closedFormsAgreeWithMonteCarloWithinStatisticalError() {
        for (int w : new int[] {1, 2, 4, 16}) {
            Table t = FirstStep.compare(w, 2.5, 40_000, 11 + w);
            for (int r = 0; r < t.rowCount(); r++) {
                double z = t.doubleColumn("z").get(r);
                assertTrue(Math.abs(z) < 4.5, "w=" + w + " " + t.stringColumn("quantity").get(r) + " z=" + z + "\n" + t);
            }
        }
    }

    @Test
    void eq7FrobeniusIdentityAgainstTheDenseHessian() {
        for (int w : new int[] {1, 3, 8}) {
            UVModel m = UVModel.init(FirstStep.config(w), 5 + w);
            double[][] h = m.hessian();
            double s = 0;
            for (double[] row : h) {
                for (double v : row) {
                    s += v * v;
                }
            }
            assertEquals(s, FirstStep.frobenius2(m.lambda(), m.loss(), w), 1e-10 * s);
        }
    }

    @Test
    void kLossPrimeIsTheRootOfEq16AndTendsToTwo() {
        double prev = Double.POSITIVE_INFINITY;
        for (int w : new int[] {1, 2, 4, 8, 16, 1024}) {
            double k = FirstStep.kLossPrime(w);
            assertEquals(1.0, FirstStep.meanLossRatio(k, w), 1e-9);
            assertTrue(k > 2 && k < prev, "k'(" + w + ") = " + k);
            prev = k;
        }
        assertEquals(2.0, FirstStep.kLossPrime(1 << 20), 1e-5);
        // w = 1: k − 2 + k(1−k)/4 + 3k³/128 vanishes at k = 8/3 exactly
        assertEquals(8.0 / 3, FirstStep.kLossPrime(1), 1e-12);
    }

    @Test
    void firstStepLowersTheAverageLossJustBelowTheThresholdAndRaisesItJustAbove() {
        for (int w : new int[] {1, 2, 4, 8}) {
            double k = FirstStep.kLossPrime(w);
            for (double dk : new double[] {-0.15, 0.15}) {
                Table t = FirstStep.compare(w, k + dk, 40_000, 100 + w);
                int row = 4; // eq16_loss_ratio
                assertEquals("eq16_loss_ratio", t.stringColumn("quantity").get(row));
                double mc = t.doubleColumn("monte_carlo").get(row);
                double se = t.doubleColumn("std_error").get(row);
                if (dk < 0) {
                    assertTrue(mc + 3 * se < 1, "w=" + w + " k=" + (k + dk) + ": " + mc + " ± " + se);
                } else {
                    assertTrue(mc - 3 * se > 1, "w=" + w + " k=" + (k + dk) + ": " + mc + " ± " + se);
                }
            }
        }
    }
}
