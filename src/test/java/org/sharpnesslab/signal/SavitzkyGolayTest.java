package org.sharpnesslab.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SavitzkyGolayTest {

    /** p(x) = 1 − 2x + 0.5x² + 0.25x³ on x = 0.3 + 0.1 i. */
    private static double p(double x, int d) {
        return switch (d) {
            case 0 -> 1 - 2 * x + 0.5 * x * x + 0.25 * x * x * x;
            case 1 -> -2 + x + 0.75 * x * x;
            case 2 -> 1 + 1.5 * x;
            default -> 1.5;
        };
    }

    @Test
    void derivativesOfACubicAreExactEverywhereIncludingTheEnds() {
        int n = 40;
        double dx = 0.1;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = p(0.3 + dx * i, 0);
        }
        SavitzkyGolay sg = SavitzkyGolay.of(9, 3);
        for (int d = 0; d <= 3; d++) {
            double[] out = sg.derivative(y, d, dx);
            for (int i = 0; i < n; i++) {
                assertEquals(p(0.3 + dx * i, d), out[i], 1e-9, "derivative " + d + " at " + i);
            }
        }
    }

    @Test
    void smoothingAveragesNoiseOfAConstant() {
        double[] y = {1, -1, 1, -1, 1, -1, 1, -1, 1};
        // order 0 over the centred window of 5: the mean of 5 alternating ±1 is ±0.2
        double[] s = SavitzkyGolay.of(5, 0).smooth(y);
        assertEquals(0.2, s[4], 1e-12);
        assertEquals(-0.2, s[3], 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(4, 2));
        assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(5, 5));
        assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(5, 2).derivative(new double[3], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(3, 2).derivative(new double[] {1, Double.NaN, 2}, 0, 1));
    }
}
