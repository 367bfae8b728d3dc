package org.sharpnesslab.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PowerSpectrumTest {

    private static double[] randomSignal(int t, long seed) {
        Random r = new Random(seed);
        double[] x = new double[t];
        for (int i = 0; i < t; i++) x[i] = 3 + 2 * r.nextGaussian() + Math.sin(0.3 * i);
        return x;
    }

    @Test
    void parsevalStandardizedSumsToOneAndCentredToTheVariance() {
        for (int t : new int[] {2, 37, 100, 1001}) {
            double[] x = randomSignal(t, t);
            PowerSpectrum s = PowerSpectrum.of(x);
            assertEquals(1.0, s.total(), 1e-12, "T=" + t);
            assertEquals(0.0, s.power()[0], 1e-25);
            PowerSpectrum c = PowerSpectrum.centred(x);
            double mu = 0;
            for (double v : x) mu += v;
            mu /= t;
            double var = 0;
            for (double v : x) var += (v - mu) * (v - mu);
            var /= t;
            assertEquals(var, c.variance(), 1e-12 * var);
            assertEquals(var, c.total(), 1e-12 * var, "T=" + t);
            assertEquals(mu, s.mean(), 1e-12);
        }
    }

    @Test
    void pureCosinePeaksAtItsFrequencyForEvenAndOddLengths() {
        for (int[] tk : new int[][] {{50, 7}, {51, 5}, {97, 30}, {1000, 250}}) {
            int t = tk[0];
            int k = tk[1];
            double[] x = new double[t];
            for (int i = 0; i < t; i++) x[i] = 5 + 0.1 * Math.cos(2 * Math.PI * k * i / t);
            PowerSpectrum s = PowerSpectrum.of(x);
            assertEquals(k, s.peak(), "T=" + t);
            // standardised cosine: all power split equally between ω = k and ω = T − k
            assertEquals(0.5, s.power()[k], 1e-10);
            assertEquals(0.5, s.power()[t - k], 1e-10);
            for (int w = 0; w < t; w++) if (w != k && w != t - k) assertEquals(0.0, s.power()[w], 1e-10);
        }
    }

    @Test
    void matchesCommonsMathFftOnAPowerOfTwo() {
        int t = 64;
        double[] x = randomSignal(t, 3);
        PowerSpectrum s = PowerSpectrum.centred(x);
        double[] centred = new double[t];
        for (int i = 0; i < t; i++) centred[i] = x[i] - s.mean();
        Complex[] f = new FastFourierTransformer(DftNormalization.STANDARD).transform(centred, TransformType.FORWARD);
        for (int w = 0; w < t; w++) {
            double p = f[w].abs() * f[w].abs() / ((double) t * t);
            assertEquals(p, s.power()[w], 1e-12);
        }
    }

    @Test
    void period2OscillationSitsAtNyquist() {
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) x[i] = i % 2 == 0 ? 1 : -1;
        PowerSpectrum s = PowerSpectrum.of(x);
        assertEquals(10, s.peak());
        assertEquals(1.0, s.power()[10], 1e-12);
        Table half = s.halfTable();
        assertEquals(11, half.rowCount());
        assertEquals(0.5, half.doubleColumn("frequency").get(10), 0);
        assertEquals(20, s.table().rowCount());
    }

    @Test
    void constantSignalHasZeroPowerAndBadInputIsRejected() {
        PowerSpectrum s = PowerSpectrum.of(new double[] {2, 2, 2, 2, 2});
        assertEquals(0.0, s.total(), 0);
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrum.of(new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowerSpectrum.of(new double[] {1, Double.NaN, 2}));
        assertTrue(e.getMessage().contains("NaN"));
        PowerSpectrum last = PowerSpectrum.ofLast(randomSignal(50, 1), 20);
        assertEquals(20, last.length());
    }
}
