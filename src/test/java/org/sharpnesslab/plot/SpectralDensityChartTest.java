package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.spectrum.DenseSpectrum;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.spectrum.SlqOptions;
import org.sharpnesslab.spectrum.SpectralDensity;
import org.sharpnesslab.spectrum.StochasticLanczos;

class SpectralDensityChartTest {

    @Test
    void chartIsAFigureWithTheDensity() {
        double[][] a = new double[30][30];
        for (int i = 0; i < 30; i++) {
            a[i][i] = i < 3 ? 10 - i : 0.1 * i;
        }
        SpectralDensity d = StochasticLanczos.density(LinearOperator.ofDense(a), SlqOptions.DEFAULTS.withStarts(2));
        Figure f = SpectralDensityChart.of(d);
        assertEquals(1, f.getSeriesMap().size());
        assertTrue(f.isLogY());
    }

    @Test
    void compareDrawsEstimateAndExactDensity() {
        double[][] a = new double[30][30];
        for (int i = 0; i < 30; i++) {
            a[i][i] = i < 3 ? 10 - i : 0.1 * i;
        }
        SpectralDensity d = StochasticLanczos.density(LinearOperator.ofDense(a), SlqOptions.DEFAULTS.withStarts(2));
        Figure f = SpectralDensityChart.compare(d, DenseSpectrum.of(LinearOperator.ofDense(a)));
        assertEquals(2, f.getSeriesMap().size());
    }
}
