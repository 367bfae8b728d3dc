package org.sharpnesslab.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LyapunovTest {

    @Test
    void logisticAtFourIsLn2() {
        // exact value ln 2 (the map is conjugate to the tent map); statistical error ~ 1/√n ≈ 1e-3 at n = 1e6
        LyapunovSpectrum l = Lyapunov.exponent(Maps.logistic(4), 0.3, 1000, 1_000_000);
        assertFalse(l.diverged());
        assertEquals(Math.log(2), l.max(), 5e-3);
        assertEquals(100, l.convergence().rowCount());
        assertEquals(l.max(), l.running()[99][0], 1e-15);
    }

    @Test
    void logisticStableFixedPointExponentIsLnOfItsMultiplier() {
        // at r = 2.5 the orbit settles on 1 − 1/r with multiplier 2 − r: λ = ln |2 − r| = ln 0.5
        LyapunovSpectrum l = Lyapunov.exponent(Maps.logistic(2.5), 0.2, 200, 10_000);
        assertEquals(Math.log(0.5), l.max(), 1e-9);
        // the numerical derivative gives the same within its error
        LyapunovSpectrum n = Lyapunov.exponent(Maps.of1D(x -> 2.5 * x * (1 - x)), 0.2, 200, 10_000);
        assertEquals(Math.log(0.5), n.max(), 1e-8);
    }

    @Test
    void henonSpectrum() {
        // reference (0.419, −1.623) (ChaosTools.jl docs; Sprott 2003); sum = ln b since det J = −b everywhere
        LyapunovSpectrum l = Lyapunov.spectrum(Maps.henon(1.4, 0.3), new double[] {0.1, 0.1}, 1000, 200_000);
        assertFalse(l.diverged());
        assertEquals(0.419, l.exponents()[0], 0.01);
        assertEquals(-1.623, l.exponents()[1], 0.01);
        assertEquals(Math.log(0.3), l.sum(), 1e-10);
        assertEquals(java.util.List.of("step", "lambda_1", "lambda_2"), l.convergence().columnNames());
    }

    @Test
    void linearMapSpectrumIsLogOfEigenvalueModuli() {
        // non-normal upper-triangular A: eigenvalues 0.9 and −0.3
        LyapunovSpectrum l = Lyapunov.spectrum(Maps.linear(new double[][] {{0.9, 5}, {0, -0.3}}),
                new double[] {1, 1}, 0, 5000);
        assertEquals(Math.log(0.9), l.exponents()[0], 2e-3);
        assertEquals(Math.log(0.3), l.exponents()[1], 2e-3);
        // 3-D with a complex pair 0.8 e^{±i} and 0.5: exponents ln 0.8, ln 0.8, ln 0.5
        double c = 0.8 * Math.cos(1);
        double s = 0.8 * Math.sin(1);
        LyapunovSpectrum l3 = Lyapunov.spectrum(Maps.linear(new double[][] {{c, -s, 0.3}, {s, c, 0}, {0, 0, 0.5}}),
                new double[] {1, 0, 1}, 0, 5000);
        assertEquals(Math.log(0.8), l3.exponents()[0], 2e-3);
        assertEquals(Math.log(0.8), l3.exponents()[1], 2e-3);
        assertEquals(Math.log(0.5), l3.exponents()[2], 2e-3);
        assertEquals(2 * Math.log(0.8) + Math.log(0.5), l3.sum(), 1e-9);
    }

    @Test
    void divergenceIsFlagged() {
        LyapunovSpectrum l = Lyapunov.spectrum(Maps.henon(1.4, 0.3), new double[] {3, 3}, 0, 1000);
        assertTrue(l.diverged());
        assertTrue(l.steps() < 1000);
    }
}
