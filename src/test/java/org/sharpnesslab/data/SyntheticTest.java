package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticTest {

    @Test
    void gaussianHasStandardNormalEntries() {
        Dataset data = Datasets.gaussian(2000, 50, 3, 7);
        assertEquals(2000, data.size());
        assertEquals(50, data.inputDim());
        assertEquals(3, data.outputDim());
        assertNull(data.labels());
        double[] xs = DatasetSummary.stats(data.inputs());
        // 100,000 N(0,1) entries: std error of the mean 0.0032, of the std 0.0022; tolerance ~4 sigma
        assertEquals(0.0, xs[0], 0.013);
        assertEquals(1.0, xs[1], 0.01);
        double[] ys = DatasetSummary.stats(data.targets());
        // 6,000 entries: std error of the mean 0.013
        assertEquals(0.0, ys[0], 0.052);
        assertEquals(1.0, ys[1], 0.04);
    }

    @Test
    void inputsAndTargetsAreUncorrelated() {
        Dataset data = Datasets.gaussian(4000, 1, 1, 11);
        double c = 0;
        for (int i = 0; i < data.size(); i++) {
            c += data.inputs()[i] * data.targets()[i];
        }
        // sample correlation of independent N(0,1): std 1/sqrt(4000) = 0.016
        assertEquals(0.0, c / data.size(), 0.064);
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        Dataset a = Datasets.gaussian(10, 4, 2, 3);
        Dataset b = Datasets.gaussian(10, 4, 2, 3);
        Dataset c = Datasets.gaussian(10, 4, 2, 4);
        assertArrayEquals(a.inputs(), b.inputs(), 0.0);
        assertArrayEquals(a.targets(), b.targets(), 0.0);
        assertNotEquals(a.inputs()[0], c.inputs()[0]);
        // the first input is the first nextGaussian of new Random(seed)
        assertEquals(new java.util.Random(3).nextGaussian(), a.inputs()[0], 0.0);
    }

    @Test
    void generativeTargetsAreTheFunctionOfTheGaussianInputs() {
        Function<double[], double[]> f = x -> new double[] {x[0] * x[1], Math.sin(x[2]), 2 * x[0] - x[2]};
        Dataset g = Datasets.generative(50, 3, f, 5);
        Dataset random = Datasets.gaussian(50, 3, 1, 5);
        assertArrayEquals(random.inputs(), g.inputs(), 0.0, "same inputs as the random dataset with the seed");
        assertEquals(3, g.outputDim());
        for (int i = 0; i < g.size(); i++) {
            assertArrayEquals(f.apply(g.input(i)), g.target(i), 0.0);
        }
    }

    @Test
    void generativeWithABatchFunctionGivesTheSameAsPerExample() {
        // a linear "teacher" y = W x with W 2x4, as a batch and per example
        double[][] w = {{1, -2, 0.5, 3}, {0, 1, 1, -1}};
        BatchFunction batch = (x, n, d) -> {
            double[] y = new double[n * 2];
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 2; r++) {
                    for (int j = 0; j < d; j++) {
                        y[i * 2 + r] += w[r][j] * x[i * d + j];
                    }
                }
            }
            return y;
        };
        Function<double[], double[]> single = x -> new double[] {
            w[0][0] * x[0] + w[0][1] * x[1] + w[0][2] * x[2] + w[0][3] * x[3],
            w[1][0] * x[0] + w[1][1] * x[1] + w[1][2] * x[2] + w[1][3] * x[3]};
        Dataset a = Datasets.generative(30, 4, batch, 9);
        Dataset b = Datasets.generative(30, 4, single, 9);
        assertArrayEquals(a.targets(), b.targets(), 1e-12);
    }

    @Test
    void badTargetFunctionsAreRejectedWithAMessage() {
        BatchFunction wrongCount = (x, n, d) -> new double[n * 2 + 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.generative(10, 2, wrongCount, 0));
        assertTrue(e.getMessage().contains("n*k"), e.getMessage());
        Function<double[], double[]> ragged = x -> new double[x[0] > 0 ? 1 : 2];
        assertThrows(IllegalArgumentException.class, () -> Datasets.generative(50, 2, ragged, 0));
        BatchFunction nan = (x, n, d) -> new double[n];
        BatchFunction withNaN = (x, n, d) -> {
            double[] y = nan.apply(x, n, d);
            y[3] = Double.NaN;
            return y;
        };
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.generative(10, 2, withNaN, 0));
        assertTrue(e.getMessage().contains("example 3"), e.getMessage());
    }

    @Test
    void invalidSizesNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.gaussian(0, 2, 1, 0));
        assertTrue(e.getMessage().startsWith("n must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.gaussian(3, 2, 0, 0));
        assertTrue(e.getMessage().startsWith("k must be >= 1"), e.getMessage());
    }
}
