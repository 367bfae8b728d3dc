package org.sharpnesslab.uv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class UVModelTest {

    @Test
    void parameterSpaceRunEqualsFunctionSpaceMap() {
        // 000 Eqs. 1-2 are exact: same (df0, lambda0) -> same trajectory, to 1e-9 relative (non-chaotic runs)
        UVConfig[] cfgs = {
            UVConfig.builder().n(512).muP().sigmaW2(1).eta(0.3).build(),          // progressive sharpening, converges
            UVConfig.builder().n(512).ntp().sigmaW2(1).eta(0.3).build(),          // NTP, lazy
            UVConfig.builder().n(1).ntp().sigmaW2(0.5).eta(0.45).build(),         // small width
            UVConfig.builder().x(0.4, -0.8, 0.2).n(7).p(0.5).y(1.5).k(1.5).build() // d = 3, eta = k/lambda0
        };
        for (UVConfig c : cfgs) {
            UVRun run = UVModel.init(c, 11).train(400);
            assertFalse(run.diverged(), c.toString());
            double[][] o = run.map().orbit(run.df()[0], run.lambda()[0], 400);
            assertEquals(401, o[0].length);
            for (int t = 0; t <= 400; t++) {
                assertEquals(o[1][t], run.lambda()[t], 1e-9 * Math.abs(o[1][t]), c + " lambda at " + t);
                // 1e-9 relative, with an absolute floor 1e-12 for the cancellation in f - y once df is tiny
                assertEquals(o[0][t], run.df()[t], 1e-9 * Math.abs(o[0][t]) + 1e-12, c + " df at " + t);
            }
        }
    }

    @Test
    void sharpnessClosedFormEqualsDenseHessian() {
        UVConfig[] cfgs = {
            UVConfig.builder().n(3).muP().build(),
            UVConfig.builder().x(0.3, -0.7, 0.5).n(4).p(0.5).y(-1).build(),
            UVConfig.builder().n(6).x(1.0, 2.0).sigmaW2(2).build()
        };
        for (UVConfig c : cfgs) {
            for (long seed = 0; seed < 3; seed++) {
                UVModel m = UVModel.init(c, seed);
                UVRun run = m.train(0.02, 5); // also off initialisation (eta * lambda < 2)
                for (UVModel mm : new UVModel[] {m, run.last()}) {
                    double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(mm.hessian())).getRealEigenvalues();
                    double top = Arrays.stream(ev).max().getAsDouble();
                    double trace = Arrays.stream(ev).sum();
                    assertEquals(top, mm.lambdaH(), 1e-10 * (1 + Math.abs(top)), c + " seed " + seed);
                    assertEquals(trace, mm.lambda(), 1e-10 * (1 + Math.abs(trace)), "Tr H = lambda");
                }
            }
        }
    }

    @Test
    void divergenceIsFlagged() {
        // eta above eta_upper = 2 eta_c = 1 at |x|=1, y=2, n_eff=1 (muP, n=8)
        UVRun run = UVModel.init(UVConfig.builder().n(8).muP().eta(1.6).build(), 3).train(500);
        assertTrue(run.diverged());
        assertTrue(run.divergedAt() > 0 && run.divergedAt() <= 500);
        assertEquals(run.divergedAt(), run.df().length);
        assertEquals(run.divergedAt(), run.table().rowCount());
        assertTrue(Arrays.stream(run.loss()).allMatch(Double::isFinite));
    }

    @Test
    void learningRateScales() {
        UVConfig c = UVConfig.builder().n(16).k(2.0).build();
        UVModel m = UVModel.init(c, 5);
        assertEquals(2.0 / m.lambda(), m.eta(), 1e-15);
        assertEquals(2.0 / m.lambdaH(), UVModel.init(c.withC(2.0), 5).eta(), 1e-15);
        assertEquals(0.4, UVModel.init(c.withEta(0.4), 5).eta(), 0);
    }

    @Test
    void configValidationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UVConfig.builder().p(1.5).build());
        assertTrue(e.getMessage().contains("p must be in [0, 1]"));
        assertThrows(IllegalArgumentException.class, () -> UVConfig.builder().n(0).build());
        assertThrows(IllegalArgumentException.class, () -> UVConfig.builder().sigmaW2(-1).build());
        assertThrows(IllegalArgumentException.class, () -> UVConfig.builder().x(0, 0).build());
        assertThrows(IllegalArgumentException.class, () -> UVConfig.builder().eta(0).build());
        assertEquals(512.0, UVConfig.builder().n(512).build().nEff(), 1e-12);
        assertEquals(1.0, UVConfig.builder().n(512).muP().build().nEff(), 1e-12);
    }

    @Test
    void stepRejectsNaNAndNegativeEta() {
        UVModel m = UVModel.init(UVConfig.builder().build(), 1);
        assertEquals("eta must be finite and > 0, got NaN",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> m.step(Double.NaN)).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.step(-0.1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.lateLambdas(0.1, 10, -1));
    }
}
